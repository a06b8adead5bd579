// `sts-grader lint` end to end on example submissions: options, formats, exit codes.
#include <gtest/gtest.h>
#include "source_paths.h"

#include "grader/cli/commands.h"
#include "grader/lint/lint.h"

namespace sts {
namespace {

const std::string kExamples = STS_SOURCE_DIR "/examples/submissions/";

struct LintOutput {
  int exit = -1;
  std::string out;
};

LintOutput lint_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "lint");
  Options o = parse_args(args);
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  LintOutput r;
  r.exit = lint_command(o);
  r.out = testing::internal::GetCapturedStdout();
  testing::internal::GetCapturedStderr();
  return r;
}

TEST(LintCommand, FormatsAndChartOptionsParse) {
  Options o = parse_args({"lint", "sub", "--format", "sarif", "--helm", "/x/helm", "--values", "a.yaml", "--values=b.yaml"});
  EXPECT_EQ(o.lint_format, "sarif");
  EXPECT_EQ(o.helm, "/x/helm");
  EXPECT_EQ(o.values, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_EQ(parse_args({"lint", "sub"}).lint_format, "text");
  EXPECT_THROW(parse_args({"lint", "sub", "--format", "markdown"}), UsageError);
  EXPECT_EQ(parse_args({"grade", "sub", "--format", "json"}).formats, (std::vector<std::string>{"json"}));
}

TEST(LintCommand, ExitCodesAsForGrade) {
  EXPECT_EQ(lint_cli({kExamples + "minimal-busybox"}).exit, kExitPass);      // info facts only
  EXPECT_EQ(lint_cli({kExamples + "wrong-service-name"}).exit, kExitFail);   // an error
  EXPECT_EQ(lint_cli({kExamples + "invalid-yaml"}).exit, kExitNotGradable);  // unreadable
  EXPECT_EQ(lint_cli({kExamples + "hostile"}).exit, kExitNotGradable);       // grade would refuse it
  EXPECT_EQ(lint_cli({kExamples + "no-such-example"}).exit, kExitNotGradable);
  EXPECT_EQ(lint_cli({kExamples + "minimal-busybox", "--rubric", "/no/such/rubric.yaml"}).exit, kExitNotGradable);
}

TEST(LintCommand, TextJsonAndParseErrors) {
  LintOutput text = lint_cli({kExamples + "wrong-service-name"});
  EXPECT_NE(text.out.find("wrong-service-name/web.yaml:27:3: error: serviceName \"web-svc\" names no Service in the "
                          "submission (Services: web) [service-name]\n  fix: "),
            std::string::npos)
      << text.out;
  LintOutput json = lint_cli({kExamples + "invalid-yaml", "--format", "json"});
  const Json j = Json::parse(json.out);
  EXPECT_EQ(j["source"], "manifests");
  EXPECT_EQ(j["rubric"], "lab04-section3");
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  EXPECT_EQ(j["diagnostics"][0]["rule"], "parse");
  EXPECT_EQ(j["diagnostics"][0]["line"], 8);
  EXPECT_EQ(j["diagnostics"][0]["file"], kExamples + "invalid-yaml/web.yaml");
  LintOutput gh = lint_cli({kExamples + "emptydir-volume", "--format", "github"});
  EXPECT_EQ(gh.out.rfind("::error file=" + kExamples + "emptydir-volume/web.yaml,line=57,col=9,title=shared-volume::", 0), 0u)
      << gh.out;
}

}  // namespace
}  // namespace sts
