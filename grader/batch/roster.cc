#include "grader/batch/roster.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <cstring>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "grader/grading/lateness.h"
#include "grader/submission/image_map.h"
#include "grader/base/process.h"
#include "grader/base/text.h"

namespace fs = std::filesystem;

namespace sts {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Roster from_folder(const fs::path& dir) {
  Roster r;
  r.source = dir.string();
  std::vector<fs::path> subs;
  std::error_code ec;
  for (fs::directory_iterator e(dir, ec); !ec && e != fs::directory_iterator(); e.increment(ec)) {
    std::error_code st;  // a looping link is no submission folder
    if (e->is_directory(st) && !st && e->path().filename().string()[0] != '.') subs.push_back(e->path());
  }
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
      const std::set<std::string> known = {"student", "submission", "ref",        "submitted_at", "chart",
                                           "values",  "set",        "set_string", "release",   "image_map"};
      for (size_t i = 0; i < f.size(); ++i) {
        std::string name = lower(f[i]);
        if (!known.count(name))
          problem(n, "unknown column '" + f[i] +
                         "' (known: student, submission, ref, submitted_at, chart, values, set, set_string, release, image_map)");
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
    if (const std::string c = get("chart"); !c.empty()) e.overrides.push_back({"--chart", c});
    {
      std::istringstream vs(get("values"));
      for (std::string v; std::getline(vs, v, ';');)
        if (!trim(v).empty()) e.overrides.push_back({"--values", trim(v)});
    }
    if (const std::string v = get("set"); !v.empty()) e.overrides.push_back({"--set", v});
    if (const std::string v = get("set_string"); !v.empty()) e.overrides.push_back({"--set-string", v});
    if (const std::string v = get("release"); !v.empty()) e.overrides.push_back({"--release", v});
    {
      std::istringstream ms(get("image_map"));
      for (std::string m; std::getline(ms, m, ';');) {
        if (trim(m).empty()) continue;
        try {
          parse_image_mapping(trim(m));
          e.overrides.push_back({"--image-map", trim(m)});
        } catch (const std::invalid_argument& x) {
          problem(n, std::string("image_map: ") + x.what());
        }
      }
    }
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
// The repository's git folder: <repo>/.git, or the repository itself when bare.
std::string git_dir_of(const fs::path& repo, std::string* error) {
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(repo / ".git", ec))) return (repo / ".git").string();
  if (fs::is_directory(repo / "objects", ec) && fs::exists(repo / "HEAD", ec)) return repo.string();
  *error = repo.string() + " is not a git repository (a .git folder, or a bare repository; linked worktrees are not read)";
  return "";
}

// Copies regular files only; symlinks and special files of the student's
// git folder are not followed.
bool copy_plain_tree(const fs::path& from, const fs::path& to, std::string* error) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(from, ec))) return true;
  if (!fs::is_directory(fs::symlink_status(from, ec))) {
    if (fs::is_regular_file(fs::symlink_status(from, ec))) fs::copy_file(from, to, ec);
    return true;
  }
  fs::create_directories(to, ec);
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code st;
    const fs::file_status s = it->symlink_status(st);
    const fs::path rel = it->path().lexically_relative(from);
    if (rel.begin() != rel.end() && *rel.begin() == "info") {  // alternates, http-alternates: other object stores
      it.disable_recursion_pending();
      continue;
    }
    if (fs::is_directory(s)) fs::create_directories(to / rel, st);
    else if (fs::is_regular_file(s)) fs::copy_file(it->path(), to / rel, st);
    if (st) {
      *error = "cannot copy " + it->path().string() + ": " + st.message();
      return false;
    }
  }
  if (ec) *error = "cannot read " + from.string() + ": " + ec.message();
  return !ec;
}

std::vector<std::string> git_argv(const std::string& git_dir, std::vector<std::string> args) {
  // env -i: no GIT_* of the grader's, no system or global config (which a
  // shared machine's owner controls, not the repository, but keep it plain).
  std::vector<std::string> argv = {"env", "-i", "PATH=/usr/bin:/bin", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1",
                                   "GIT_CONFIG_GLOBAL=/dev/null", "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1",
                                   "git", "--git-dir=" + git_dir, "-c", "core.hooksPath=/dev/null",
                                   "-c", "protocol.allow=never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::string first_line_of(const std::string& s) {
  std::string l = s.substr(0, s.find('\n'));
  return l.empty() ? s : l;
}

// The grader's own repository holding a copy of the student's objects and refs.
class GitCopy {
 public:
  explicit GitCopy(const std::string& repo) {
    std::string student_git = git_dir_of(repo, &error);
    if (!error.empty()) return;
    std::string tmpl = (fs::temp_directory_path() / "sts-grader-git-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      error = "cannot create a temporary folder";
      return;
    }
    dir = tmpl;
    ProcessResult init = run_process(git_argv(dir + "/.git", {"init", "--quiet", "--bare", dir + "/.git"}), "",
                                     std::chrono::seconds(30));
    if (init.exit_code != 0) {
      error = "git init failed: " + first_line_of(init.error.empty() ? init.err : init.error);
      return;
    }
    const fs::path from(student_git), to(dir + "/.git");
    std::error_code ec;
    fs::remove_all(to / "refs", ec);
    fs::remove(to / "HEAD", ec);
    for (const char* part : {"objects", "refs", "packed-refs", "HEAD"})
      if (!copy_plain_tree(from / part, to / part, &error)) return;
    fs::create_directories(to / "refs", ec);
    if (!fs::exists(to / "HEAD", ec)) std::ofstream(to / "HEAD") << "ref: refs/heads/main\n";
  }
  ~GitCopy() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    return run_process(git_argv(dir + "/.git", std::move(args)), input, std::chrono::seconds(120));
  }
  std::string dir, error;
};

