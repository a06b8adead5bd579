#include "reports/gradebook.h"

#include <gtest/gtest.h>

#include <sstream>

#include "grader/batch/roster.h"
#include "reports/gradebook_sample_for_tests.h"

namespace sts {
namespace {
using namespace testdata;

std::vector<std::vector<std::string>> rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  for (std::string l; std::getline(in, l);) out.push_back(split_csv_line(l));
  return out;
}

// An item whose check did not apply went to the instructor at run time
// (manual_unless_applicable): no points of ours in its cell, and the maxima
// are the report's.
TEST(Gradebook, AnItemHandedToTheInstructorHasNoPointsAndTheReportsMaxima) {
  Json report = batch_report({{"pass", 1}, {"pass", 1}, {"manual", 0}});
  report["checks"][2]["manual"] = true;
  report["score"]["earned"] = 2.0;
  report["score"]["machine_possible"] = 2.0;
  auto r = rows(render_gradebook_csv({graded("alice", report)}, batch_rubric()));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1], (std::vector<std::string>{"alice", "2", "5", "2", "fail", "", "", "2", "1", "1", "",
                                            "", ""}));
}

TEST(Gradebook, OneRowPerStudentWithRawScoreLatePenaltyAndItems) {
  StudentOutcome alice = graded("alice", batch_report({{"pass", 1}, {"pass", 1}, {"pass", 1}}));
  StudentOutcome bob = graded("bob, jr", batch_report({{"pass", 1}, {"fail", 0.5}, {"skipped", 0}}));
  bob.late = lateness(1000 + 86400 + 5, 1000, LatePolicy{0.1, 3});
  alice.late = lateness(900, 1000, LatePolicy{0.1, 3});
  StudentOutcome carol = ungraded("carol", "not-gradable", "invalid YAML at web.yaml:3:1");
  StudentOutcome dave = ungraded("dave", "pending", "interrupted");
  auto r = rows(render_gradebook_csv({alice, bob, carol, dave}, batch_rubric()));
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0], (std::vector<std::string>{"student", "score", "max", "machine_max", "status",
                                            "late_days", "late_penalty", "final_score", "pod-naming",
                                            "dns-resolution", "pvc-reuse",
                                            "manual: Written answers", "reason"}));
  EXPECT_EQ(r[1], (std::vector<std::string>{"alice", "3", "5", "3", "pass", "0", "0", "3", "1", "1",
                                            "1", "", ""}));
  // Two started days late at 10 % a day: the raw score stays, final beside it.
  EXPECT_EQ(r[2], (std::vector<std::string>{"bob, jr", "1.5", "5", "3", "fail", "2", "0.2", "1.2",
                                            "1", "0.5", "0", "", ""}));
  EXPECT_EQ(r[3], (std::vector<std::string>{"carol", "", "5", "3", "not-gradable", "", "", "", "",
                                            "", "", "", "invalid YAML at web.yaml:3:1"}));
  EXPECT_EQ(r[4][4], "pending");
  EXPECT_EQ(r[4][1], "");
}

TEST(Gradebook, FormatsAndQuotes) {
  EXPECT_EQ(format_points(10), "10");
  EXPECT_EQ(format_points(9.58333), "9.58");  // as every other report shows it
  EXPECT_EQ(format_points(0.5), "0.5");
  EXPECT_EQ(format_points(-0.0001), "0");
  EXPECT_EQ(format_points(7.000000001), "7");
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
  EXPECT_EQ(csv_field(""), "");
}

}  // namespace
}  // namespace sts
