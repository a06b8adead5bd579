#include "reports/markdown_text.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(MdText, EscapesMarkupAndFoldsLines) {
  EXPECT_EQ(md_text("a|b"), "a\\|b");
  EXPECT_EQ(md_text("<script>x</script>"), "\\<script\\>x\\</script\\>");
  EXPECT_EQ(md_text("*bold* _it_ `code` [l](u)"), "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u)");
  EXPECT_EQ(md_text("line1\nline2\r\nline3"), "line1 line2 line3");
  EXPECT_EQ(md_text("&amp;"), "\\&amp;");
  EXPECT_EQ(md_text("web-0 10.1.0.1"), "web-0 10.1.0.1");
}

TEST(MdCode, FenceOutlastsBackticksInside) {
  EXPECT_EQ(md_code("www"), "`www`");
  EXPECT_EQ(md_code("a`b"), "``a`b``");
  EXPECT_EQ(md_code("`x"), "`` `x ``");
}

TEST(MdCodeBlock, LongerFenceWhenContentHasOne) {
  EXPECT_EQ(md_code_block("hello", "text"), "```text\nhello\n```\n");
  const std::string block = md_code_block("a\n```\nb\n");
  EXPECT_EQ(block, "````\na\n```\nb\n````\n");
}

}  // namespace
}  // namespace sts
