// The shell script that lists a volume's files (bounded) and the parser of
// its output. Separated from the step so the parser is unit-tested.
#pragma once
#include <string>
#include <vector>

#include "grader/observations.h"

namespace sts {

inline constexpr const char* kMarkerFile = ".sts-grader-marker";
inline constexpr int kMaxFiles = 20;
inline constexpr int kMaxFileBytes = 1024;

// argv for `kubectl exec … --`: prints "<boundary> file <path> <size>"
// headers, each followed by the file's first bytes and "<boundary> end".
std::vector<std::string> read_volume_command(const std::string& boundary,
                                             const std::string& mount_path);
// Fills files/marker/truncated/ok of `read` from the script's output.
void parse_volume_listing(const std::string& out, const std::string& boundary, VolumeRead& read);

}  // namespace sts
