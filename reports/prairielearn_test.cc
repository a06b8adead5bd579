#include "reports/prairielearn.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "reports/golden_for_tests.h"
#include "reports/gradebook_sample_for_tests.h"
#include "reports/sample_run_for_tests.h"
#include "reports/writer.h"

namespace sts {
namespace {
using namespace testdata;
using testing_golden::compare_with_golden;

// The batch sample, with a crash-looping pod's evidence on the failed DNS check.
Json sample_report() {
  Json r = batch_report({{"pass", 1}, {"fail", 0}, {"fail", 0}});
  r["checks"][1]["assertions"] = Json::array({{{"id", "resolves"}, {"description", "web-0.web resolves"},
                                               {"passed", false}, {"detail", "NXDOMAIN"}}});
  r["checks"][1]["evidence"] = Json::array({{{"label", "lookups"}, {"text", "web-0.web -> (not found)"}}});
  r["checks"][1]["debug_evidence"] = true;
  r["debug_evidence"] = {
      {"t", 50.5},
      {"pods", Json::array({{{"name", "web-0"}, {"phase", "Running"},
                             {"conditions", Json::array({"Ready=False (ContainersNotReady)"})},
                             {"containers", Json::array({{{"name", "app"}, {"state", "waiting: CrashLoopBackOff"},
                                                          {"last_state", "terminated: Error (exit 1)"},
                                                          {"log", ""}, {"previous_log", "config missing\n"},
                                                          {"log_error", ""}, {"restarts", 3}}})}}})},
      {"events", Json::array({"21:10:09 Warning BackOff Pod/web-0: Back-off restarting failed container app (x5)"})},
      {"error", ""}};
  r["lint"] = Json::array({{{"file", "k8s/web.yaml"}, {"line", 27}, {"severity", "error"},
                            {"message", "serviceName \"web-svc\" names no Service"}, {"rule", "service-name"}}});
  return r;
}

TEST(PrairieLearn, GoldenResultsForAFailedRun) {
  const Json j = prairielearn_results(sample_report());
  EXPECT_EQ(compare_with_golden("prairielearn_lab04.json", j.dump(2) + "\n"), "");
}

TEST(PrairieLearn, ScoreIsTheFractionOfTheMachineGradedBase) {
  const Json j = prairielearn_results(sample_report());
  EXPECT_TRUE(j["gradable"].get<bool>());
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 1.0 / 3);
  ASSERT_EQ(j["tests"].size(), 3u);  // the manual item is no test: it is graded by hand
  EXPECT_EQ(j["tests"][0]["points"], 1.0);
  EXPECT_EQ(j["tests"][0]["max_points"], 1.0);
  EXPECT_NE(j["message"].get<std::string>().find("Graded by hand, not in this score: Written answers (2)"),
            std::string::npos);
  // The failed check carries the debug evidence; the hidden one says nothing.
  const std::string dns = j["tests"][1]["output"];
  EXPECT_NE(dns.find("[ ] web-0.web resolves — NXDOMAIN"), std::string::npos) << dns;
  EXPECT_NE(dns.find("log of the previous instance:\nconfig missing\n"), std::string::npos) << dns;
  EXPECT_EQ(j["tests"][2]["output"], "The details of this check are hidden.");
  EXPECT_EQ(j["tests"][1]["message"], "dns-resolution: fail\nWhy: because of a mistake\nHint: fix it like this");

  // Bonus points make up for lost ones and never pass 1.
  Json bonus = sample_report();
  bonus["checks"][2]["bonus"] = true;      // the base is now 2 points
  bonus["score"]["earned"] = 3.0;
  EXPECT_DOUBLE_EQ(prairielearn_results(bonus)["score"].get<double>(), 1.0);
  bonus["score"]["earned"] = 1.0;
  EXPECT_DOUBLE_EQ(prairielearn_results(bonus)["score"].get<double>(), 0.5);
}

TEST(PrairieLearn, NotGradableHasNoScoreAndKeepsTheAttempt) {
  Json r = sample_report();
  r["score"]["gradable"] = false;
  r["score"]["earned"] = nullptr;
  r["score"]["reason"] = "dns: the cluster's DNS does not answer (control lookup of kubernetes.default)";
  r["score"]["verdict"] = "NOT GRADABLE: the cluster's DNS does not answer";
  const Json j = prairielearn_results(r);
  EXPECT_FALSE(j["gradable"].get<bool>());
  EXPECT_FALSE(j.contains("score"));
  EXPECT_EQ(j["format_errors"], Json::array({r["score"]["reason"]}));
  EXPECT_EQ(j["message"].get<std::string>().rfind("NOT GRADABLE", 0), 0u);
  EXPECT_FALSE(prairielearn_results(Json())["gradable"].get<bool>());
}

TEST(PrairieLearn, StaysUnderTheSizeLimit) {
  Json r = sample_report();
  const std::string huge(400 * 1000, 'x');
  for (Json& c : r["checks"]) c["evidence"] = Json::array({{{"label", "big"}, {"text", huge}}});
  r["checks"][2]["hidden"] = false;
  const Json j = prairielearn_results(r, kPrairieLearnMaxBytes);
  const size_t size = j.dump(2).size();
  EXPECT_LT(size, kPrairieLearnMaxBytes);
  EXPECT_GT(size, 100 * 1000u);  // cut to fit, not emptied
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 1.0 / 3);
  // A tiny limit still gives a valid, smaller file with every test.
  const Json small = prairielearn_results(r, 4000);
  EXPECT_LT(small.dump(2).size(), 4000u);
  EXPECT_EQ(small["tests"].size(), 3u);
}

}  // namespace
}  // namespace sts

namespace sts {
namespace {

TEST(PrairieLearn, GradeWritesResultsJsonWhenAsked) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sts-pl-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto written = write_reports(dir.string(), {"prairielearn"}, testing_sample::run(),
                                     testing_sample::score(), testing_sample::observations());
  ASSERT_EQ(written, std::vector<std::string>{(dir / "results.json").string()});
  std::ifstream in(dir / "results.json");
  const Json j = Json::parse(in);
  EXPECT_TRUE(j["gradable"].get<bool>());
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 2.5 / 4);
  EXPECT_FALSE(fs::exists(dir / "report.json"));  // only what was asked for
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sts
