#include "reports/markdown_text.h"

#include <algorithm>
#include <cstring>

#include "grader/base/text.h"

namespace sts {

namespace {
size_t longest_backtick_run(const std::string& s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}
}  // namespace

std::string md_text(const std::string& raw) {
  const std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += ' ';
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';  // control characters have no business in prose
    } else if (std::strchr("\\`*_[]<>|~&#!{}", c)) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string md_code(const std::string& raw) {
  std::string s = valid_utf8(raw);
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  const std::string fence(longest_backtick_run(s) + 1, '`');
  // A space keeps a leading or trailing backtick from merging with the fence.
  const bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

std::string md_code_block(const std::string& raw, const std::string& lang) {
  std::string s = valid_utf8(raw);
  const std::string fence(std::max<size_t>(3, longest_backtick_run(s) + 1), '`');
  if (!s.empty() && s.back() != '\n') s += '\n';
  return fence + lang + "\n" + s + fence + "\n";
}

}  // namespace sts
