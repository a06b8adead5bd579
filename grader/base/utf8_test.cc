#include "grader/base/utf8.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(Utf8, ValidTextAndWhatIsNot) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("web-0 \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // cut short
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, OneReplacementPerInvalidByte) {
  EXPECT_EQ(valid_utf8("a\xFF\xFE" "b"), "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, CodePoints) {
  size_t n = 0;
  EXPECT_EQ(utf8_code_point("\xE2\x82\xAC", 0, n), 0x20ACu);
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(utf8_code_point("\xF0\x9F\x98\x80", 0, n), 0x1F600u);
  EXPECT_EQ(n, 4u);
}

}  // namespace
}  // namespace sts
