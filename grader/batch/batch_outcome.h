// What batch grading knows of one student at the end of a run: the data the
// gradebook, Gradescope and class-summary renderers take (they never run
// anything themselves).
#pragma once
#include <string>

#include "grader/grading/lateness.h"
#include "grader/base/json.h"

namespace sts {

struct StudentOutcome {
  std::string student;
  std::string submission;            // as the roster names it ("repo @ ref" for git)
  // pass: every check passed; fail: some did not; not-gradable: refused input
  // or an infrastructure fault (regraded on resume); error: the grader itself
  // failed (crashed, killed); pending: not graded yet (interrupted batch).
  std::string status;
  std::string reason;                // not-gradable, error: why
  Json report;                       // the student's report.json, null when none
  std::string submitted_at;          // as in the roster; "" unknown
  Lateness late;
  bool resumed = false;              // graded by an earlier run of the batch
  double seconds = 0;                // wall time of this run's grading
  int attempts = 1;                  // > 1: not gradable before, graded again
};

// What the class summary says of the batch run itself.
struct BatchFacts {
  std::string due;                   // deadline in force, "" none
  int parallel = 1;
  double wall_seconds = 0;           // this run of the batch
  bool interrupted = false;
};

// Whether a status counts as graded (has a score).
inline bool is_graded(const StudentOutcome& o) { return o.status == "pass" || o.status == "fail"; }

}  // namespace sts
