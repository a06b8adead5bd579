#include "reports/lint_sarif.h"

#include <gtest/gtest.h>

#include <set>

#include "grader/lint/lint_catalog.h"
#include "grader/base/version.h"
#include "reports/lint_renderers_for_tests.h"

namespace sts {
namespace {

// Structure per SARIF 2.1.0 (sarif-schema-2.1.0.json): the properties used
// here and their types; validated against the schema itself when this was written.
TEST(LintSarif, LogRunToolAndRules) {
  const Json s = Json::parse(render_lint_sarif(testing_sample::lint_run()));
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(s["runs"].size(), 1u);
  const Json& driver = s["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "sts-grader");
  EXPECT_EQ(driver["version"], kVersion);
  ASSERT_EQ(driver["rules"].size(), lint_rules().size());
  std::set<std::string> ids;
  for (const Json& r : driver["rules"]) {
    ids.insert(r["id"].get<std::string>());
    EXPECT_FALSE(r["shortDescription"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_FALSE(r["help"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_TRUE(std::set<std::string>({"error", "warning", "note"}).count(r["defaultConfiguration"]["level"]))
        << r["id"];
  }
  EXPECT_EQ(ids.size(), lint_rules().size()) << "rule ids are unique";
}

TEST(LintSarif, ResultsWithLevelsAndRelativeLocations) {
  const Json run = lint_sarif(testing_sample::lint_run())["runs"][0];
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  const Json& e = results[0];
  EXPECT_EQ(e["ruleId"], "service-name");
  EXPECT_EQ(run["tool"]["driver"]["rules"][e["ruleIndex"].get<int>()]["id"], "service-name");
  EXPECT_EQ(e["level"], "error");
  EXPECT_EQ(e["message"]["text"],
            "serviceName \"web-svc\" names no Service in the submission (Services: web, api)\nFix: spec.serviceName "
            "must exactly match the headless Service's metadata.name");
  const Json& loc = e["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"], Json({{"uri", "subs/alice/web.yaml"}, {"uriBaseId", "%SRCROOT%"}}));
  EXPECT_EQ(loc["region"], Json({{"startLine", 27}, {"startColumn", 3}}));
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[1]["properties"]["rendered"], true);
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_FALSE(results[2]["locations"][0]["physicalLocation"].contains("region")) << "line unknown: no region";
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "subs/alice/my%20dir/web%2C1.yaml");
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
}

TEST(LintSarif, UrisAreUriReferences) {
  EXPECT_EQ(sarif_uri("a/b c#d.yaml"), "a/b%20c%23d.yaml");
  EXPECT_EQ(sarif_uri("/abs/x.yaml"), "file:///abs/x.yaml");
  EXPECT_EQ(sarif_uri("k8s/templates/ß.yaml"), "k8s/templates/%C3%9F.yaml");
}

}  // namespace
}  // namespace sts
