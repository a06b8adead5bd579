#include "reports/xml_text.h"

#include "grader/base/text.h"

namespace sts {

namespace {
constexpr const char* kReplacement = "\xEF\xBF\xBD";

// XML 1.0 Char production.
bool allowed_in_xml(unsigned c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}
}  // namespace

std::string xml_escape(const std::string& raw, bool attribute) {
  const std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    const unsigned c = utf8_code_point(s, i, n);
    if (!allowed_in_xml(c)) {
      out += kReplacement;
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";  // needed only after "]]", escaped always for simplicity
    } else if (c == '"' && attribute) {
      out += "&quot;";
    } else if (c == '\'' && attribute) {
      out += "&apos;";
    } else if (c == '\r') {
      out += "&#13;";  // a raw CR would be normalized away
    } else if (attribute && c == '\n') {
      out += "&#10;";
    } else if (attribute && c == '\t') {
      out += "&#9;";
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace sts
