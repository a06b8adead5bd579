// STATEFULSET.md: the human report, shaped like Lab 15 Task 4 (overview,
// resource verification, network identity, per-pod storage, persistence
// test), then every check with its evidence, the pod lifecycle and the run.
#pragma once
#include <string>

#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {

std::string render_markdown(const RunInfo& run, const Score& score, const Observations& obs);

}  // namespace sts
