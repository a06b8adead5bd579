#include "reports/xml_text.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(XmlEscape, EscapesMarkup) {
  EXPECT_EQ(xml_escape("a<b>&c"), "a&lt;b&gt;&amp;c");
  EXPECT_EQ(xml_escape("\"q\" 'a'"), "\"q\" 'a'");
  EXPECT_EQ(xml_escape("\"q\" 'a'", true), "&quot;q&quot; &apos;a&apos;");
  EXPECT_EQ(xml_escape("]]>"), "]]&gt;");
}

TEST(XmlEscape, ReplacesCharactersXmlForbids) {
  EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(xml_escape("\x1B[31mred"), "\xEF\xBF\xBD[31mred");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE is not an XML Char
  EXPECT_EQ(xml_escape("bad\xFF"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("ok ✅ 𝄞"), "ok ✅ 𝄞");
}

TEST(XmlEscape, KeepsLineBreaksInTextAndEncodesThemInAttributes) {
  EXPECT_EQ(xml_escape("a\nb\tc"), "a\nb\tc");
  EXPECT_EQ(xml_escape("a\r\nb"), "a&#13;\nb");
  EXPECT_EQ(xml_escape("a\nb\tc", true), "a&#10;b&#9;c");
}

}  // namespace
}  // namespace sts
