#include "grader/base/text.h"

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

namespace sts {
namespace {

TEST(TerminalSafe, EscapesControlCharactersAndKeepsLines) {
  EXPECT_EQ(terminal_safe("ok\tline\nnext"), "ok\tline\nnext");
  EXPECT_EQ(terminal_safe("red \x1b[31mtext\x1b[0m"), "red \\x1b[31mtext\\x1b[0m");
  EXPECT_EQ(terminal_safe("pass\rfail"), "pass\\x0dfail");
  EXPECT_EQ(terminal_safe("a\x08" "b\x7f"), "a\\x08b\\x7f");
  EXPECT_EQ(terminal_safe("c1 \xc2\x9b" "31m"), "c1 \\u{009b}31m");                // CSI as one C1 byte
  EXPECT_EQ(terminal_safe("bidi \xe2\x80\xae" "evil"), "bidi \\u{202e}evil");       // right-to-left override
  EXPECT_EQ(terminal_safe("caf\xc3\xa9 \xe2\x9c\x85"), "caf\xc3\xa9 \xe2\x9c\x85");  // ordinary Unicode stays
  EXPECT_EQ(terminal_safe("bad \xff"), "bad \xEF\xBF\xBD");
}

TEST(TerminalSafe, NoLineStartsAWorkflowCommand) {
  EXPECT_EQ(terminal_safe("::add-mask::secret"), ": :add-mask::secret");
  EXPECT_EQ(terminal_safe("fine\n  ::error file=x::pwned\n"), "fine\n  : :error file=x::pwned\n");
  EXPECT_EQ(terminal_safe("value is ::not at the start"), "value is ::not at the start");
  // An escape sequence cannot hide one either: the ESC is shown, then "::".
  EXPECT_EQ(terminal_safe("\x1b[2K::stop-commands::x"), "\\x1b[2K::stop-commands::x");
}

}  // namespace
}  // namespace sts
