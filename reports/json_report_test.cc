#include "reports/json_report.h"

#include <gtest/gtest.h>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

using namespace testing_sample;

TEST(ReportJson, TopLevelAndScore) {
  const Json j = Json::parse(render_json(run(), score(), observations()));
  EXPECT_EQ(j["schema"], "sts-grader/report/v1");
  for (const char* key : {"run", "score", "checks", "observations"}) EXPECT_TRUE(j.contains(key)) << key;
  const Json& s = j["score"];
  EXPECT_EQ(s["earned"], 2.5);
  EXPECT_EQ(s["possible"], 6);
  EXPECT_EQ(s["machine_possible"], 4);
  EXPECT_EQ(s["gradable"], true);
  EXPECT_EQ(s["reason"], "");
  EXPECT_EQ(s["verdict"], "2.5/4 — 1 check failed, 1 skipped; 2 more points judged by the instructor");
  EXPECT_EQ(s["counts"], Json::parse(R"({"passed":2,"failed":1,"errors":0,"skipped":1,"manual":1})"));
}

TEST(ReportJson, NotGradableHasNoEarnedScore) {
  Score sc = score();
  sc.gradable = false;
  sc.not_gradable_reason = "cluster unreachable";
  const Json j = report_json(run(), sc, observations());
  EXPECT_TRUE(j["score"]["earned"].is_null());
  EXPECT_EQ(j["score"]["gradable"], false);
  EXPECT_EQ(j["score"]["reason"], "cluster unreachable");
}

TEST(ReportJson, RunInfo) {
  const Json r = report_json(run(), score(), observations())["run"];
  EXPECT_EQ(r["rubric"]["id"], "lab04-section3");
  EXPECT_EQ(r["cluster"]["version"], "v1.33.1");
  EXPECT_EQ(r["namespace"], "sts-grader-ab12");
  EXPECT_EQ(r["required_namespace"], "statefulset-lab");
  EXPECT_EQ(r["wall_seconds"], 95.25);
  EXPECT_EQ(r["cleaned_up"], true);
  EXPECT_EQ(r["cleanup_pending"], false);
  EXPECT_EQ(r["verdict_seconds"], 60.5);
  EXPECT_EQ(r["cleanup_seconds"], 2.5);
  EXPECT_EQ(r["scenario_seconds"], 55.0);
  EXPECT_EQ(r["scenario_waiting_seconds"], 50.0);
  EXPECT_EQ(r["notes"].size(), 1u);
}

TEST(ReportJson, ChecksCarryTheirEvidenceUnlessHidden) {
  const Json checks = report_json(run(), score(), observations())["checks"];
  ASSERT_EQ(checks.size(), 5u);
  const Json& identity = checks[1];
  EXPECT_EQ(identity["id"], "identity-persistence");
  EXPECT_EQ(identity["status"], "fail");
  EXPECT_EQ(identity["earned"], 0.5);
  EXPECT_EQ(identity["partial"], true);
  ASSERT_EQ(identity["assertions"].size(), 2u);
  EXPECT_EQ(identity["assertions"][1]["id"], "original-content");
  EXPECT_EQ(identity["assertions"][1]["passed"], false);
  EXPECT_EQ(identity["assertions"][1]["weight"], 1.0);
  EXPECT_EQ(identity["evidence"][0]["t"], 40.0);
  EXPECT_EQ(identity["hint"], "write the identity file only if it does not exist yet");
  EXPECT_EQ(checks[2]["status"], "skipped");
  EXPECT_EQ(checks[2]["explanation"], "requires pvc-retention, which failed");
  EXPECT_EQ(checks[3]["hidden"], true);
  EXPECT_EQ(checks[3]["hint"], "");  // withheld
  EXPECT_EQ(checks[4]["status"], "manual");
  EXPECT_EQ(checks[4]["id"], "");
}

TEST(ReportJson, ObservationsSummary) {
  const Json o = report_json(run(), score(), observations())["observations"];
  EXPECT_EQ(o["marks"].size(), 2u);
  ASSERT_EQ(o["pod_lives"].size(), 4u);
  const Json& first_web1 = o["pod_lives"][1];
  EXPECT_EQ(first_web1["name"], "web-1");
  EXPECT_EQ(first_web1["created"]["t"], 5.0);
  EXPECT_EQ(first_web1["ready"]["t"], 9.0);
  EXPECT_EQ(first_web1["deleted"]["t"], 30.0);
  EXPECT_TRUE(o["pod_lives"][0]["deleted"].is_null());
  EXPECT_EQ(first_web1["claims"], Json::array({"www-web-1"}));
  EXPECT_EQ(o["volume_reads"].size(), 3u);
  EXPECT_EQ(o["volume_reads"][1]["files"]["index.html"], "I am web-1");
  EXPECT_EQ(o["dns_lookups"][0]["addresses"], Json::array({"10.1.0.11"}));
  EXPECT_EQ(o["failures"][0]["step"], "scale-down");
  EXPECT_EQ(o["snapshots"][0]["id"], "initial");
  EXPECT_EQ(o["scenario_params"]["delete_ordinal"], 1);
}

TEST(ReportJson, InvalidUtf8InStudentContentIsReplacedNotFatal) {
  Observations o = observations();
  o.volume_reads[0].files["bin"] = "\xFF\xFE binary";
  std::string text;
  ASSERT_NO_THROW(text = render_json(run(), score(), o));
  const Json j = Json::parse(text);
  EXPECT_EQ(j["observations"]["volume_reads"][0]["files"]["bin"], "\xEF\xBF\xBD\xEF\xBF\xBD binary");
}

}  // namespace
}  // namespace sts
