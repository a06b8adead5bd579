#include "reports/xml_text.h"

#include "reports/text.h"

namespace sts {

namespace {
constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Decodes the (valid) UTF-8 sequence at s[i]; sets its length in n.
unsigned code_point(const std::string& s, size_t i, size_t& n) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) < 0x80) return n = 1, b(i);
  if ((b(i) & 0xE0) == 0xC0) return n = 2, ((b(i) & 0x1Fu) << 6) | (b(i + 1) & 0x3F);
  if ((b(i) & 0xF0) == 0xE0) return n = 3, ((b(i) & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3F);
  return n = 4, ((b(i) & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) | (b(i + 3) & 0x3F);
}

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
    const unsigned c = code_point(s, i, n);
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
