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
