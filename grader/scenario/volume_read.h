// The shell script that lists a volume's files (bounded) and the parser of
// its output. Separated from the step so the parser is unit-tested.
#pragma once
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts {

// The bounds (kMaxFiles, kMaxFileBytes, kExcerptBytes) and the marker
// file are in grader/model/observations.h: checks interpret a VolumeRead by them.

std::vector<std::string> read_volume_command(const std::string& boundary,
                                             const std::string& mount_path);
// Fills files (excerpts), long_files, marker, truncated and ok of `read` from
// the script's output. truncated: more than kMaxFiles files, or a file longer
// than kMaxFileBytes.
void parse_volume_listing(const std::string& out, const std::string& boundary, VolumeRead& read);

}  // namespace sts
