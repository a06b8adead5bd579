#include "grader/batch_late.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>

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
bool expect(std::string_view s, size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}
}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view s) {
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
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t start = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == start) return std::nullopt;
    }
  }
  long offset = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i] == '-' ? -1 : 1, oh, om;
      ++i;
      if (!digits(s, i, 2, &oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!digits(s, i, 2, &om) || oh > 23 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600L + om * 60L);
    }
  }
  if (i != s.size()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

Lateness lateness(std::optional<std::int64_t> submitted, std::optional<std::int64_t> due,
                  const LatePolicy& policy) {
  Lateness l;
  if (!submitted || !due) return l;
  l.known = true;
  if (*submitted <= *due) return l;
  l.days = static_cast<int>((*submitted - *due + 86399) / 86400);
  if (policy.max_days >= 0 && l.days > policy.max_days)
    l.penalty = 1;
  else
    l.penalty = std::min(1.0, policy.per_day * l.days);
  return l;
}

}  // namespace sts
