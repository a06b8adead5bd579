// The names of the objects the grader itself creates in a grading namespace.
// Checks and the stall classifier must tell them from the submission's: the
// probe pod is never a student's pod, a refusal by this quota is never the
// student's fault.
#pragma once

namespace sts {

// grader/scenario/probe_pod.h: DNS lookups and HTTP requests come from here.
inline constexpr const char* kProbePod = "sts-grader-dns-probe";
inline constexpr const char* kProbeContainer = "probe";

// grader/scenario/quota.h: the namespace's bounds under --quota.
inline constexpr const char* kQuotaName = "sts-grader-quota";
inline constexpr const char* kLimitRangeName = "sts-grader-limits";

}  // namespace sts
