#include "grader/base/timestamp.h"

#include <cctype>
#include <stdexcept>
#include <string>

namespace sts {

namespace {
// Reads exactly n digits at s[i], advancing i.
bool digits(std::string_view s, size_t& i, int n, int* out) {
  int v = 0;
  for (int k = 0; k < n; ++k, ++i) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
long long days_from_civil(int y, unsigned m, unsigned d) {  // H. Hinnant's algorithm
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097LL + static_cast<long long>(doe) - 719468;
}
bool expect(std::string_view s, size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}
}  // namespace

std::optional<Timestamp> parse_timestamp_parts(std::string_view s) {
  Timestamp out;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  size_t i = 0;
  int y, mo, d, h, mi, sec = 0;
  if (!digits(s, i, 4, &y) || !expect(s, i, '-') || !digits(s, i, 2, &mo) || !expect(s, i, '-') ||
      !digits(s, i, 2, &d))
    return std::nullopt;
  if (i >= s.size() || (s[i] != 'T' && s[i] != 't' && s[i] != ' ')) return std::nullopt;
  ++i;
  if (!digits(s, i, 2, &h) || !expect(s, i, ':') || !digits(s, i, 2, &mi)) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!digits(s, i, 2, &sec)) return std::nullopt;
    out.has_seconds = true;
    if (i < s.size() && s[i] == '.') {
      size_t start = i++;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == start + 1) return std::nullopt;
      out.fraction = std::stod("0" + std::string(s.substr(start, i - start)));
    }
  }
  long offset = 0;
  if (i < s.size()) {
    out.has_zone = true;
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i] == '-' ? -1 : 1, oh, om;
      ++i;
      if (!digits(s, i, 2, &oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!digits(s, i, 2, &om) || oh > 23 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600L + om * 60L);
    } else {
      return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap)) return std::nullopt;
  out.unix_seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400LL +
                     h * 3600LL + mi * 60LL + sec - offset;
  return out;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  std::optional<Timestamp> t = parse_timestamp_parts(text);
  if (!t) return std::nullopt;
  return t->unix_seconds;
}

std::chrono::system_clock::time_point parse_rfc3339(const std::string& s) {
  std::optional<Timestamp> t = parse_timestamp_parts(s);
  if (!t || !t->has_seconds) throw std::invalid_argument("not an RFC 3339 time: \"" + s + "\"");
  if (!t->has_zone) throw std::invalid_argument("no time zone in \"" + s + "\"");
  // system_clock counts nanoseconds and ends in 2262; later means "never".
  constexpr long long kMaxSecs = 9'000'000'000LL;  // 2255
  if (t->unix_seconds > kMaxSecs) return std::chrono::system_clock::time_point::max();
  auto tp = std::chrono::system_clock::time_point(std::chrono::seconds(t->unix_seconds));
  return tp + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                  std::chrono::duration<double>(t->fraction));
}

}  // namespace sts
