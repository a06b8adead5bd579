#include "grader/batch/lms_roster.h"
#include "grader/base/text.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace sts {

std::optional<Lms> lms_from_name(const std::string& name) {
  if (name == "canvas") return Lms::kCanvas;
  if (name == "moodle") return Lms::kMoodle;
  return std::nullopt;
}

const char* lms_name(Lms lms) { return lms == Lms::kCanvas ? "canvas" : "moodle"; }

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<CsvRecord> read_csv_records(const std::string& input) {
  std::string text = input.rfind("\xEF\xBB\xBF", 0) == 0 ? input.substr(3) : input;
  std::vector<CsvRecord> out;
  CsvRecord rec;
  std::string field;
  bool quoted = false, any = false;
  int line = 1, quote_line = 0;
  rec.line = 1;
  auto end_record = [&] {
    rec.fields.push_back(field);
    field.clear();
    // A blank line is no record.
    if (!(rec.fields.size() == 1 && rec.fields[0].empty() && !any)) out.push_back(rec);
    rec = CsvRecord();
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c, line += c == '\n';
      continue;
    }
    if (c == '"') {
      quoted = true, any = true, quote_line = line;
    } else if (c == ',') {
      rec.fields.push_back(field), field.clear(), any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_record();
      rec.line = ++line;
    } else {
      field += c;
    }
  }
  if (quoted) throw std::invalid_argument("line " + std::to_string(quote_line) + ": unterminated quote");
  if (!field.empty() || !rec.fields.empty() || any) end_record();
  return out;
}

LmsRoster parse_lms_roster(const std::string& text, const std::string& path, Lms lms) {
  LmsRoster r;
  r.lms = lms;
  r.path = path;
  std::vector<std::string> problems;
  std::vector<CsvRecord> records;
  try {
    records = read_csv_records(text);
  } catch (const std::invalid_argument& e) {
    throw LmsRosterError(path + ":" + std::string(e.what()).substr(5));
  }
  if (records.empty()) throw LmsRosterError(path + ":1: empty: expected the " + std::string(lms_name(lms)) + " gradebook export's header");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < records[0].fields.size(); ++i) col.emplace(lower(trim(records[0].fields[i])), i);
  auto has = [&](const char* name) { return col.count(name) > 0; };
  const std::vector<const char*> wanted =
      lms == Lms::kCanvas ? std::vector<const char*>{"student", "id", "sis user id", "sis login id", "section"}
                          : std::vector<const char*>{"first name", "last name"};
  for (const char* w : wanted)
    if (!has(w)) problems.push_back(path + ":1: no column \"" + w + "\" (a " + lms_name(lms) + " gradebook export has it)");
  if (lms == Lms::kMoodle && !has("email address") && !has("id number"))
    problems.push_back(path + ":1: neither \"Email address\" nor \"ID number\": nothing to match students by");
  if (!problems.empty()) {
    std::string all;
    for (const std::string& p : problems) all += (all.empty() ? "" : "\n") + p;
    throw LmsRosterError(all);
  }
  auto cell = [&](const CsvRecord& rec, const char* name) {
    auto it = col.find(name);
    return it == col.end() || it->second >= rec.fields.size() ? std::string() : trim(rec.fields[it->second]);
  };
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    LmsStudent s;
    s.where = path + ":" + std::to_string(rec.line);
    if (lms == Lms::kCanvas) {
      s.name = cell(rec, "student");
      // Not students: the export's points row and the course's test student.
      if (s.name == "Points Possible" || s.name == "Student, Test") continue;
      s.id = cell(rec, "id");
      s.sis_user_id = cell(rec, "sis user id");
      s.sis_login_id = cell(rec, "sis login id");
      s.section = cell(rec, "section");
      if (s.id.empty() && s.sis_user_id.empty() && s.sis_login_id.empty())
        problems.push_back(s.where + ": " + (s.name.empty() ? "a row" : s.name) + " has no ID, SIS User ID or SIS Login ID");
    } else {
      s.first_name = cell(rec, "first name");
      s.last_name = cell(rec, "last name");
      s.id_number = cell(rec, "id number");
      s.email = cell(rec, "email address");
      if (s.id_number.empty() && s.email.empty())
        problems.push_back(s.where + ": " + trim(s.first_name + " " + s.last_name) + " has no ID number or Email address");
    }
    r.students.push_back(std::move(s));
  }
  // One identifier for two students would hand one student's grade to both.
  std::map<std::string, std::string> seen;
  for (const LmsStudent& s : r.students)
    for (const std::string& k : lms_keys(s, lms, false)) {
      auto [it, fresh] = seen.emplace(k, s.where);
      if (!fresh && it->second != s.where)
        problems.push_back(s.where + ": identifier \"" + k + "\" also belongs to the student of " + it->second);
    }
  if (!problems.empty()) {
    std::string all;
    for (const std::string& p : problems) all += (all.empty() ? "" : "\n") + p;
    throw LmsRosterError(all);
  }
  return r;
}

LmsRoster load_lms_roster(const std::string& path, Lms lms) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LmsRosterError(path + ": cannot read the LMS export");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_lms_roster(ss.str(), path, lms);
}

std::vector<std::string> lms_keys(const LmsStudent& s, Lms lms, bool with_local_parts) {
  std::vector<std::string> keys;
  auto add = [&](const std::string& k) {
    std::string l = lower(k);
    if (!l.empty() && std::find(keys.begin(), keys.end(), l) == keys.end()) keys.push_back(l);
  };
  auto local_part = [](const std::string& e) {
    size_t at = e.find('@');
    return at == std::string::npos ? std::string() : e.substr(0, at);
  };
  if (lms == Lms::kCanvas) {
    add(s.sis_login_id);
    add(s.sis_user_id);
    add(s.id);
    if (with_local_parts) add(local_part(s.sis_login_id));
  } else {
    add(s.email);
    if (with_local_parts) add(local_part(s.email));
    add(s.id_number);
  }
  return keys;
}

}  // namespace sts
