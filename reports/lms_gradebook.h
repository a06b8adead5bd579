// The batch's grades in an LMS's own gradebook import layout:
//
// Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then one column
//   for the assignment ("Lab 04 (12345)" to update an existing assignment:
//   Canvas's export names them so).
// Moodle: First name, Last name, ID number, Email address, the grade item,
//   and its feedback beside it (map them at import: identifier Email address
//   or ID number, the feedback column to "Feedback for <item>").
//
// The grade is final_score (the machine-judged points after the late
// penalty; manual items are the instructor's to add in the LMS). A student
// without a gradable result gets an empty cell, never 0: both LMSs overwrite
// on import, and a zero would cost the student for the cluster's fault.
// With an LMS export (grader/batch/lms_roster.h) the rows carry the LMS's own
// identifiers; students that match no row, or rows no student matches, are
// listed as file:line.
#pragma once
#include <string>
#include <vector>

#include "grader/batch/lms_roster.h"

namespace sts {

// One student's result, as gradebook.csv and report.json hold it.
struct LmsGrade {
  std::string student;               // the batch's id
  std::string where;                 // where the batch got it, e.g. "roster.csv:4"
  bool graded = false;               // a gradable result: final_score is a number
  std::string final_score;           // as gradebook.csv writes it
  std::string status;                // pass, fail, not-gradable, error, pending
  std::string feedback;              // verdict, what failed; or why there is no grade
};

struct LmsGradebook {
  std::string csv;
  std::vector<std::string> mismatches;  // "roster.csv:4: …", "export.csv:7: …"
};

// `lms_roster` may be null: then the rows carry the batch ids (Canvas: as SIS
// Login ID; Moodle: as Email address when it has an '@', else as ID number).
LmsGradebook render_lms_gradebook(Lms lms, const std::vector<LmsGrade>& grades, const LmsRoster* lms_roster,
                                  const std::string& column);

// The grades of a finished batch: DIR/gradebook.csv, and each student's
// report.json for the feedback; `wheres` maps student ids to their roster
// line (may be empty). Throws std::runtime_error when gradebook.csv is unreadable.
std::vector<LmsGrade> lms_grades_from_batch(const std::string& out_dir,
                                            const std::vector<std::pair<std::string, std::string>>& wheres);

// After a batch: DIR/<lms>-gradebook.csv from DIR/gradebook.csv, and the
// mismatches in DIR/lms-mismatches.txt (removed when there are none).
// Returns the lines to show: what was written, then every mismatch. Throws
// std::runtime_error when the batch's gradebook cannot be read or the file
// cannot be written.
std::vector<std::string> write_lms_gradebook(const std::string& out_dir, Lms lms, const LmsRoster* lms_roster,
                                             const std::string& column,
                                             const std::vector<std::pair<std::string, std::string>>& wheres);

}  // namespace sts
