// The shell script that lists a volume's files (bounded) and the parser of
// its output. Separated from the step so the parser is unit-tested.
#pragma once
#include <string>
#include <vector>

#include "grader/observations.h"

namespace sts {

inline constexpr const char* kMarkerFile = ".sts-grader-marker";
inline constexpr int kMaxFiles = 20;
// The proof is searched in the whole file up to this bound (a log that names
// the pod after its first kilobyte still proves it)…
inline constexpr int kMaxFileBytes = 64 * 1024;
// …while observations and reports keep a short excerpt of each file.
inline constexpr size_t kExcerptBytes = 1024;

// argv for `kubectl exec … --`: prints "<boundary> file <path> <size>"
// headers, each followed by the file's first bytes and "<boundary> end".
std::vector<std::string> read_volume_command(const std::string& boundary,
                                             const std::string& mount_path);
// Fills files (excerpts), long_files, marker, truncated and ok of `read` from
// the script's output. truncated: more than kMaxFiles files, or a file longer
// than kMaxFileBytes.
void parse_volume_listing(const std::string& out, const std::string& boundary, VolumeRead& read);

}  // namespace sts