bool safe_component(const std::string& c) {
  if (c.empty() || c == "." || c == "..") return false;
  std::string l = c;
  for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return l != ".git";
}

}  // namespace

std::vector<std::string> with_roster_overrides(const std::vector<std::string>& batch_args, const RosterEntry& e) {
  std::set<std::string> replaced;  // image maps merge: the row's, appended, win for the same FROM
  for (const auto& [flag, value] : e.overrides)
    if (flag != "--image-map") replaced.insert(flag);
  std::vector<std::string> out;
  for (size_t i = 0; i < batch_args.size(); ++i) {
    if (replaced.count(batch_args[i]) && i + 1 < batch_args.size()) {
      ++i;  // the flag and its value
      continue;
    }
    out.push_back(batch_args[i]);
  }
  for (const auto& [flag, value] : e.overrides) out.insert(out.end(), {flag, value});
  if (!e.overrides.empty()) out.insert(out.end(), {"--overrides-from", "roster"});
  return out;
}

std::string git_tree_id(const std::string& repo, const std::string& ref, std::string* error) {
  GitCopy g(repo);
  if (!g.error.empty()) {
    *error = g.error;
    return "";
  }
  // "main:k8s" names a tree already; "^{tree}" after it would be part of the path.
  ProcessResult r = g.run({"rev-parse", "--verify", "--quiet", ref.find(':') == std::string::npos ? ref + "^{tree}" : ref});
  std::string tree = r.out.substr(0, r.out.find_first_of("\r\n"));
  if (r.exit_code != 0 || tree.empty()) {
    *error = "ref '" + ref + "' is not a commit or tree in git repository " + repo +
             (r.err.empty() && r.error.empty() ? "" : ": " + first_line_of(r.error.empty() ? r.err : r.error));
    return "";
  }
  return tree;
}

std::string extract_git_tree(const std::string& repo, const std::string& ref, const std::string& dest) {
  GitCopy g(repo);
  if (!g.error.empty()) return g.error;
  ProcessResult ls = g.run({"ls-tree", "-r", "-z", "-l", "--full-tree", ref});
  if (ls.exit_code != 0)
    return "git ls-tree " + ref + " in " + repo + " failed: " + first_line_of(ls.error.empty() ? ls.err : ls.error);
  struct Entry {
    std::string mode, oid, path;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::string batch;
  for (size_t at = 0; at < ls.out.size();) {
    size_t end = ls.out.find('\0', at);
    if (end == std::string::npos) end = ls.out.size();
    const std::string rec = ls.out.substr(at, end - at);
    at = end + 1;
    const size_t tab = rec.find('\t');
    if (tab == std::string::npos) continue;
    std::istringstream head(rec.substr(0, tab));
    std::string mode, type, oid, size;
    head >> mode >> type >> oid >> size;
    const std::string path = rec.substr(tab + 1);
    if (type != "blob") continue;  // submodules (commit) are not fetched
    if (path.empty() || path[0] == '/') return "git tree " + ref + " has an absolute path: " + path;
    for (const auto& c : fs::path(path))
      if (!safe_component(c.string())) return "git tree " + ref + " has an unsafe path: " + path;
    if (mode != "100644" && mode != "100755" && mode != "120000") continue;
    total += std::strtoull(size.c_str(), nullptr, 10);
    if (entries.size() >= 2000 || total > (32u << 20))
      return "git tree " + ref + " is larger than a submission may be (2000 files, 32 MiB)";
    entries.push_back({mode, oid, path});
    batch += oid + "\n";
  }
  ProcessResult cat = g.run({"cat-file", "--batch"}, batch);
  if (cat.exit_code != 0)
    return "git cat-file in " + repo + " failed: " + first_line_of(cat.error.empty() ? cat.err : cat.error);
  // Blobs first, symlinks last: no file is ever written through a link.
  std::vector<std::pair<const Entry*, std::string>> links;
  size_t pos = 0;
  for (const Entry& e : entries) {
    const size_t nl = cat.out.find('\n', pos);
    if (nl == std::string::npos) return "git cat-file output ended early";
    std::istringstream head(cat.out.substr(pos, nl - pos));
    std::string oid, type;
    size_t size = 0;
    head >> oid >> type >> size;
    if (type != "blob" || nl + 1 + size > cat.out.size()) return "git cat-file: " + e.oid + " is missing";
    std::string content = cat.out.substr(nl + 1, size);
    pos = nl + 1 + size + 1;
    const fs::path out = fs::path(dest) / e.path;
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    if (ec) return "cannot create " + out.parent_path().string() + ": " + ec.message();
    if (e.mode == "120000") {
      links.emplace_back(&e, std::move(content));
      continue;
    }
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          e.mode == "100755" ? 0755 : 0644);
    if (fd < 0) return "cannot write " + out.string() + ": " + std::strerror(errno);
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!ok) return "cannot write " + out.string();
  }
  for (const auto& [e, target] : links) {
    std::error_code ec;
    // Where it points is judged by the submission reader (check_tree).
    fs::create_symlink(target, fs::path(dest) / e->path, ec);
    if (ec) return "cannot create symlink " + e->path + ": " + ec.message();
  }
  return "";
}

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
