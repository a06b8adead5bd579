// The grader's own reader pod: reads (and marks) a claim by mounting it in a
// busybox pod the grader owns, on the node where the student's pod runs
// (ReadWriteOnce allows several pods of one node), instead of exec into the
// student's container. It works for distroless and non-root images, a
// readOnly app mount does not stop the marker, and a student's own `sh`
// cannot answer for the volume. Opt-in per step: `via: reader-pod`.
#pragma once
#include <string>
#include <vector>

#include "grader/base/json.h"

namespace sts {

// One claim the reader mounts, at kReaderRoot/<claim>, with the student's
// subPath so it sees what the app sees.
struct ReaderMount {
  std::string claim;
  std::string sub_path;              // "" when the app mounts the whole claim
};

inline constexpr const char* kReaderRoot = "/sts-grader";
inline constexpr const char* kReaderContainer = "reader";

// "sts-grader-reader-<phase>-<n>": the reserved prefix, a valid DNS label
// (lower case, at most 63 characters).
std::string reader_pod_name(const std::string& phase, int n);

// Where the reader sees a claim.
std::string reader_path(const std::string& claim);

// The Pod object: pinned to `node` (nodeName: no scheduling, so the scheduler
// cannot delay it), every claim mounted read-write (the marker is written
// through it), sleeping until deleted.
Json reader_pod_object(const std::string& ns, const std::string& name, const std::string& image,
                       const std::string& node, const std::vector<ReaderMount>& mounts);

}  // namespace sts
