#include "reports/lms_gradebook.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "grader/base/json.h"
#include "reports/gradebook.h"  // csv_field
#include "reports/writer.h"     // write_file_atomically

namespace fs = std::filesystem;

namespace sts {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
  return out + "\n";
}

std::string grade_cell(const LmsGrade& g) { return g.graded ? g.final_score : ""; }

}  // namespace

LmsGradebook render_lms_gradebook(Lms lms, const std::vector<LmsGrade>& grades, const LmsRoster* lms_roster,
                                  const std::string& column) {
  LmsGradebook book;
  book.csv = lms == Lms::kCanvas
                 ? row({"Student", "ID", "SIS User ID", "SIS Login ID", "Section", column})
                 : row({"First name", "Last name", "ID number", "Email address", column, column + " (feedback)"});
  if (!lms_roster) {
    for (const LmsGrade& g : grades) {
      const bool email = g.student.find('@') != std::string::npos;
      book.csv += lms == Lms::kCanvas ? row({g.student, "", "", g.student, "", grade_cell(g)})
                                      : row({"", "", email ? "" : g.student, email ? g.student : "", grade_cell(g),
                                             g.feedback});
    }
    return book;
  }
  // Every key of every LMS student -> its rows (a part before '@' may name several).
  std::map<std::string, std::vector<size_t>> by_key;
  for (size_t i = 0; i < lms_roster->students.size(); ++i)
    for (const std::string& k : lms_keys(lms_roster->students[i], lms)) by_key[k].push_back(i);
  // The row each student matches, when exactly one.
  std::vector<std::vector<const LmsGrade*>> of_row(lms_roster->students.size());
  for (const LmsGrade& g : grades) {
    const std::string where = g.where.empty() ? g.student : g.where;
    auto it = by_key.find(lower(g.student));
    if (it == by_key.end()) {
      book.mismatches.push_back(where + ": student " + g.student + " matches no row of " + lms_roster->path +
                                " (not in the import)");
    } else if (it->second.size() > 1) {
      std::string rows;
      for (size_t i : it->second) rows += " " + lms_roster->students[i].where;
      book.mismatches.push_back(where + ": student " + g.student + " matches several rows:" + rows +
                                " (not in the import; use the full identifier in the roster)");
    } else {
      of_row[it->second[0]].push_back(&g);
    }
  }
  for (size_t i = 0; i < lms_roster->students.size(); ++i) {
    const LmsStudent& s = lms_roster->students[i];
    if (of_row[i].empty()) {
      book.mismatches.push_back(s.where + ": " + (lms == Lms::kCanvas ? s.name : s.first_name + " " + s.last_name) +
                                " has no submission in the batch (not in the import)");
      continue;
    }
    if (of_row[i].size() > 1) {
      // Either grade could be the wrong student's: neither goes in.
      std::string who;
      for (const LmsGrade* g : of_row[i]) who += " " + g->student + " (" + (g->where.empty() ? g->student : g->where) + ")";
      book.mismatches.push_back(s.where + ": matched by several students:" + who + " (not in the import)");
      continue;
    }
    const LmsGrade& g = *of_row[i][0];
    book.csv += lms == Lms::kCanvas ? row({s.name, s.id, s.sis_user_id, s.sis_login_id, s.section, grade_cell(g)})
                                    : row({s.first_name, s.last_name, s.id_number, s.email, grade_cell(g), g.feedback});
  }
  return book;
}

namespace {

std::string feedback_of(const std::string& status, const std::string& reason, const Json& report) {
  if (status == "pending") return "not graded yet";
  if (status != "pass" && status != "fail")
    return "no grade: " + (reason.empty() ? status : reason) + " (not the student's fault; graded again later)";
  std::string out = str_at(report, {"score", "verdict"});
  std::string failed;
  const Json& checks = node_at(report, {"checks"});
  if (checks.is_array())
    for (const Json& c : checks) {
      const std::string st = str_at(c, {"status"});
      if (st == "fail" || st == "error" || st == "skipped") failed += (failed.empty() ? "" : "; ") + str_at(c, {"title"});
    }
  if (!failed.empty()) out += ". Not passed: " + failed;
  return out + ". Details: STATEFULSET.md of your report.";
}

}  // namespace

std::vector<LmsGrade> lms_grades_from_batch(const std::string& out_dir,
                                            const std::vector<std::pair<std::string, std::string>>& wheres) {
  const fs::path book = fs::path(out_dir) / "gradebook.csv";
  std::ifstream in(book, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + book.string());
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<CsvRecord> records = read_csv_records(ss.str());
  if (records.empty()) throw std::runtime_error(book.string() + ": empty");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < records[0].fields.size(); ++i) col.emplace(records[0].fields[i], i);
  for (const char* need : {"student", "status", "final_score", "reason"})
    if (!col.count(need)) throw std::runtime_error(book.string() + ":1: no column " + need);
  std::map<std::string, std::string> where_of(wheres.begin(), wheres.end());
  std::vector<LmsGrade> out;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& f = records[r].fields;
    auto cell = [&](const char* name) { return col[name] < f.size() ? f[col[name]] : std::string(); };
    LmsGrade g;
    g.student = cell("student");
    g.status = cell("status");
    g.final_score = cell("final_score");
    g.graded = (g.status == "pass" || g.status == "fail") && !g.final_score.empty();
    g.where = where_of.count(g.student) ? where_of[g.student] : book.string() + ":" + std::to_string(records[r].line);
    Json report;
    std::ifstream rj(fs::path(out_dir) / "students" / g.student / "report.json");
    if (rj) {
      try {
        report = Json::parse(rj);
      } catch (const std::exception&) {
      }
    }
    g.feedback = feedback_of(g.status, cell("reason"), report);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::string> write_lms_gradebook(const std::string& out_dir, Lms lms, const LmsRoster* lms_roster,
                                             const std::string& column,
                                             const std::vector<std::pair<std::string, std::string>>& wheres) {
  LmsGradebook book = render_lms_gradebook(lms, lms_grades_from_batch(out_dir, wheres), lms_roster, column);
  const fs::path csv = fs::path(out_dir) / (std::string(lms_name(lms)) + "-gradebook.csv");
  const fs::path mismatches = fs::path(out_dir) / "lms-mismatches.txt";
  write_file_atomically(csv.string(), book.csv);
  std::vector<std::string> lines = {"wrote " + csv.string() + " (" + lms_name(lms) + " import, column \"" + column + "\")"};
  std::error_code ec;
  if (book.mismatches.empty()) {
    fs::remove(mismatches, ec);
    return lines;
  }
  std::string text;
  for (const std::string& m : book.mismatches) text += m + "\n";
  write_file_atomically(mismatches.string(), text);
  lines.push_back(std::to_string(book.mismatches.size()) + " student(s) not matched (" + mismatches.string() + "):");
  lines.insert(lines.end(), book.mismatches.begin(), book.mismatches.end());
  return lines;
}

}  // namespace sts
