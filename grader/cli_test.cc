#include "grader/cli.h"

#include <gtest/gtest.h>

namespace sts {
namespace {
TEST(Cli, GradeWithOptions) {
  Options o = parse_args({"grade", "sub", "--context", "kind", "--out=r", "--keep",
                          "--format", "json,junit"});
  EXPECT_EQ(o.command, "grade");
  EXPECT_EQ(o.submission, "sub");
  EXPECT_EQ(o.context, "kind");
  EXPECT_EQ(o.out, "r");
  EXPECT_TRUE(o.keep);
  EXPECT_EQ(o.formats, (std::vector<std::string>{"json", "junit"}));
}
TEST(Cli, Record) {
  EXPECT_EQ(parse_args({"grade", "sub"}).record, "");
  EXPECT_EQ(parse_args({"grade", "sub", "--record", "obs.json"}).record, "obs.json");
  EXPECT_EQ(parse_args({"grade", "sub", "--record=o.json"}).record, "o.json");
  EXPECT_THROW(parse_args({"grade", "sub", "--record"}), UsageError);
  EXPECT_NE(usage().find("--record FILE"), std::string::npos);
}
TEST(Cli, MinScore) {
  EXPECT_LT(parse_args({"grade", "sub"}).min_score, 0);
  Options o = parse_args({"grade", "sub", "--min-score", "8.5"});
  EXPECT_DOUBLE_EQ(o.min_score, 8.5);
  EXPECT_FALSE(o.min_score_percent);
  o = parse_args({"grade", "sub", "--min-score=80%"});
  EXPECT_DOUBLE_EQ(o.min_score, 80);
  EXPECT_TRUE(o.min_score_percent);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "lots"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "120%"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "-1"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "%"}), UsageError);
}
TEST(Cli, UsageErrors) {
  EXPECT_THROW(parse_args({}), UsageError);
  EXPECT_THROW(parse_args({"frobnicate"}), UsageError);
  EXPECT_THROW(parse_args({"grade"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "b"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--context"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--format", "pdf"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--bogus"}), UsageError);
}
}  // namespace
}  // namespace sts
