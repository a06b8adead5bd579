#include "grader/batch/shard.h"

#include <filesystem>
#include <stdexcept>

namespace sts {

namespace {
// A whole number, digits only (std::stoi would take "+2", " 2" and "2x").
int whole_number(const std::string& s) {
  if (s.empty() || s.size() > 6) return -1;
  for (char c : s)
    if (c < '0' || c > '9') return -1;
  return std::stoi(s);
}
}  // namespace

Shard parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos)
    throw std::invalid_argument("--shard needs I/N, e.g. 2/4 (the second of four shares), got \"" + text + "\"");
  const int i = whole_number(text.substr(0, slash)), n = whole_number(text.substr(slash + 1));
  if (i < 0 || n < 0)
    throw std::invalid_argument("--shard needs whole numbers I/N, e.g. 2/4, got \"" + text + "\"");
  if (n < 1 || i < 1 || i > n)
    throw std::invalid_argument("--shard I/N needs 1 <= I <= N, got \"" + text + "\"");
  return {i, n};
}

bool in_shard(size_t roster_index, const Shard& s) {
  return s.whole() || roster_index % static_cast<size_t>(s.count) == static_cast<size_t>(s.index - 1);
}

std::vector<RosterEntry> shard_entries(const std::vector<RosterEntry>& all, const Shard& s) {
  std::vector<RosterEntry> out;
  for (size_t k = 0; k < all.size(); ++k)
    if (in_shard(k, s)) out.push_back(all[k]);
  return out;
}

std::string gather_shards(const std::vector<RosterEntry>& roster, const std::vector<std::string>& dirs,
                          const std::string& out) {
  namespace fs = std::filesystem;
  std::string problems;
  auto problem = [&](const std::string& p) { problems += (problems.empty() ? "" : "\n") + p; };
  std::error_code ec;
  const fs::path dest = fs::weakly_canonical(out, ec);
  for (const std::string& d : dirs) {
    if (!fs::is_directory(fs::path(d) / "students", ec)) problem(d + ": not a batch output folder (no students/)");
    if (fs::weakly_canonical(d, ec) == dest) problem(d + ": is the --out folder; merge into a new one");
  }
  if (!problems.empty()) return problems;
  for (const RosterEntry& e : roster) {
    std::vector<std::string> from;
    for (const std::string& d : dirs)
      if (fs::exists(fs::path(d) / "students" / e.student / "batch.json", ec)) from.push_back(d);
    if (from.empty()) {
      problem(e.where + ": " + e.student + " was graded by none of the shards");
    } else if (from.size() > 1) {
      problem(e.where + ": " + e.student + " was graded by two shards: " + from[0] + " and " + from[1]);
    } else {
      const fs::path to = fs::path(out) / "students" / e.student;
      fs::remove_all(to, ec);
      fs::create_directories(to.parent_path(), ec);
      fs::copy(fs::path(from[0]) / "students" / e.student, to, fs::copy_options::recursive, ec);
      if (ec) problem(e.student + ": cannot copy from " + from[0] + ": " + ec.message());
    }
  }
  return problems;
}

}  // namespace sts
