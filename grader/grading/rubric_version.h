// Which version of a rubric a score was graded with: the rubric's and its
// scenario's file contents. Changing a point value, a deadline or a step
// without a new rubric id changes it, so a batch grades its class again
// instead of keeping scores from the old version (report.json
// run.rubric.content_hash, batch.json rubric_hash).
#pragma once
#include <string>

namespace sts {

// "fnv64:<16 hex digits>" over both files' bytes; a file that cannot be read
// counts as empty (loading the rubric has failed first in that case).
std::string rubric_fingerprint(const std::string& rubric_path, const std::string& scenario_path);

}  // namespace sts
