#include "grader/grading/lateness.h"

#include <gtest/gtest.h>

#include <fstream>

namespace sts {
namespace {

TEST(ParseTimestamp, ReadsRfc3339AndCommonExportForms) {
  const std::int64_t t = 1772409540;  // 2026-03-01T23:59:00Z
  EXPECT_EQ(parse_timestamp("2026-03-01T23:59:00Z"), t);
  EXPECT_EQ(parse_timestamp("2026-03-01T23:59:00"), t);       // no zone: UTC
  EXPECT_EQ(parse_timestamp("2026-03-01 23:59"), t);
  EXPECT_EQ(parse_timestamp(" 2026-03-01t23:59:00.123z "), t);
  EXPECT_EQ(parse_timestamp("2026-03-02T00:59:00+01:00"), t);
  EXPECT_EQ(parse_timestamp("2026-03-01T18:59:00-0500"), t);
  EXPECT_EQ(parse_timestamp("2024-02-29T00:00:00Z"), 1709164800);
}

TEST(ParseTimestamp, RejectsWhatIsNotATime) {
  for (const char* bad : {"", "2026-03-01", "yesterday", "2026-13-01T00:00Z", "2026-02-29T00:00Z",
                          "2026-03-01T24:00Z", "2026-03-01T23:59:00+5", "2026-03-01T23:59:00Q",
                          "1772409540", "2026-3-1T23:59"})
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
}

TEST(Lateness, StartedDaysCountAndThePolicyCapsThePenalty) {
  const std::int64_t due = 1772409540;
  const LatePolicy ten{0.1, 3};
  EXPECT_FALSE(lateness(std::nullopt, due, ten).known);
  EXPECT_FALSE(lateness(due, std::nullopt, ten).known);
  Lateness on_time = lateness(due, due, ten);
  EXPECT_TRUE(on_time.known);
  EXPECT_EQ(on_time.days, 0);
  EXPECT_EQ(on_time.penalty, 0);
  Lateness minute = lateness(due + 60, due, ten);
  EXPECT_EQ(minute.days, 1);
  EXPECT_DOUBLE_EQ(minute.penalty, 0.1);
  EXPECT_DOUBLE_EQ(minute.apply(9.5), 8.55);
  EXPECT_EQ(lateness(due + 86400, due, ten).days, 1);
  EXPECT_EQ(lateness(due + 86401, due, ten).days, 2);
  Lateness three = lateness(due + 3 * 86400, due, ten);
  EXPECT_NEAR(three.penalty, 0.3, 1e-12);
  Lateness four = lateness(due + 3 * 86400 + 1, due, ten);  // past max_days: nothing
  EXPECT_EQ(four.days, 4);
  EXPECT_EQ(four.penalty, 1);
  EXPECT_EQ(four.apply(10), 0);
  // No max_days: the penalty still never exceeds the score.
  EXPECT_EQ(lateness(due + 30 * 86400, due, LatePolicy{0.25, -1}).penalty, 1);
  // No policy: late days are reported, nothing withheld.
  Lateness free = lateness(due + 2 * 86400, due, LatePolicy{});
  EXPECT_EQ(free.days, 2);
  EXPECT_EQ(free.penalty, 0);
}

std::string rubric_with(const std::string& name, const std::string& top) {
  const std::string path = testing::TempDir() + "batch_late_" + name + ".yaml";
  std::ofstream(path) << "id: r\n" << top << "items:\n  - check: pod-naming\n    points: 1\n";
  return path;
}

std::string load_error(const std::string& name, const std::string& top) {
  try {
    load_rubric(rubric_with(name, top));
  } catch (const RubricError& e) {
    return e.what();
  }
  return "";
}

TEST(Lateness, RubricCarriesDueAndLatePolicy) {
  Rubric r = load_rubric(rubric_with(
      "ok", "due: 2026-03-01T23:59:00+01:00\nlate_policy: {per_day: 0.1, max_days: 3}\n"));
  EXPECT_EQ(r.due, "2026-03-01T23:59:00+01:00");
  EXPECT_DOUBLE_EQ(r.late_policy.per_day, 0.1);
  EXPECT_EQ(r.late_policy.max_days, 3);
  Rubric none = load_rubric(rubric_with("none", ""));
  EXPECT_EQ(none.due, "");
  EXPECT_EQ(none.late_policy.per_day, 0);
  EXPECT_EQ(none.late_policy.max_days, -1);

  EXPECT_NE(load_error("baddue", "due: next friday\n").find(":2:6: due must be a time"),
            std::string::npos)
      << load_error("baddue", "due: next friday\n");
  EXPECT_NE(load_error("bigday", "late_policy: {per_day: 10}\n").find("per_day is a fraction"),
            std::string::npos);
  EXPECT_NE(load_error("halfday", "late_policy: {max_days: 1.5}\n").find("max_days must be a whole"),
            std::string::npos);
  EXPECT_NE(load_error("typo", "late_policy: {per_days: 0.1}\n").find("unknown key 'per_days'"),
            std::string::npos);
}

}  // namespace
}  // namespace sts
