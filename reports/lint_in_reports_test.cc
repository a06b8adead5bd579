// The manifest analysis in the grading reports: Markdown section, report.json's
// "lint" array, JUnit properties and suite output. It explains; it never scores.
#include <gtest/gtest.h>

#include "reports/json_report.h"
#include "reports/junit.h"
#include "reports/markdown.h"
#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

using namespace testing_sample;

RunInfo run_with_lint() {
  RunInfo r = run();
  Diagnostic d{{"sub/web.yaml", 27, 3}, "error", "service-name", "serviceName \"web-svc\" names no Service <b>",
               "set spec.serviceName"};
  Diagnostic i{{"sub/k8s/templates/sts.yaml", 14, 5}, "info", "update-strategy", "OnDelete", ""};
  i.pos.rendered = true;
  r.lint = {d, i};
  return r;
}

TEST(LintInReports, MarkdownHasAManifestAnalysisSection) {
  const std::string md = render_markdown(run_with_lint(), score(), observations());
  const size_t at = md.find("\n## Manifest analysis\n");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(md.find("- `sub/web.yaml:27:3` **error** serviceName \"web-svc\" names no Service \\<b\\> `service-name`\n"
                    "  - fix: set spec.serviceName\n",
                    at),
            std::string::npos)
      << md.substr(at, 600);
  EXPECT_NE(md.find("`sub/k8s/templates/sts.yaml:14:5 (rendered)` **info** OnDelete `update-strategy`", at),
            std::string::npos);
  EXPECT_NE(md.find("change no points"), std::string::npos);
  const std::string clean = render_markdown(run(), score(), observations());
  EXPECT_NE(clean.find("## Manifest analysis\n\nRead before the run: no findings.\n"), std::string::npos);
}

TEST(LintInReports, JsonHasTheFindingsAndTheSameScore) {
  const Json with = report_json(run_with_lint(), score(), observations());
  ASSERT_EQ(with["lint"].size(), 2u);
  EXPECT_EQ(with["lint"][0]["rule"], "service-name");
  EXPECT_EQ(with["lint"][0]["line"], 27);
  EXPECT_EQ(with["lint"][1]["rendered"], true);
  const Json without = report_json(run(), score(), observations());
  EXPECT_EQ(without["lint"], Json::array());
  EXPECT_EQ(with["score"], without["score"]) << "lint never changes the score";
}

TEST(LintInReports, JunitCountsInPropertiesAndListsInSuiteOutput) {
  const std::string xml = render_junit(run_with_lint(), score(), observations());
  EXPECT_NE(xml.find("<property name=\"lint_errors\" value=\"1\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"lint_warnings\" value=\"0\"/>"), std::string::npos);
  EXPECT_NE(xml.find("Manifest analysis (sts-grader lint):\nsub/web.yaml:27:3: error: serviceName \"web-svc\" "
                     "names no Service &lt;b&gt; [service-name]\n  fix: set spec.serviceName\n"),
            std::string::npos)
      << xml;
  // Same tests, same failures: lint adds no testcase.
  const std::string plain = render_junit(run(), score(), observations());
  auto testcases = [](const std::string& s) {
    size_t n = 0;
    for (size_t at = s.find("<testcase "); at != std::string::npos; at = s.find("<testcase ", at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(testcases(xml), testcases(plain));
  EXPECT_EQ(xml.substr(0, xml.find("<testsuite ")), plain.substr(0, plain.find("<testsuite ")));
}

}  // namespace
}  // namespace sts
