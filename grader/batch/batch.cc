#include "grader/batch/batch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "grader/cluster/api_client.h"
#include "grader/grading/lateness.h"
#include "grader/batch/batch_outcome.h"
#include "grader/grading/data_dir.h"
#include "grader/base/atomic_file.h"
#include "grader/base/exit_codes.h"
#include "grader/base/fnv.h"
#include "grader/base/version.h"
#include "grader/base/interrupt.h"
#include "grader/base/text.h"
#include "grader/cluster/kubeconfig.h"
#include "grader/base/process.h"
#include "grader/batch/roster.h"
#include "grader/grading/rubric.h"
#include "grader/grading/rubric_version.h"

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

std::string first_line(const std::string& s) {
  std::string l = s.substr(0, s.find('\n'));
  return l.empty() ? s : l;
}

// The tree of the entry's ref, from its blobs, into a fresh temporary folder
// (grader/batch/roster.h: nothing of the student's repository runs).
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

// What a score was graded with: a score graded with another rubric, another
// version of the same rubric or its scenario, or another grader is graded
// again rather than kept.
struct GradedWith {
  std::string rubric_id, rubric_hash, grader_version;
  // "" when `rec` (a batch.json) was graded with this; else what differs.
  std::string differs(const Json& rec) const {
    if (str_at(rec, {"rubric"}) != rubric_id) return "another rubric";
    if (str_at(rec, {"rubric_hash"}) != rubric_hash) return "the rubric or its scenario changed";
    if (str_at(rec, {"grader_version"}) != grader_version) return "another grader version";
    return "";
  }
};

Json record_json(const Job& j, const StudentOutcome& o, const GradedWith& with, int wstatus) {
  return {{"student", o.student},
          {"submission", j.entry->submission},
          {"ref", j.entry->ref},
          {"fingerprint", j.fingerprint},
          {"rubric", with.rubric_id},
          {"rubric_hash", with.rubric_hash},
          {"grader_version", with.grader_version},
          {"status", o.status},
          {"reason", o.reason},
          {"exit", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1},
          {"namespace", namespace_in_log(j.dir / "grader.log")},
          {"seconds", o.seconds},
          {"attempts", o.attempts},
          {"finished_at", utc_now()}};
}

