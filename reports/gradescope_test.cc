#include "reports/gradescope.h"

#include <gtest/gtest.h>

#include "reports/gradebook_sample_for_tests.h"

namespace sts {
namespace {
using namespace testdata;

TEST(Gradescope, ScoreTestsVisibilityAndManualItems) {
  std::optional<Json> r = gradescope_results(batch_report({{"pass", 1}, {"fail", 0.5}, {"skipped", 0}}));
  ASSERT_TRUE(r);
  const Json& j = *r;
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 1.5);
  EXPECT_EQ(j["execution_time"], 42);
  EXPECT_EQ(j["visibility"], "visible");
  EXPECT_EQ(j["stdout_visibility"], "hidden");
  EXPECT_NE(j["output"].get<std::string>().find("1.5/3"), std::string::npos);
  EXPECT_NE(j["output"].get<std::string>().find("statefulset-lab -> sts-grader-x"), std::string::npos);
  ASSERT_EQ(j["tests"].size(), 4u);
  const Json& t0 = j["tests"][0];
  EXPECT_EQ(t0["name"], "Test 1: Pod naming");
  EXPECT_EQ(t0["number"], "1");
  EXPECT_EQ(t0["score"], 1.0);
  EXPECT_EQ(t0["max_score"], 1.0);
  EXPECT_EQ(t0["status"], "passed");
  EXPECT_EQ(t0["visibility"], "visible");
  const Json& t1 = j["tests"][1];
  EXPECT_EQ(t1["status"], "failed");
  EXPECT_EQ(t1["score"], 0.5);
  EXPECT_EQ(t1["output"], "dns-resolution: fail\n\nWhy: because of a mistake\n\nHint: fix it like this");
  // A hidden rubric item appears once the instructor publishes grades.
  EXPECT_EQ(j["tests"][2]["visibility"], "after_published");
  EXPECT_EQ(j["tests"][2]["status"], "failed");
  // A manual item: marked for the instructor, no score or status of ours.
  const Json& m = j["tests"][3];
  EXPECT_EQ(m["name"], "Written answers");
  EXPECT_EQ(m["max_score"], 2.0);
  EXPECT_EQ(m["output"], "marked for the instructor");
  EXPECT_FALSE(m.contains("score"));
  EXPECT_FALSE(m.contains("status"));
  EXPECT_EQ(j["extra_data"]["sts_grader"]["rubric"], "lab04-section3");
}

TEST(Gradescope, NotGradableHasNoResultsRatherThanAZero) {
  Json report = batch_report({{"pass", 1}, {"pass", 1}, {"pass", 1}});
  report["score"]["gradable"] = false;
  report["score"]["earned"] = nullptr;
  EXPECT_FALSE(gradescope_results(report));
  EXPECT_FALSE(gradescope_results(Json()));
  EXPECT_FALSE(gradescope_results(Json::object()));
}

}  // namespace
}  // namespace sts
