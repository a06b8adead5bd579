// Writing the reports of one run into a directory.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/base/atomic_file.h"  // write_file_atomically
#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {

struct ReportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Report formats by name, and the file each is written to.
//   "markdown" (or "md") -> STATEFULSET.md
//   "json"               -> report.json
//   "junit"              -> junit.xml
//   "prairielearn"       -> results.json (PrairieLearn's external grader)
//   "gradescope"         -> results.json (Gradescope's autograder; none when
//                           not gradable, see reports/gradescope.h)
const std::vector<std::string>& report_formats();  // the canonical names

// Renders each format and writes it to out_dir (created if missing). Each file
// is written to a temporary name and renamed, so a reader never sees half a
// report and an earlier report stays whole if this run dies midway. Returns
// the paths written. Throws ReportError on an unknown format, FileWriteError
// (grader/base/atomic_file.h) on an I/O failure.
std::vector<std::string> write_reports(const std::string& out_dir, const std::vector<std::string>& formats,
                                       const RunInfo& run, const Score& score, const Observations& obs);


}  // namespace sts
