// `batch --shard I/N`: the I-th of N deterministic shares of a roster, so N
// machines (or the N indexes of a Kubernetes Indexed Job) grade one class
// without talking to each other. Share by roster order: entry k (0-based)
// belongs to shard k % N + 1. Round-robin rather than contiguous blocks, so
// slow submissions at the end of a roster (late hand-ins) spread over shards.
#pragma once
#include <string>
#include <vector>

#include "grader/batch/roster.h"

namespace sts {

struct Shard {
  int index = 0;                     // 1..count
  int count = 0;                     // 0: the whole roster
  bool whole() const { return count == 0; }
  std::string str() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "2/4" -> {2, 4}; throws std::invalid_argument saying what is wrong.
Shard parse_shard(const std::string& text);
bool in_shard(size_t roster_index, const Shard& s);
// The entries of shard s, in roster order.
std::vector<RosterEntry> shard_entries(const std::vector<RosterEntry>& all, const Shard& s);

// `batch --merge DIR...`: copies each student's folder (DIR/students/<id>,
// with its batch.json record) from the shard output that graded it into
// out/students/<id>, so one batch over the whole roster reads every outcome
// there and grades nothing. Returns every problem, one a line ("" none): a
// student no shard or two shards graded, a DIR that is no batch output.
std::string gather_shards(const std::vector<RosterEntry>& roster, const std::vector<std::string>& dirs,
                          const std::string& out);

}  // namespace sts