// A student graded by an earlier run, kept unless the submission or what it
// was graded with changed: the record says so and report.json is whole and
// gradable. *changed names why a graded record is not kept.
std::optional<StudentOutcome> earlier_result(const RosterEntry& e, const fs::path& dir,
                                             const std::string& fingerprint, const GradedWith& with,
                                             std::string* changed) {
  Json rec = read_json(dir / "batch.json");
  if (!rec.is_object() || str_at(rec, {"fingerprint"}) != fingerprint) return std::nullopt;
  if (std::string d = with.differs(rec); !d.empty()) {
    *changed = d;
    return std::nullopt;
  }
  const std::string& rubric_id = with.rubric_id;
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
                                           const std::string& fingerprint, const GradedWith& with) {
  Json rec = read_json(dir / "batch.json");
  StudentOutcome o;
  o.student = e.student;
  o.submission = display_submission(e);
  o.submitted_at = e.submitted_at;
  o.resumed = true;
  if (!rec.is_object() || str_at(rec, {"fingerprint"}) != fingerprint || !with.differs(rec).empty()) {
    o.status = "error";
    o.reason = "the shard graded another submission, rubric or grader version (" + (dir / "batch.json").string() + ")";
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
  Fnv64 h;
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

namespace {

// One run of the batch, in the order it happens: the inputs, what is graded
// already, the children, the tally.
class BatchRun {
 public:
  explicit BatchRun(const BatchConfig& cfg) : cfg_(cfg), start_(Clock::now()) {}

  BatchResult run() {
    install_interrupt_handlers();
    if (!load_inputs() || !plan()) return std::move(result_);
    run_children();
    return tally();
  }

 private:
  void say(const std::string& s) const {
    if (!cfg_.quiet) fprintf(stderr, "batch: %s\n", s.c_str());
  }
  bool stop(int status) {
    result_.status = status;
    return false;
  }

  // 1. Every input, before anything is graded: the roster, the rubric, the
  // deadline, each submission's fingerprint, the shards to merge, the cluster.
  bool load_inputs() {
    try {
      roster_ = load_roster(cfg_.roster);
      if (!cfg_.shard.whole()) {
        const size_t all = roster_.entries.size();
        roster_.entries = shard_entries(roster_.entries, cfg_.shard);
        say("shard " + cfg_.shard.str() + ": " + std::to_string(roster_.entries.size()) + " of the " +
            std::to_string(all) + " on the roster (entry k, roster order, in share k % " +
            std::to_string(cfg_.shard.count) + " + 1)");
      }
    } catch (const RosterError& e) {
      fprintf(stderr, "sts-grader: invalid roster, nothing graded:\n%s\n", e.what());
      return stop(kExitUsage);
    }
    for (const std::string& id : cfg_.regrade_only)
      if (std::none_of(roster_.entries.begin(), roster_.entries.end(),
                       [&](const RosterEntry& e) { return e.student == id; })) {
        fprintf(stderr, "sts-grader: --regrade-only %s: no such student on the roster%s; nothing graded\n",
                id.c_str(), cfg_.shard.whole() ? "" : " share");
        return stop(kExitUsage);
      }
    out_ = fs::absolute(cfg_.out).lexically_normal();
    for (const RosterEntry& e : roster_.entries)
      if (fs::path(e.submission) == out_ || out_.string().rfind(e.submission + "/", 0) == 0) {
        fprintf(stderr, "sts-grader: the output folder %s is inside submission %s (%s); nothing graded\n",
                out_.c_str(), e.submission.c_str(), e.where.c_str());
        return stop(kExitUsage);
      }
    try {
      const std::string rubric_path = rubric_path_or_default(cfg_.rubric);
      rubric_ = load_rubric(rubric_path);
      std::vector<std::string> problems = validate_rubric(rubric_);
      if (!problems.empty()) throw RubricError(problems.front());
      with_ = {rubric_.id, rubric_fingerprint(rubric_path, scenario_path_or_default(cfg_.scenario, rubric_path, rubric_)),
               kVersion};
    } catch (const RubricError& e) {
      fprintf(stderr, "sts-grader: not gradable: %s; nothing graded\n", e.what());
      return stop(kExitNotGradable);
    }
    due_text_ = cfg_.due.empty() ? rubric_.due : cfg_.due;
    if (!due_text_.empty()) {
      due_ = parse_timestamp(due_text_);
      if (!due_) {
        fprintf(stderr, "sts-grader: --due '%s' is not a time like 2026-03-01T23:59:00+01:00\n",
                due_text_.c_str());
        return stop(kExitUsage);
      }
    }
    std::string problems;
    for (const RosterEntry& e : roster_.entries) {
      std::string err;
      fingerprints_.push_back(submission_fingerprint(e.submission, e.ref, &err));
      if (!err.empty()) problems += "\n" + e.where + ": " + err;
    }
    if (!problems.empty()) {
      fprintf(stderr, "sts-grader: invalid roster, nothing graded:%s\n", problems.c_str());
      return stop(kExitUsage);
    }
    if (!cfg_.merge.empty()) {
      if (std::string p = gather_shards(roster_.entries, cfg_.merge, out_.string()); !p.empty()) {
        fprintf(stderr, "sts-grader: cannot merge, nothing written:\n%s\n", p.c_str());
        return stop(kExitUsage);
      }
    }
    if (cfg_.check_cluster && cfg_.merge.empty() && !cluster_reachable()) return stop(kExitNotGradable);
    grader_ = cfg_.grader;
    if (grader_.empty()) {
      std::error_code ec;
      grader_ = fs::read_symlink("/proc/self/exe", ec).string();
      if (ec) {
        fprintf(stderr, "sts-grader: cannot find its own executable: %s\n", ec.message().c_str());
        return stop(kExitNotGradable);
      }
    }
    return true;
  }

  bool cluster_reachable() const {
    std::string server;
    try {
      ClusterCredentials creds = load_kubeconfig({cfg_.kubeconfig, cfg_.context, std::nullopt, std::nullopt});
      server = creds.server;
      ApiClient api(creds, {}, RetryPolicy::quick());
      api.version();
      return true;
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: not gradable: cluster %s unreachable: %s; nothing graded\n",
              server.c_str(), e.what());
      return false;
    }
  }

  // 2. What is graded already (kept), what is left (queued).
  bool plan() {
    std::error_code ec;
    fs::create_directories(out_ / "students", ec);
    if (ec) {
      fprintf(stderr, "sts-grader: cannot create %s: %s\n", (out_ / "students").c_str(), ec.message().c_str());
      return stop(kExitNotGradable);
    }
    outcomes_.resize(roster_.entries.size());
    for (size_t i = 0; i < roster_.entries.size(); ++i) {
      const RosterEntry& e = roster_.entries[i];
      fs::path dir = out_ / "students" / e.student;
      std::optional<StudentOutcome> done;
      std::string changed;
      const bool regrade = cfg_.regrade || cfg_.regrade_only.count(e.student);
      if (!regrade) done = earlier_result(e, dir, fingerprints_[i], with_, &changed);
      if (!changed.empty()) ++regraded_because_[changed];
      if (!done && !cfg_.merge.empty()) done = shard_result(e, dir, fingerprints_[i], with_);
      if (done) {
        outcomes_[i] = std::move(*done);
        continue;
      }
      outcomes_[i].student = e.student;
      outcomes_[i].submission = display_submission(e);
      outcomes_[i].submitted_at = e.submitted_at;
      outcomes_[i].status = "pending";
      outcomes_[i].reason = "not graded yet";
      Job j;
      j.entry = &e;
      j.index = i;
      j.fingerprint = fingerprints_[i];
      j.dir = dir;
      queue_.push_back(std::move(j));
    }
    const size_t kept = roster_.entries.size() - queue_.size();
    std::string again;
    for (const auto& [why, n] : regraded_because_)
      again += "; " + std::to_string(n) + " graded earlier with " + why + " (graded again)";
    say(std::to_string(roster_.entries.size()) + " on the roster" +
        (kept ? "; " + std::to_string(kept) + " graded earlier (kept; --regrade grades them again)" : "") + again +
        "; grading " + std::to_string(queue_.size()) + ", " + std::to_string(cfg_.parallel) +
        " at a time, into " + out_.string());
    return true;
  }

  // 3. N children at a time. Children are polled (their exit is the only
  // thing awaited here; each one waits on the cluster with its own deadlines).
  void run_children() {
    while (true) {
      while (!interrupted() && running_.size() < static_cast<size_t>(cfg_.parallel) &&
             (!retry_.empty() || next_ < queue_.size())) {
        Job* pick = nullptr;
        if (!retry_.empty()) pick = retry_.front(), retry_.erase(retry_.begin());
        else pick = &queue_[next_++];
        start(*pick);
      }
      if (running_.empty() && retry_.empty()) break;
      const bool reaped = reap();
      if (interrupted() && !forwarded_ && !running_.empty()) forward_interrupt();
      if (forwarded_ && Clock::now() > kill_deadline_) kill_stragglers();
      if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    std::error_code ec;
    for (Job& j : queue_)
      if (!j.tmp.empty()) fs::remove_all(j.tmp, ec);
  }

  void start(Job& j) {
    std::error_code ec;
    fs::remove_all(j.dir, ec);       // nothing stale from an earlier run stays
    fs::create_directories(j.dir, ec);
    std::string submission = j.entry->submission, err;
    if (!j.entry->ref.empty()) {
      err = extract_git(*j.entry, &j.tmp);
      submission = j.tmp.string();
    }
    if (err.empty()) {
      std::vector<std::string> argv = {grader_, "grade", submission, "--out", j.dir.string(), "--quota"};
      const std::vector<std::string> args = with_roster_overrides(cfg_.grade_args, *j.entry);
      argv.insert(argv.end(), args.begin(), args.end());
      j.started = Clock::now();
      j.pid = spawn_in_own_group(argv, (j.dir / "grader.log").string(), &err);
    }
    if (!err.empty()) {
      std::ofstream(j.dir / "grader.log") << "sts-grader: not gradable: " << err << "\n";
      j.started = Clock::now();
      finish(j, interrupted() ? W_EXITCODE(kExitInterrupted, 0) : W_EXITCODE(kExitNotGradable, 0));
      return;
    }
    running_.push_back(&j);
  }

  bool reap() {
    bool reaped = false;
    for (auto it = running_.begin(); it != running_.end();) {
      int st = 0;
      pid_t r = waitpid((*it)->pid, &st, WNOHANG);
      if (r == (*it)->pid || (r < 0 && errno == ECHILD)) {
        finish(**it, r < 0 ? W_EXITCODE(kExitNotGradable, 0) : st);
        it = running_.erase(it);
        reaped = true;
      } else {
        ++it;
      }
    }
    return reaped;
  }

  // Ctrl-C or SIGTERM: once to every child, which cleans up its namespace.
  void forward_interrupt() {
    forwarded_ = true;
    kill_deadline_ = Clock::now() + cfg_.kill_after;
    const int sig = interrupt_signal() ? interrupt_signal() : SIGTERM;
    std::string names;
    for (Job* j : running_) {
      kill(j->pid, sig);
      std::string ns = namespace_in_log(j->dir / "grader.log");
      names += " " + j->entry->student + (ns.empty() ? "" : " (" + ns + ")");
    }
    say(std::string("interrupted (") + strsignal(sig) + "): waiting for " + std::to_string(running_.size()) +
        " grading(s) to clean up their namespaces:" + names);
  }

  void kill_stragglers() {
    for (Job* j : running_)
      if (!j->killed) {
        j->killed = true;
        kill(-j->pid, SIGKILL);      // its kubectl processes too
      }
  }

  void finish(Job& j, int wstatus) {
    std::error_code ec;
    StudentOutcome o = judge_child(j, wstatus, interrupted());
    // Only a run that reached the cluster (it wrote a report) is retried: a
    // refused submission is refused again, at once.
    if (o.status == "not-gradable" && o.report.is_object() && j.attempt <= cfg_.retries && !interrupted()) {
      say(pad(o.student, 24) + " not gradable (" + o.reason + "); grading again, attempt " +
          std::to_string(j.attempt + 1) + " of " + std::to_string(cfg_.retries + 1));
      ++j.attempt;
      if (!j.tmp.empty()) fs::remove_all(j.tmp, ec), j.tmp.clear();
      retry_.push_back(&j);
      return;
    }
    o.attempts = j.attempt;
    try {
      write_file_atomically((j.dir / "batch.json").string(), record_json(j, o, with_, wstatus).dump(2) + "\n");
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: %s\n", e.what());
    }
    if (!j.tmp.empty()) fs::remove_all(j.tmp, ec);
    ++finished_;
    std::string what = o.status;
    if (is_graded(o))
      what = pad(o.status, 5) + " " + format_points(o.report["score"]["earned"].get<double>()) + "/" +
             format_points(o.report["score"].value("machine_possible", 0.0));
    else if (!o.reason.empty())
      what += ": " + o.reason;
    char secs[32];
    snprintf(secs, sizeof secs, "%6.1fs", o.seconds);
    say("[" + std::to_string(finished_) + "/" + std::to_string(queue_.size()) + "] " + pad(o.student, 24) +
        " " + secs + "  " + what);
    outcomes_[j.index] = std::move(o);
  }

  // 4. The class's outcomes, this run's or an earlier one's, for the reports.
  BatchResult tally() {
    for (size_t i = 0; i < outcomes_.size(); ++i) {
      StudentOutcome& o = outcomes_[i];
      o.late = lateness(roster_.entries[i].submitted_unix, due_, rubric_.late_policy);
      if (is_graded(o)) ++result_.graded;
      else if (o.status == "pending") ++result_.pending;
      else ++result_.ungradable;
    }
    result_.facts.due = due_text_;
    result_.facts.parallel = cfg_.parallel;
    result_.facts.wall_seconds = since(start_);
    result_.facts.interrupted = interrupted() || result_.pending > 0;
    result_.complete = true;
    result_.out = out_.string();
    result_.rubric = std::move(rubric_);
    result_.outcomes = std::move(outcomes_);
    result_.status = result_.facts.interrupted ? kExitInterrupted
                     : result_.ungradable     ? kExitNotGradable
                                              : kExitPass;
    return std::move(result_);
  }

  const BatchConfig& cfg_;
  const Clock::time_point start_;
  BatchResult result_;
  Roster roster_;
  fs::path out_;
  Rubric rubric_;
  GradedWith with_;
  std::map<std::string, int> regraded_because_;  // why earlier scores were not kept
  std::string due_text_;
  std::optional<std::int64_t> due_;
  std::vector<std::string> fingerprints_;
  std::string grader_;
  std::vector<StudentOutcome> outcomes_;
  std::vector<Job> queue_;           // never resized once planned: running_ and retry_ point into it
  std::vector<Job*> running_, retry_;
  size_t next_ = 0, finished_ = 0;
  bool forwarded_ = false;
  Clock::time_point kill_deadline_;
};

}  // namespace

BatchResult run_batch(const BatchConfig& cfg) { return BatchRun(cfg).run(); }

}  // namespace sts
