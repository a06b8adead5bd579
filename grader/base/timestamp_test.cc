#include "grader/base/timestamp.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sts {
namespace {

TEST(Rfc3339, Parses) {
  using namespace std::chrono;
  auto epoch = [](const std::string& s) {
    return duration_cast<milliseconds>(parse_rfc3339(s).time_since_epoch()).count();
  };
  EXPECT_EQ(epoch("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(epoch("2024-03-01T12:30:05Z"), 1709296205000);
  EXPECT_EQ(epoch("2024-03-01T12:30:05.250Z"), 1709296205250);
  EXPECT_EQ(epoch("2024-03-01T14:30:05+02:00"), 1709296205000);
  EXPECT_EQ(parse_rfc3339("2999-01-01T00:00:00Z"), system_clock::time_point::max());
  EXPECT_THROW(parse_rfc3339("2024-03-01 garbage"), std::invalid_argument);
  EXPECT_THROW(parse_rfc3339("2024-03-01T12:30:05"), std::invalid_argument);
}

TEST(Timestamp, PartsSayWhatWasWritten) {
  std::optional<Timestamp> t = parse_timestamp_parts("2026-03-01 23:59");
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->has_seconds);
  EXPECT_FALSE(t->has_zone);
  EXPECT_EQ(t->unix_seconds, 1772409540);
  t = parse_timestamp_parts("2026-03-02T00:59:00.5+01:00");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->has_seconds && t->has_zone);
  EXPECT_EQ(t->unix_seconds, 1772409540);
  EXPECT_DOUBLE_EQ(t->fraction, 0.5);
  EXPECT_FALSE(parse_timestamp_parts("2026-03-01T23:59:00 UTC"));
  EXPECT_FALSE(parse_timestamp_parts("2026-02-30T00:00:00Z"));
}

TEST(Timestamp, BeforeTheEpochToo) {
  EXPECT_EQ(parse_timestamp("1969-12-31T23:59:59Z"), -1);
}

}  // namespace
}  // namespace sts
