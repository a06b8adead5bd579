#include "grader/batch.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "grader/api_client.h"
#include "grader/batch_late.h"
#include "grader/batch_outcome.h"
#include "grader/grade.h"
#include "grader/interrupt.h"
#include "grader/kubeconfig.h"
#include "grader/kubectl.h"
#include "grader/lms_gradebook.h"
#include "grader/roster.h"
#include "grader/rubric.h"
#include "reports/class_summary.h"
#include "reports/gradebook.h"
#include "reports/gradescope.h"
#include "reports/text.h"
#include "reports/writer.h"

extern char** environ;

namespace fs = std::filesystem;

namespace sts {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

// FNV-1a, 64 bits: the same on every run and machine (std::hash is not).
struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;  // field separator
  }
  std::string hex() const {
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

Json read_json(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return nullptr;
  try {
    return Json::parse(in);
  } catch (const std::exception&) {
    return nullptr;                  // half-written or damaged: not done
  }
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

// The namespace a child graded in, from its progress lines ("" if it never got there).
std::string namespace_in_log(const fs::path& log) {
  const std::string key = "in namespace sts-grader-";
  for (const std::string& l : read_lines(log))
    if (size_t p = l.find(key); p != std::string::npos) {
      std::string ns = l.substr(p + 13);
      return ns.substr(0, ns.find_first_of(" \t"));
    }
  return "";
}

// Why a child was not gradable, in its own words.
std::string not_gradable_reason(const fs::path& log) {
  const std::string key = "sts-grader: not gradable: ";
  std::string reason;
  for (const std::string& l : read_lines(log))
    if (l.rfind(key, 0) == 0) reason = l.substr(key.size());
    else if (size_t text = l.find_first_not_of(" \t"); !reason.empty() && text > 0 && text != std::string::npos)
      reason += (reason.back() == ':' ? " " : "; ") + l.substr(text);  // listed violations
  return clip(reason, 600);
}

std::string describe_wait_status(int st) {
  if (WIFEXITED(st)) return "exit status " + std::to_string(WEXITSTATUS(st));
  if (WIFSIGNALED(st)) return std::string("killed by signal ") + strsignal(WTERMSIG(st));
  return "stopped";
}

// One child `sts-grader grade`, its stdout and stderr to `log`, in a process
// group of its own: a terminal's Ctrl-C reaches the batch only, which
// forwards it once, so every child gets exactly one signal and cleans up.
pid_t spawn_child(const std::vector<std::string>& argv, const fs::path& log, std::string* error) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawnattr_t at;
  posix_spawnattr_init(&at);
  sigset_t defaults, mask;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  sigemptyset(&mask);
  posix_spawnattr_setsigdefault(&at, &defaults);
  posix_spawnattr_setsigmask(&at, &mask);
  posix_spawnattr_setpgroup(&at, 0);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0].c_str(), &fa, &at, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  if (rc != 0) {
    *error = "cannot start " + argv[0] + ": " + strerror(rc);
    return -1;
  }
  return pid;
}

std::string first_line(const std::string& s) {
  std::string l = s.substr(0, s.find('\n'));
  return l.empty() ? s : l;
}

