#include "reports/gradescope.h"

#include <gtest/gtest.h>

#include <set>

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

namespace sts {
namespace {
using namespace testdata;

// Gradescope's autograder specification: the keys it reads and their values.
void expect_valid_gradescope_results(const Json& j) {
  static const std::set<std::string> top = {"score", "execution_time", "output", "output_format",
                                            "test_output_format", "test_name_format", "visibility",
                                            "stdout_visibility", "extra_data", "tests", "leaderboard"};
  static const std::set<std::string> test = {"score", "max_score", "status", "name", "name_format", "number",
                                             "output", "output_format", "tags", "visibility", "extra_data"};
  static const std::set<std::string> visibility = {"hidden", "after_due_date", "after_published", "visible"};
  static const std::set<std::string> formats = {"text", "html", "simple_format", "md", "ansi"};
  ASSERT_TRUE(j.is_object());
  for (const auto& [k, v] : j.items()) EXPECT_TRUE(top.count(k)) << "unknown top-level key " << k;
  ASSERT_TRUE(j["score"].is_number());  // never absent: tests' scores would then be summed
  for (const char* k : {"visibility", "stdout_visibility"}) {
    if (j.contains(k)) {
      EXPECT_TRUE(visibility.count(j[k].get<std::string>())) << k;
    }
  }
  for (const char* k : {"output_format", "test_output_format"}) {
    if (j.contains(k)) {
      EXPECT_TRUE(formats.count(j[k].get<std::string>())) << k;
    }
  }
  if (j.contains("execution_time")) {
    EXPECT_TRUE(j["execution_time"].is_number_integer());
  }
  if (j.contains("output")) {
    EXPECT_TRUE(j["output"].is_string());
  }
  double sum = 0;
  for (const Json& t : j["tests"]) {
    for (const auto& [k, v] : t.items()) EXPECT_TRUE(test.count(k)) << "unknown test key " << k;
    EXPECT_TRUE(t["name"].is_string());
    EXPECT_TRUE(t["max_score"].is_number());
    EXPECT_TRUE(visibility.count(t["visibility"].get<std::string>()));
    if (t.contains("status")) {
      EXPECT_TRUE(t["status"] == "passed" || t["status"] == "failed");
    }
    if (t.contains("score")) sum += t["score"].get<double>();
  }
  EXPECT_DOUBLE_EQ(sum, j["score"].get<double>());  // the tests add up to the score shown
}

TEST(Gradescope, AutograderResultsFollowTheSpecification) {
  const Json report = batch_report({{"pass", 1}, {"fail", 0.5}, {"fail", 0}});
  const std::string md = "# StatefulSet report: Lab 04\n\n**1.5/3 — 2 checks failed**\n";
  std::optional<Json> r = gradescope_autograder_results(report, md);
  ASSERT_TRUE(r);
  expect_valid_gradescope_results(*r);
  EXPECT_EQ((*r)["output"], md);
  EXPECT_EQ((*r)["output_format"], "md");
  EXPECT_EQ((*r)["stdout_visibility"], "hidden");
  EXPECT_EQ((*r)["tests"][2]["visibility"], "after_published");  // hidden: true in the rubric
  expect_valid_gradescope_results(*gradescope_results(report));   // the batch's too
  // The report bounds the output; a huge one is cut, not dropped.
  std::optional<Json> big = gradescope_autograder_results(report, std::string(2 * kGradescopeMaxOutput, 'x'));
  EXPECT_LT((*big)["output"].get<std::string>().size(), kGradescopeMaxOutput + 64);
  // Not gradable: nothing, never a zero.
  Json bad = report;
  bad["score"]["gradable"] = false;
  bad["score"]["earned"] = nullptr;
  EXPECT_FALSE(gradescope_autograder_results(bad, md));
}

}  // namespace
}  // namespace sts
