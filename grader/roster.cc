#include "grader/roster.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "grader/batch_late.h"

namespace fs = std::filesystem;

namespace sts {

namespace {
std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws) == std::string::npos ? s.size() : s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Roster from_folder(const fs::path& dir) {
  Roster r;
  r.source = dir.string();
  std::vector<fs::path> subs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string()[0] != '.') subs.push_back(e.path());
  std::sort(subs.begin(), subs.end());
  std::vector<std::string> problems;
  for (const fs::path& p : subs) {
    RosterEntry e;
    e.student = p.filename().string();
    e.submission = fs::absolute(p).lexically_normal().string();
    e.where = p.string();
    std::string why = student_id_problem(e.student);
    if (!why.empty()) problems.push_back(p.string() + ": folder name is not a usable student id: " + why);
    r.entries.push_back(std::move(e));
  }
  if (subs.empty()) problems.push_back(dir.string() + ": no submission folders in it");
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "\n") + p;
    throw RosterError(all);
  }
  return r;
}

Roster from_csv(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw RosterError(file.string() + ": cannot read the roster");
  Roster r;
  r.source = file.string();
  const fs::path base = fs::absolute(file).parent_path();
  std::vector<std::string> problems;
  auto problem = [&](int line, const std::string& what) {
    problems.push_back(file.string() + ":" + std::to_string(line) + ": " + what);
  };
  std::map<std::string, size_t> col;
  std::map<std::string, int> seen;   // student -> line
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // spreadsheet BOM
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> f;
    try {
      f = split_csv_line(line);
    } catch (const std::invalid_argument& e) {
      problem(n, e.what());
      continue;
    }
    for (auto& x : f) x = trim(x);
    if (!header) {
      header = true;
      const std::set<std::string> known = {"student", "submission", "ref", "submitted_at"};
      for (size_t i = 0; i < f.size(); ++i) {
        std::string name = lower(f[i]);
        if (!known.count(name))
          problem(n, "unknown column '" + f[i] + "' (known: student, submission, ref, submitted_at)");
        else if (!col.emplace(name, i).second)
          problem(n, "column '" + name + "' appears twice");
      }
      for (const char* need : {"student", "submission"})
        if (!col.count(need)) problem(n, std::string("the header needs a '") + need + "' column");
      if (!problems.empty()) break;
      continue;
    }
    if (f.size() != col.size()) {
      problem(n, std::to_string(f.size()) + " fields, the header has " + std::to_string(col.size()));
      continue;
    }
    auto get = [&](const char* c) { return col.count(c) ? f[col.at(c)] : std::string(); };
    RosterEntry e;
    e.where = file.string() + ":" + std::to_string(n);
    e.student = get("student");
    e.ref = get("ref");
    e.submitted_at = get("submitted_at");
    std::string sub = get("submission");
    if (std::string why = student_id_problem(e.student); !why.empty()) problem(n, "student: " + why);
    else if (auto [it, fresh] = seen.emplace(e.student, n); !fresh)
      problem(n, "student '" + e.student + "' is already on line " + std::to_string(it->second));
    if (sub.empty()) {
      problem(n, "submission is empty");
    } else {
      fs::path p = fs::path(sub).is_absolute() ? fs::path(sub) : base / sub;
      e.submission = p.lexically_normal().string();
      std::error_code ec;
      if (!fs::is_directory(p, ec))
          problem(n, "submission " + sub + " is not a folder" +
                       (e.ref.empty() ? "" : " (with a ref: a git repository)"));
    }
    if (!e.submitted_at.empty()) {
      e.submitted_unix = parse_timestamp(e.submitted_at);
      if (!e.submitted_unix)
        problem(n, "submitted_at '" + e.submitted_at +
                       "' is not a time like 2026-03-01T23:59:00+01:00");
    }
    r.entries.push_back(std::move(e));
  }
  if (!header && problems.empty())
    problems.push_back(file.string() + ": empty roster (a header student,submission[,ref][,submitted_at] and a line per student)");
  else if (header && r.entries.empty() && problems.empty())
    problems.push_back(file.string() + ": no students after the header");
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "\n") + p;
    throw RosterError(all);
  }
  return r;
}
}  // namespace

std::string student_id_problem(const std::string& id) {
  if (id.empty()) return "empty";
  if (id.size() > 128) return "longer than 128 characters";
  if (id[0] == '.') return "starts with '.'";
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) return "has a control character";
    if (c == '/' || c == '\\') return "has a '/' or '\\'";
  }
  return "";
}

std::vector<std::string> split_csv_line(const std::string& raw) {
  std::string line = raw;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  if (quoted) throw std::invalid_argument("unterminated quote");
  return out;
}

Roster load_roster(const std::string& path) {
  std::error_code ec;
  fs::path p(path);
  if (fs::is_directory(p, ec)) return from_folder(p);
  if (!fs::exists(p, ec)) throw RosterError(path + ": no such roster file or folder");
  return from_csv(p);
}

}  // namespace sts
