#include "grader/batch/shard.h"

#include <gtest/gtest.h>

#include <set>

#include "grader/cli/cli.h"

namespace sts {
namespace {

std::vector<RosterEntry> roster(int n) {
  std::vector<RosterEntry> r;
  for (int k = 0; k < n; ++k) r.push_back({"s" + std::to_string(k), "/sub/" + std::to_string(k), "", "", {}, ""});
  return r;
}

std::vector<std::string> ids(const std::vector<RosterEntry>& es) {
  std::vector<std::string> out;
  for (const RosterEntry& e : es) out.push_back(e.student);
  return out;
}

TEST(Shard, ParsesIOverN) {
  Shard s = parse_shard("2/4");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 4);
  EXPECT_EQ(s.str(), "2/4");
  EXPECT_EQ(parse_shard("1/1").count, 1);
  for (const char* bad : {"", "2", "0/4", "5/4", "2/0", "-1/4", "+2/4", " 2/4", "2/4x", "a/b", "2//4", "1/9999999"})
    EXPECT_THROW(parse_shard(bad), std::invalid_argument) << bad;
}

TEST(Shard, RoundRobinInRosterOrder) {
  EXPECT_EQ(ids(shard_entries(roster(7), parse_shard("1/3"))), (std::vector<std::string>{"s0", "s3", "s6"}));
  EXPECT_EQ(ids(shard_entries(roster(7), parse_shard("2/3"))), (std::vector<std::string>{"s1", "s4"}));
  EXPECT_EQ(ids(shard_entries(roster(7), parse_shard("3/3"))), (std::vector<std::string>{"s2", "s5"}));
  EXPECT_EQ(shard_entries(roster(7), Shard{}).size(), 7u);  // no --shard: everyone
  EXPECT_TRUE(shard_entries(roster(2), parse_shard("3/3")).empty());  // more shards than students
}

TEST(Shard, EveryStudentInExactlyOneShard) {
  for (int n : {1, 2, 4, 13}) {
    std::multiset<std::string> seen;
    for (int i = 1; i <= n; ++i)
      for (const std::string& id : ids(shard_entries(roster(13), {i, n}))) seen.insert(id);
    EXPECT_EQ(seen.size(), 13u) << n;
    for (int k = 0; k < 13; ++k) EXPECT_EQ(seen.count("s" + std::to_string(k)), 1u) << n;
  }
}

TEST(Shard, CommandLine) {
  EXPECT_EQ(parse_args({"batch", "roster.csv", "--shard", "2/4"}).shard, "2/4");
  EXPECT_EQ(parse_args({"batch", "roster.csv", "--shard=1/1"}).shard, "1/1");
  EXPECT_EQ(parse_args({"batch", "roster.csv"}).shard, "");
  EXPECT_THROW(parse_args({"batch", "roster.csv", "--shard", "5/4"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "dir", "--shard", "1/2"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "roster.csv", "--shard", "1/2", "--lms", "canvas"}), UsageError);
}

}  // namespace
}  // namespace sts
