// The files a batch run leaves for the instructor, from its outcomes:
// OUT/gradebook.csv, OUT/class-summary.md and, per graded student,
// OUT/students/<id>/results.json (Gradescope's layout).
#pragma once
#include <string>
#include <vector>

#include "grader/batch/batch.h"

namespace sts {

// Writes them, each atomically. Returns one line per student whose
// results.json could not be written; throws when the gradebook or the
// summary cannot be (the run has no class report then).
std::vector<std::string> write_class_reports(const BatchResult& run);

}  // namespace sts
