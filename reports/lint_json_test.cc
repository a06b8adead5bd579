#include "reports/lint_json.h"

#include <gtest/gtest.h>

#include "reports/lint_renderers_for_tests.h"

namespace sts {
namespace {

TEST(LintJson, SchemaDiagnosticsAndCounts) {
  const Json j = Json::parse(render_lint_json(testing_sample::lint_run()));
  EXPECT_EQ(j["schema"], "sts-grader/lint/v1");
  EXPECT_EQ(j["submission"], "subs/alice");
  EXPECT_EQ(j["source"], "helm");
  EXPECT_EQ(j["rubric"], "lab15");
  EXPECT_EQ(j["objects"], 4);
  ASSERT_EQ(j["diagnostics"].size(), 3u);
  const Json& d = j["diagnostics"][0];
  EXPECT_EQ(d, Json({{"file", "subs/alice/web.yaml"},
                     {"line", 27},
                     {"column", 3},
                     {"rendered", false},
                     {"severity", "error"},
                     {"rule", "service-name"},
                     {"message", "serviceName \"web-svc\" names no Service in the submission (Services: web, api)"},
                     {"fix", "spec.serviceName must exactly match the headless Service's metadata.name"}}));
  EXPECT_TRUE(j["diagnostics"][1]["rendered"].get<bool>());
  EXPECT_EQ(j["diagnostics"][2]["line"], 0);
  EXPECT_EQ(j["counts"], Json({{"error", 1}, {"warning", 1}, {"info", 1}}));
}

TEST(LintJson, EmptyRunAndInvalidUtf8) {
  LintRun r;
  r.diagnostics = {{{"a.yaml", 1, 1}, "error", "parse", "bad byte \xff here", ""}};
  const Json j = Json::parse(render_lint_json(r));
  EXPECT_EQ(j["diagnostics"][0]["message"], "bad byte \xef\xbf\xbd here");
  EXPECT_EQ(Json::parse(render_lint_json(LintRun{}))["diagnostics"], Json::array());
}

}  // namespace
}  // namespace sts
