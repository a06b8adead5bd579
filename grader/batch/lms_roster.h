// The students as the LMS knows them, from its own gradebook export, so that
// the grades batch writes can be imported back (reports/lms_gradebook.h).
//
// Canvas (Grades > Export): Student, ID, SIS User ID, SIS Login ID, Section,
// then a column per assignment; a "Points Possible" row and the course's
// "Student, Test" are skipped. Moodle (Export > Plain text file): First
// name, Last name, ID number, Institution, Department, Email address, then
// the grade items; at least one of ID number and Email address is needed.
// Extra columns are ignored. Every problem is reported as file:line.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sts {

enum class Lms { kCanvas, kMoodle };
// "canvas"/"moodle" -> the Lms; nullopt for anything else.
std::optional<Lms> lms_from_name(const std::string& name);
const char* lms_name(Lms lms);

struct LmsStudent {
  std::string where;                 // "export.csv:5"
  std::string name;                  // Canvas "Student" (usually "Last, First")
  std::string first_name, last_name; // Moodle
  std::string id, sis_user_id, sis_login_id, section;  // Canvas
  std::string id_number, email;      // Moodle
};

struct LmsRoster {
  Lms lms = Lms::kCanvas;
  std::string path;
  std::vector<LmsStudent> students;  // in the export's order
};

struct LmsRosterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One CSV record and the line it starts on; quoted fields may span lines.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};
// RFC 4180 records (a UTF-8 byte order mark is dropped); throws
// std::invalid_argument naming the line of an unterminated quote.
std::vector<CsvRecord> read_csv_records(const std::string& text);

// Throws LmsRosterError ("file:line: what", every problem found).
LmsRoster parse_lms_roster(const std::string& text, const std::string& path, Lms lms);
LmsRoster load_lms_roster(const std::string& path, Lms lms);

// The identifiers a batch student id may equal (compared case-insensitively):
// Canvas SIS Login ID, SIS User ID, ID, and the login's part before '@';
// Moodle Email address, its part before '@', and ID number. The parts before
// '@' are conveniences (two universities' jdoe@ may share one); without them
// the keys must be unique in an export.
std::vector<std::string> lms_keys(const LmsStudent& s, Lms lms, bool with_local_parts = true);

}  // namespace sts
