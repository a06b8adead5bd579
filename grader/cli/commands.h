// The commands, one file each (grader/cli/<command>_command.cc): each takes
// the parsed command line and returns the process's exit status
// (grader/base/exit_codes.h).
#pragma once
#include "grader/batch/batch.h"
#include "grader/cli/cli.h"

namespace sts {

// `grade`: read, place, run, judge, score, report.
int grade_command(const Options& opts);
// `lint DIR`: exit 0 no errors, 1 errors, 2 not gradable (the submission
// cannot be read, or `grade` would refuse it), 64 usage.
int lint_command(const Options& opts);
// `batch`: a class.
int batch_command(const Options& opts);
// `gradescope-package`: a Gradescope autograder.
int gradescope_package_command(const Options& opts);

// run_batch, then the class reports (reports/class_reports.h) and the closing
// line; the exit status of the batch.
int batch_and_reports(const BatchConfig& cfg);

}  // namespace sts
