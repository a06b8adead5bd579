#include "reports/text.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(ValidUtf8, KeepsValidTextAndReplacesBrokenSequences) {
  EXPECT_EQ(valid_utf8("web-0 ✅ 日本"), "web-0 ✅ 日本");
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("end\xE2\x9C"), "end\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
}

TEST(Clip, CutsOnACharacterBoundaryAndSaysHowMuchIsLeft) {
  EXPECT_EQ(clip("short", 10), "short");
  EXPECT_EQ(clip("abcdef", 3), "abc… (3 more bytes)");
  // "é" is two bytes; a cut inside it backs up to before it.
  EXPECT_EQ(clip("aé", 2), "a… (2 more bytes)");
}

TEST(FormatPoints, DropsNeedlessDecimals) {
  EXPECT_EQ(format_points(10), "10");
  EXPECT_EQ(format_points(8.5), "8.5");
  EXPECT_EQ(format_points(1.0 / 3), "0.33");
  EXPECT_EQ(format_points(0), "0");
  EXPECT_EQ(format_points(2.999), "3");
}

TEST(FormatSeconds, OneDecimal) { EXPECT_EQ(format_seconds(12.345), "12.3 s"); }

}  // namespace
}  // namespace sts
