// The run's debug evidence (container logs, events, pod states; see
// grader/scenario/debug_evidence.h) in the reports: which items show it, and plain
// text for the terminal and JUnit. Evidence is student content: renderers
// escape what these return.
#pragma once
#include <string>
#include <vector>

#include "grader/model/observations.h"
#include "grader/grading/rubric.h"

namespace sts {

// A failed, errored or skipped item that is not hidden: its verdict needs
// the why. Hidden items withhold it, like their other evidence.
bool shows_debug_evidence(const ScoredItem& item);

// The evidence was collected and at least one item shows it.
bool debug_evidence_shown(const Score& score, const Observations& obs);

// A pod a student should look at first: not Ready, restarted, or a container
// that is not running.
bool pod_in_trouble(const PodDebug& pod);

// The log that tells most about a container: the previous instance's when it
// restarted (the crash), else the current one.
const std::string& telling_log(const ContainerDebug& c);

// The last n lines of s (without a trailing empty line).
std::vector<std::string> last_lines(const std::string& s, size_t n);

// One pod: "web-0 Running, not Ready; app: waiting: CrashLoopBackOff (4 restarts)".
std::string pod_headline(const PodDebug& pod);

// Everything as plain text, logs cut to their last `log_lines` lines each.
std::string debug_evidence_text(const DebugEvidence& d, size_t log_lines);

}  // namespace sts
