// Times as the API server, kubeconfig exec plugins and rosters write them:
// the one parser (RFC 3339, and the leniencies of a hand-typed deadline).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sts {

struct Timestamp {
  std::int64_t unix_seconds = 0;     // the whole seconds, offset applied
  double fraction = 0;               // .250 -> 0.25
  bool has_seconds = false;          // "…T23:59" has none
  bool has_zone = false;             // Z or an offset; none means UTC
};

// "2026-03-01T23:59:00+01:00", "…Z", "…-0500", "2026-03-01 23:59" ('t', 'z'
// and a space accepted; seconds, fractions and the zone optional); leading and
// trailing blanks ignored. nullopt when it is not such a time (bad date too).
std::optional<Timestamp> parse_timestamp_parts(std::string_view text);
// Its whole seconds since the epoch (batch deadlines, roster submitted_at):
// no zone means UTC, so an LMS export's local time must carry its offset.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
// Strict RFC 3339: seconds and a zone required; after 2255, time_point::max()
// (never). Throws std::invalid_argument.
std::chrono::system_clock::time_point parse_rfc3339(const std::string& s);

}  // namespace sts
