#include "reports/class_reports.h"

#include <filesystem>

#include "grader/base/atomic_file.h"
#include "reports/class_summary.h"
#include "reports/gradebook.h"
#include "reports/gradescope.h"

namespace fs = std::filesystem;

namespace sts {

std::vector<std::string> write_class_reports(const BatchResult& run) {
  const fs::path out = run.out;
  std::vector<std::string> problems;
  for (const StudentOutcome& o : run.outcomes) {
    if (!is_graded(o)) continue;
    if (std::optional<Json> gs = gradescope_results(o.report)) {
      try {
        write_file_atomically((out / "students" / o.student / "results.json").string(), gs->dump(2) + "\n");
      } catch (const std::exception& e) {
        problems.push_back(e.what());
      }
    }
  }
  write_file_atomically((out / "gradebook.csv").string(), render_gradebook_csv(run.outcomes, run.rubric));
  write_file_atomically((out / "class-summary.md").string(),
                        render_class_summary(run.outcomes, run.rubric, run.facts));
  return problems;
}

}  // namespace sts