// The tree of the entry's ref, from its blobs, into a fresh temporary folder
// (grader/roster.h: nothing of the student's repository runs).
std::string extract_git(const RosterEntry& e, fs::path* out) {
  std::string tmpl = (fs::temp_directory_path() / "sts-grader-batch-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return std::string("cannot create a temporary folder: ") + strerror(errno);
  *out = tmpl;
  return extract_git_tree(e.submission, e.ref, tmpl);
}

struct Job {
  const RosterEntry* entry = nullptr;
  size_t index = 0;                  // roster order
  std::string fingerprint;
  fs::path dir;                      // DIR/students/<id>
  fs::path tmp;                      // extracted git tree; removed after
  pid_t pid = -1;
  Clock::time_point started;
  bool killed = false;
  int attempt = 1;                   // > 1: a retry of a not-gradable run
};

std::string display_submission(const RosterEntry& e) {
  return e.ref.empty() ? e.submission : e.submission + " @ " + e.ref;
}

// A git ref is graded from a scratch extraction; the reasons an instructor
// reads name the repository and ref instead of that folder.
std::string without_scratch_path(std::string text, const Job& j) {
  if (j.tmp.empty()) return text;
  const std::string from = j.tmp.string(), to = display_submission(*j.entry);
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

// The outcome of a finished child, from its exit status, report and log.
StudentOutcome judge_child(const Job& j, int wstatus, bool batch_interrupted) {
  StudentOutcome o;
  o.student = j.entry->student;
  o.submission = display_submission(*j.entry);
  o.submitted_at = j.entry->submitted_at;
  o.seconds = since(j.started);
  o.report = read_json(j.dir / "report.json");
  const fs::path log = j.dir / "grader.log";
  const bool gradable = node_at(o.report, {"score", "gradable"}).is_boolean() &&
                        o.report["score"]["gradable"].get<bool>() &&
                        node_at(o.report, {"score", "earned"}).is_number();
  const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  if ((code == kExitPass || code == kExitFail) && gradable) {
    o.status = code == kExitPass ? "pass" : "fail";
  } else if ((code == kExitPass || code == kExitFail) && !gradable) {
    o.status = "error";
    o.reason = "the grader exited " + std::to_string(code) + " without a readable report.json";
  } else if (code == kExitNotGradable) {
    o.status = "not-gradable";
    o.reason = o.report.is_object() ? str_at(o.report, {"score", "reason"}) : not_gradable_reason(log);
    if (o.reason.empty()) o.reason = "not gradable (see grader.log)";
  } else if (code == kExitInterrupted && batch_interrupted) {
    o.status = "pending";
    o.reason = "interrupted; graded on the next run";
  } else {
    o.status = "error";
    o.reason = "the grader stopped: " + describe_wait_status(wstatus);
    if (j.killed) {
      std::string ns = namespace_in_log(log);
      o.reason += " after ignoring the interrupt past the deadline";
      if (!ns.empty()) o.reason += "; namespace " + ns + " may be left (kubectl delete ns " + ns + ")";
    }
  }
  o.reason = without_scratch_path(std::move(o.reason), j);
  return o;
}

Json record_json(const Job& j, const StudentOutcome& o, const std::string& rubric_id, int wstatus) {
  return {{"student", o.student},
          {"submission", j.entry->submission},
          {"ref", j.entry->ref},
          {"fingerprint", j.fingerprint},
          {"rubric", rubric_id},
          {"status", o.status},
          {"reason", o.reason},
          {"exit", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1},
          {"namespace", namespace_in_log(j.dir / "grader.log")},
          {"seconds", o.seconds},
          {"attempts", o.attempts},
          {"finished_at", utc_now()}};
}

// A student graded by an earlier run, kept unless the submission or the
// rubric changed: the record says so and report.json is whole and gradable.
std::optional<StudentOutcome> earlier_result(const RosterEntry& e, const fs::path& dir,
                                             const std::string& fingerprint,
                                             const std::string& rubric_id) {
  Json rec = read_json(dir / "batch.json");
  if (!rec.is_object() || str_at(rec, {"fingerprint"}) != fingerprint ||
      str_at(rec, {"rubric"}) != rubric_id)
    return std::nullopt;
  std::string status = str_at(rec, {"status"});
  if (status != "pass" && status != "fail") return std::nullopt;
  Json report = read_json(dir / "report.json");
  if (!node_at(report, {"score", "gradable"}).is_boolean() || !report["score"]["gradable"].get<bool>() ||
      !node_at(report, {"score", "earned"}).is_number() ||
      str_at(report, {"run", "rubric", "id"}) != rubric_id)
    return std::nullopt;
  StudentOutcome o;
  o.student = e.student;
  o.submission = display_submission(e);
  o.submitted_at = e.submitted_at;
  o.status = status;
  o.report = std::move(report);
  o.resumed = true;
  return o;
}

// --merge: what a shard recorded that a resume would grade again (not
// gradable, error, pending), as that shard's own gradebook showed it.
std::optional<StudentOutcome> shard_result(const RosterEntry& e, const fs::path& dir,
                                           const std::string& fingerprint, const std::string& rubric_id) {
  Json rec = read_json(dir / "batch.json");
  StudentOutcome o;
  o.student = e.student;
  o.submission = display_submission(e);
  o.submitted_at = e.submitted_at;
  o.resumed = true;
  if (!rec.is_object() || str_at(rec, {"fingerprint"}) != fingerprint || str_at(rec, {"rubric"}) != rubric_id) {
    o.status = "error";
    o.reason = "the shard graded another submission or rubric (" + (dir / "batch.json").string() + ")";
    return o;
  }
  o.status = str_at(rec, {"status"});
  o.reason = str_at(rec, {"reason"});
  o.report = read_json(dir / "report.json");
  if (o.status == "pass" || o.status == "fail") {  // earlier_result refused its report
    o.status = "error";
    o.reason = "the shard's report.json is missing or unreadable";
  }
  return o;
}

std::string pad(std::string s, size_t n) {
  if (s.size() < n) s.resize(n, ' ');
  return s;
}

}  // namespace

std::string submission_fingerprint(const std::string& path, const std::string& ref,
                                   std::string* error) {
  if (!ref.empty()) {
    std::string tree = git_tree_id(path, ref, error);
    return tree.empty() ? "" : "git-tree:" + tree;
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code st;  // never a throwing call, never a FIFO opened: a loop or a pipe is that student's problem
    const fs::file_status s = it->symlink_status(st);
    if (fs::is_directory(s) && it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (fs::is_regular_file(s) || fs::is_symlink(s)) files.push_back(it->path());
  }
  if (ec) {
    *error = "cannot read " + path + ": " + ec.message();
    return "";
  }
  std::sort(files.begin(), files.end());
  Fnv h;
  for (const fs::path& f : files) {
    h.add(f.lexically_relative(path).generic_string());
    std::error_code st;
    if (fs::is_symlink(fs::symlink_status(f, st))) {
      h.add("-> " + fs::read_symlink(f, st).string());
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    h.add(content.str());
  }
  return "files-fnv64:" + h.hex();
}

int run_batch(const BatchConfig& cfg) {
  install_interrupt_handlers();
  const auto batch_start = Clock::now();
  auto say = [&](const std::string& s) {
    if (!cfg.quiet) fprintf(stderr, "batch: %s\n", s.c_str());
  };

  // 1. Every input, before anything is graded.
  Roster roster;
  try {
    roster = load_roster(cfg.roster);
    if (!cfg.shard.whole()) {
      const size_t all = roster.entries.size();
      roster.entries = shard_entries(roster.entries, cfg.shard);
      say("shard " + cfg.shard.str() + ": " + std::to_string(roster.entries.size()) + " of the " +
          std::to_string(all) + " on the roster (entry k, roster order, in share k % " +
          std::to_string(cfg.shard.count) + " + 1)");
    }
  } catch (const RosterError& e) {
    fprintf(stderr, "sts-grader: invalid roster, nothing graded:\n%s\n", e.what());
    return kExitUsage;
  }
  const fs::path out = fs::absolute(cfg.out).lexically_normal();
  for (const RosterEntry& e : roster.entries)
    if (fs::path(e.submission) == out || out.string().rfind(e.submission + "/", 0) == 0) {
      fprintf(stderr, "sts-grader: the output folder %s is inside submission %s (%s); nothing graded\n",
              out.c_str(), e.submission.c_str(), e.where.c_str());
      return kExitUsage;
    }
  Rubric rubric;
  const std::string rubric_path =
      cfg.rubric.empty() ? data_dir() + "/rubrics/lab04-section3.yaml" : cfg.rubric;
  try {
    rubric = load_rubric(rubric_path);
    std::vector<std::string> problems = validate_rubric(rubric);
    if (!problems.empty()) throw RubricError(problems.front());
  } catch (const RubricError& e) {
    fprintf(stderr, "sts-grader: not gradable: %s; nothing graded\n", e.what());
    return kExitNotGradable;
  }
  const std::string due_text = cfg.due.empty() ? rubric.due : cfg.due;
  std::optional<std::int64_t> due;
  if (!due_text.empty()) {
    due = parse_timestamp(due_text);
    if (!due) {
      fprintf(stderr, "sts-grader: --due '%s' is not a time like 2026-03-01T23:59:00+01:00\n",
              due_text.c_str());
      return kExitUsage;
    }
  }
  std::vector<std::string> fingerprints;
  std::string problems;
  for (const RosterEntry& e : roster.entries) {
    std::string err;
    fingerprints.push_back(submission_fingerprint(e.submission, e.ref, &err));
    if (!err.empty()) problems += "\n" + e.where + ": " + err;
  }
  if (!problems.empty()) {
    fprintf(stderr, "sts-grader: invalid roster, nothing graded:%s\n", problems.c_str());
    return kExitUsage;
  }
  if (!cfg.merge.empty()) {
    if (std::string p = gather_shards(roster.entries, cfg.merge, out.string()); !p.empty()) {
      fprintf(stderr, "sts-grader: cannot merge, nothing written:\n%s\n", p.c_str());
      return kExitUsage;
    }
  }
  if (cfg.check_cluster && cfg.merge.empty()) {
    std::string server;
    try {
      ClusterCredentials creds = load_kubeconfig({cfg.kubeconfig, cfg.context, std::nullopt, std::nullopt});
      server = creds.server;
      ApiClient api(creds, {}, RetryPolicy{std::chrono::milliseconds(250), std::chrono::seconds(2),
                                            std::chrono::seconds(10)});
      api.version();
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: not gradable: cluster %s unreachable: %s; nothing graded\n",
              server.c_str(), e.what());
      return kExitNotGradable;
    }
  }
  std::string grader = cfg.grader;
  if (grader.empty()) {
    std::error_code ec;
    grader = fs::read_symlink("/proc/self/exe", ec).string();
    if (ec) {
      fprintf(stderr, "sts-grader: cannot find its own executable: %s\n", ec.message().c_str());
      return kExitNotGradable;
    }
  }

  // 2. What is graded already, what is left.
  std::error_code ec;
  fs::create_directories(out / "students", ec);
  if (ec) {
    fprintf(stderr, "sts-grader: cannot create %s: %s\n", (out / "students").c_str(), ec.message().c_str());
    return kExitNotGradable;
  }
  std::vector<StudentOutcome> outcomes(roster.entries.size());
  std::vector<Job> queue;
  for (size_t i = 0; i < roster.entries.size(); ++i) {
    const RosterEntry& e = roster.entries[i];
    fs::path dir = out / "students" / e.student;
    std::optional<StudentOutcome> done;
    if (!cfg.regrade) done = earlier_result(e, dir, fingerprints[i], rubric.id);
    if (!done && !cfg.merge.empty()) done = shard_result(e, dir, fingerprints[i], rubric.id);
    if (done) {
      outcomes[i] = std::move(*done);
    } else {
      outcomes[i].student = e.student;
      outcomes[i].submission = display_submission(e);
      outcomes[i].submitted_at = e.submitted_at;
      outcomes[i].status = "pending";
      outcomes[i].reason = "not graded yet";
      Job j;
      j.entry = &e;
      j.index = i;
      j.fingerprint = fingerprints[i];
      j.dir = dir;
      queue.push_back(std::move(j));
    }
  }
  const size_t kept = roster.entries.size() - queue.size();
  say(std::to_string(roster.entries.size()) + " on the roster" +
      (kept ? "; " + std::to_string(kept) + " graded earlier (kept; --regrade grades them again)" : "") +
      "; grading " + std::to_string(queue.size()) + ", " + std::to_string(cfg.parallel) +
      " at a time, into " + out.string());

  // 3. N children at a time. Children are polled (their exit is the only
  // thing awaited here; each one waits on the cluster with its own deadlines).
  std::vector<Job*> running;
  size_t next = 0, finished = 0;
  bool forwarded = false;
  Clock::time_point kill_deadline;
  std::vector<Job*> retry;           // not gradable, to be graded again
  auto finish = [&](Job& j, int wstatus) {
    StudentOutcome o = judge_child(j, wstatus, interrupted());
    // Only a run that reached the cluster (it wrote a report) is retried: a
    // refused submission is refused again, at once.
    if (o.status == "not-gradable" && o.report.is_object() && j.attempt <= cfg.retries && !interrupted()) {
      say(pad(o.student, 24) + " not gradable (" + o.reason + "); grading again, attempt " +
          std::to_string(j.attempt + 1) + " of " + std::to_string(cfg.retries + 1));
      ++j.attempt;
      if (!j.tmp.empty()) fs::remove_all(j.tmp, ec), j.tmp.clear();
      retry.push_back(&j);
      return;
    }
    o.attempts = j.attempt;
    try {
      write_file_atomically((j.dir / "batch.json").string(),
                            record_json(j, o, rubric.id, wstatus).dump(2) + "\n");
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: %s\n", e.what());
    }
    if (!j.tmp.empty()) fs::remove_all(j.tmp, ec);
    ++finished;
    std::string what = o.status;
    if (is_graded(o))
      what = pad(o.status, 5) + " " + format_points(o.report["score"]["earned"].get<double>()) + "/" +
             format_points(o.report["score"].value("machine_possible", 0.0));
    else if (!o.reason.empty())
      what += ": " + o.reason;
    char secs[32];
    snprintf(secs, sizeof secs, "%6.1fs", o.seconds);
    say("[" + std::to_string(finished) + "/" + std::to_string(queue.size()) + "] " +
        pad(o.student, 24) + " " + secs + "  " + what);
    outcomes[j.index] = std::move(o);
  };
  while (true) {
    while (!interrupted() && running.size() < static_cast<size_t>(cfg.parallel) &&
           (!retry.empty() || next < queue.size())) {
      Job* pick = nullptr;
      if (!retry.empty()) pick = retry.front(), retry.erase(retry.begin());
      else pick = &queue[next++];
      Job& j = *pick;
      fs::remove_all(j.dir, ec);     // nothing stale from an earlier run stays
      fs::create_directories(j.dir, ec);
      std::string submission = j.entry->submission, err;
      if (!j.entry->ref.empty()) {
        err = extract_git(*j.entry, &j.tmp);
        submission = j.tmp.string();
      }
      std::vector<std::string> argv;
      if (err.empty()) {
        argv = {grader, "grade", submission, "--out", j.dir.string(), "--quota"};
        const std::vector<std::string> args = with_roster_overrides(cfg.grade_args, *j.entry);
        argv.insert(argv.end(), args.begin(), args.end());
        j.started = Clock::now();
        j.pid = spawn_child(argv, j.dir / "grader.log", &err);
      }
      if (!err.empty()) {
        std::ofstream(j.dir / "grader.log") << "sts-grader: not gradable: " << err << "\n";
        j.started = Clock::now();
        finish(j, interrupted() ? W_EXITCODE(kExitInterrupted, 0) : W_EXITCODE(kExitNotGradable, 0));
        continue;
      }
      running.push_back(&j);
    }
    if (running.empty() && retry.empty()) break;

    bool reaped = false;
    for (auto it = running.begin(); it != running.end();) {
      int st = 0;
      pid_t r = waitpid((*it)->pid, &st, WNOHANG);
      if (r == (*it)->pid || (r < 0 && errno == ECHILD)) {
        finish(**it, r < 0 ? W_EXITCODE(kExitNotGradable, 0) : st);
        it = running.erase(it);
        reaped = true;
      } else {
        ++it;
      }
    }
    if (interrupted() && !forwarded && !running.empty()) {
      forwarded = true;
      kill_deadline = Clock::now() + cfg.kill_after;
      int sig = interrupt_signal() ? interrupt_signal() : SIGTERM;
      std::string names;
      for (Job* j : running) {
        kill(j->pid, sig);
        std::string ns = namespace_in_log(j->dir / "grader.log");
        names += " " + j->entry->student + (ns.empty() ? "" : " (" + ns + ")");
      }
      say(std::string("interrupted (") + strsignal(sig) + "): waiting for " +
          std::to_string(running.size()) + " grading(s) to clean up their namespaces:" + names);
    }
    if (forwarded && Clock::now() > kill_deadline) {
      for (Job* j : running)
        if (!j->killed) {
          j->killed = true;
          kill(-j->pid, SIGKILL);    // its kubectl processes too
        }
    }
    if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (Job& j : queue)
    if (!j.tmp.empty()) fs::remove_all(j.tmp, ec);

  // 4. Reports: from every student's outcome, this run's or an earlier one's.
  int graded = 0, ungradable = 0, pending = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    StudentOutcome& o = outcomes[i];
    o.late = lateness(roster.entries[i].submitted_unix, due, rubric.late_policy);
    if (is_graded(o)) {
      ++graded;
      if (std::optional<Json> gs = gradescope_results(o.report)) {
        try {
          write_file_atomically((out / "students" / o.student / "results.json").string(), gs->dump(2) + "\n");
        } catch (const std::exception& e) {
          fprintf(stderr, "sts-grader: %s\n", e.what());
        }
      }
    } else if (o.status == "pending") {
      ++pending;
    } else {
      ++ungradable;
    }
  }
  BatchFacts facts;
  facts.due = due_text;
  facts.parallel = cfg.parallel;
  facts.wall_seconds = since(batch_start);
  facts.interrupted = interrupted() || pending > 0;
  try {
    write_file_atomically((out / "gradebook.csv").string(), render_gradebook_csv(outcomes, rubric));
    write_file_atomically((out / "class-summary.md").string(), render_class_summary(outcomes, rubric, facts));
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: cannot write the batch reports: %s\n", e.what());
    return kExitNotGradable;
  }
  char wall[32];
  snprintf(wall, sizeof wall, "%.1f s", facts.wall_seconds);
  say(std::to_string(graded) + " graded, " + std::to_string(ungradable) + " not gradable" +
      (pending ? ", " + std::to_string(pending) + " pending" : "") + " in " + wall + "; wrote " +
      (out / "gradebook.csv").string() + ", " + (out / "class-summary.md").string() +
      " and results.json per graded student");
  if (facts.interrupted) {
    say("interrupted: run the same command again to grade the " + std::to_string(pending) +
        " pending submission(s)");
    return kExitInterrupted;
  }
  return ungradable ? kExitNotGradable : 0;
}

int batch_command(const Options& o) {
  BatchConfig cfg;
  cfg.roster = o.submission;
  cfg.out = o.out;
  cfg.parallel = o.parallel;
  cfg.retries = o.retries;
  cfg.regrade = o.regrade;
  cfg.quiet = o.quiet;
  cfg.due = o.due;
  cfg.kubeconfig = o.kubeconfig;
  cfg.context = o.context;
  if (!o.shard.empty()) cfg.shard = parse_shard(o.shard);
  cfg.merge = o.merge;
  std::error_code ec;
  auto absolute = [&](const std::string& p) { return fs::absolute(p, ec).string(); };
  if (!o.rubric.empty()) {
    cfg.rubric = absolute(o.rubric);
    cfg.grade_args.insert(cfg.grade_args.end(), {"--rubric", cfg.rubric});
  }
  if (!o.scenario.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--scenario", absolute(o.scenario)});
  if (!o.kubeconfig.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--kubeconfig", absolute(o.kubeconfig)});
  if (!o.context.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--context", o.context});
  if (!o.kubectl.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--kubectl", o.kubectl});
  if (!o.statefulset.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--statefulset", o.statefulset});
  if (!o.helm.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--helm", o.helm});
  // A values file here is the instructor's; one that is not is each repository's own (relative to it).
  for (const std::string& v : o.values) {
    std::error_code ec;
    cfg.grade_args.insert(cfg.grade_args.end(), {"--values", fs::is_regular_file(v, ec) ? absolute(v) : v});
  }
  for (const std::string& v : o.set) cfg.grade_args.insert(cfg.grade_args.end(), {"--set", v});
  for (const std::string& v : o.set_string) cfg.grade_args.insert(cfg.grade_args.end(), {"--set-string", v});
  if (!o.chart.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--chart", o.chart});
  if (!o.release.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--release", o.release});
  for (const std::string& m : o.image_maps) cfg.grade_args.insert(cfg.grade_args.end(), {"--image-map", m});
  if (!o.storage_class.empty())
    cfg.grade_args.insert(cfg.grade_args.end(), {"--storage-class", o.storage_class});
  if (o.lms.empty()) return run_batch(cfg);

  // --lms: the export is checked before anything is graded, like the roster.
  const Lms lms = *lms_from_name(o.lms);
  std::optional<LmsRoster> lms_export;
  std::string column = o.lms_column;
  try {
    if (!o.lms_roster.empty()) lms_export = load_lms_roster(o.lms_roster, lms);
    if (column.empty())
      column = load_rubric(cfg.rubric.empty() ? data_dir() + "/rubrics/lab04-section3.yaml" : cfg.rubric).title;
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: %s\n", e.what());
    return kExitUsage;
  }
  const int status = run_batch(cfg);
  if (status == kExitUsage) return status;
  try {
    std::vector<std::pair<std::string, std::string>> wheres;
    for (const RosterEntry& e : load_roster(cfg.roster).entries) wheres.emplace_back(e.student, e.where);
    for (const std::string& line :
         write_lms_gradebook(cfg.out, lms, lms_export ? &*lms_export : nullptr, column, wheres))
      fprintf(stderr, "sts-grader: %s\n", line.c_str());
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: no %s gradebook: %s\n", o.lms.c_str(), e.what());
  }
  return status;
}

}  // namespace sts
