// junit.xml: one <testcase> per rubric item, for CI systems and LMS
// importers that read JUnit results.
#pragma once
#include <string>

#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {

// A failed check is a <failure>, an errored one an <error> (not the
// student's fault), a skipped or manual one <skipped>.
std::string render_junit(const RunInfo& run, const Score& score, const Observations& obs);

}  // namespace sts
