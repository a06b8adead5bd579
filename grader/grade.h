// `sts-grader grade`: read, place, run, judge, score, report.
#pragma once
#include "grader/cli.h"

namespace sts {
int grade_command(const Options& opts);
// Where rubrics/ and scenarios/ live: $STS_GRADER_DATA, beside the binary
// (../share/sts-grader), or the source tree it was built from.
std::string data_dir();
}  // namespace sts
