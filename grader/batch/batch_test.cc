// The batch orchestration with a fake `sts-grader grade` (a shell script that
// writes a report.json the way the real one does): parallelism, outputs,
// resume, regrade, signal forwarding and the kill deadline. Every batch runs
// in a forked process: its signal handlers and interrupt flag stay there.
#include "grader/batch/batch.h"
#include "grader/cli/commands.h"
#include "source_paths.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "grader/base/json.h"
#include "grader/base/version.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace sts {
namespace {

// Behaviour by submission: the file `behaviour` in it holds one word.
//   pass | fail       a report.json with 3/3 or 2/3, exit 0 or 1
//   refused           no report, "not gradable" on stderr, exit 2
//   hold              waits for $FAKE_TRACK/release; on SIGINT/SIGTERM
//                     "cleans up" (a marker file) and exits 130
//   stubborn          ignores SIGINT/SIGTERM, waits for release
const char* kFakeGrader = R"(#!/bin/bash
sub=$2 out=$4
student=$(basename "$out")
echo "args: $*"
echo "[   0.1s] grading $sub with lab04-section3 on https://fake (v1.33) in namespace sts-grader-f$$"
mkdir -p "$FAKE_TRACK"
echo "$student" >> "$FAKE_TRACK/invocations"
touch "$FAKE_TRACK/running.$student"
ls "$FAKE_TRACK" | grep -c '^running\.' >> "$FAKE_TRACK/concurrency"
behaviour=$(cat "$sub/behaviour")
report() {
  mkdir -p "$out"
  cat > "$out/report.json" <<JSON
{"schema": "sts-grader/report/v1",
 "run": {"rubric": {"id": "lab04-section3"}, "namespace": "sts-grader-f$$", "wall_seconds": 1.5, "notes": []},
 "score": {"earned": $1, "possible": 10, "machine_possible": 10, "gradable": true, "reason": "", "verdict": "$1/10"},
 "checks": [{"id": "pod-naming", "title": "Test 1", "status": "$2", "points": 10, "earned": $1,
             "manual": false, "hidden": false, "summary": "s", "explanation": "", "hint": ""}]}
JSON
}
wait_release() {
  for i in $(seq 1 300); do [ -e "$FAKE_TRACK/release" ] && return 0; sleep 0.1; done
}
case "$behaviour" in
  pass) sleep 0.5; report 10 pass; rm "$FAKE_TRACK/running.$student"; exit 0 ;;
  fail) sleep 0.5; report 7 fail; rm "$FAKE_TRACK/running.$student"; exit 1 ;;
  refused) echo "sts-grader: not gradable: web.yaml:3:1: did not find expected key" >&2
           rm "$FAKE_TRACK/running.$student"; exit 2 ;;
  hold) trap 'echo cleaned > "$FAKE_TRACK/cleaned.$student"; rm "$FAKE_TRACK/running.$student"; exit 130' INT TERM
        wait_release & wait $!
        report 10 pass; rm "$FAKE_TRACK/running.$student"; exit 0 ;;
  policy) printf 'sts-grader: not gradable: submission refused (2 policy violations; nothing was applied):\n  pwn.yaml:1:1: ClusterRoleBinding x: kind not allowed\n\n  pwn.yaml:20:3: Pod y: hostPID is not allowed\n' >&2
          rm "$FAKE_TRACK/running.$student"; exit 2 ;;
  stubborn) trap '' INT TERM; wait_release; exit 0 ;;
esac
exit 99
)";

struct Class {
  fs::path dir, track, out, roster, grader;
  explicit Class(const std::string& name) {
    dir = fs::path(testing::TempDir()) / ("batch_test_" + name);
    fs::remove_all(dir);
    track = dir / "track";
    out = dir / "out";
    fs::create_directories(track);
    grader = dir / "fake-grader";
    std::ofstream(grader) << kFakeGrader;
    fs::permissions(grader, fs::perms::owner_all);
    roster = dir / "roster.csv";
    std::ofstream(roster) << "student,submission,submitted_at\n";
  }
  void add(const std::string& student, const std::string& behaviour, const std::string& at = "") {
    fs::create_directories(dir / "subs" / student);
    std::ofstream(dir / "subs" / student / "behaviour") << behaviour << "\n";
    std::ofstream(roster, std::ios::app) << student << ",subs/" << student << "," << at << "\n";
  }
  BatchConfig config(int parallel) const {
    BatchConfig c;
    c.roster = roster.string();
    c.out = out.string();
    c.parallel = parallel;
    c.grader = grader.string();
    c.check_cluster = false;
    c.quiet = true;
    c.rubric = std::string(STS_SOURCE_DIR) + "/rubrics/lab04-section3.yaml";
    return c;
  }
  // Starts the batch in a child process; returns its pid.
  pid_t start(const BatchConfig& c) const {
    setenv("FAKE_TRACK", track.c_str(), 1);
    fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) _exit(batch_and_reports(c));
    return pid;
  }
  int run(const BatchConfig& c) const { return wait_exit(start(c)); }
  static int wait_exit(pid_t pid) {
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  std::vector<std::string> lines(const fs::path& p) const {
    std::vector<std::string> v;
    std::ifstream in(p);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }
  int invocations(const std::string& student) const {
    int n = 0;
    for (const auto& l : lines(track / "invocations")) n += l == student;
    return n;
  }
  Json json(const fs::path& p) const {
    std::ifstream in(p);
    return in ? Json::parse(in) : Json();
  }
  // Bounded wait for a file to appear (the batch runs in another process).
  bool appears(const fs::path& p, std::chrono::seconds limit = 30s) const {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (fs::exists(p)) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
};

TEST(Batch, GradesAtMostNAtOnceAndWritesEveryOutput) {
  Class c("outputs");
  c.add("alice", "pass", "2026-03-01T10:00:00Z");
  c.add("bob", "fail", "2026-03-03T10:00:00Z");
  c.add("carol", "refused");
  c.add("dave", "pass");
  c.add("erin", "fail");
  c.add("frank", "policy");
  BatchConfig cfg = c.config(2);
  cfg.due = "2026-03-02T00:00:00Z";
  EXPECT_EQ(c.run(cfg), 2);          // carol was not gradable
  int most = 0;
  for (const auto& l : c.lines(c.track / "concurrency")) most = std::max(most, std::stoi(l));
  EXPECT_EQ(most, 2);
  for (const char* s : {"alice", "bob", "carol", "dave", "erin", "frank"}) EXPECT_EQ(c.invocations(s), 1) << s;

  // The child was told where to write and to bound its namespace.
  std::vector<std::string> log = c.lines(c.out / "students" / "alice" / "grader.log");
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log[0].find("--out " + (c.out / "students" / "alice").string() + " --quota"),
            std::string::npos) << log[0];

  std::vector<std::string> book = c.lines(c.out / "gradebook.csv");
  ASSERT_EQ(book.size(), 7u);
  // The refusal and every violation it listed, on one line.
  EXPECT_NE(book[6].find(",submission refused (2 policy violations; nothing was applied): pwn.yaml:1:1: "
                         "ClusterRoleBinding x: kind not allowed; pwn.yaml:20:3: Pod y: hostPID is not allowed"),
            std::string::npos) << book[6];
  EXPECT_EQ(book[0].rfind("student,score,max,machine_max,status,late_days,late_penalty,final_score,pod-naming,", 0), 0u) << book[0];
  EXPECT_EQ(book[1].rfind("alice,10,10,10,pass,0,0,10,10,", 0), 0u) << book[1];
  EXPECT_EQ(book[2].rfind("bob,7,10,10,fail,2,0,7,7,", 0), 0u) << book[2];  // no late policy: days only
  EXPECT_NE(book[3].find("carol,,10,10,not-gradable,"), std::string::npos) << book[3];
  EXPECT_NE(book[3].find("web.yaml:3:1: did not find expected key"), std::string::npos) << book[3];

  Json gs = c.json(c.out / "students" / "bob" / "results.json");
  EXPECT_EQ(gs["score"], 7);
  EXPECT_FALSE(fs::exists(c.out / "students" / "carol" / "results.json"));
  Json rec = c.json(c.out / "students" / "bob" / "batch.json");
  EXPECT_EQ(rec["status"], "fail");
  EXPECT_EQ(rec["rubric"], "lab04-section3");
  EXPECT_EQ(rec["namespace"].get<std::string>().rfind("sts-grader-f", 0), 0u);
  std::ifstream md(c.out / "class-summary.md");
  std::stringstream summary;
  summary << md.rdbuf();
  EXPECT_NE(summary.str().find("| graded | 4 (2 passed every check, 2 failed some) |"), std::string::npos)
      << summary.str();
  EXPECT_NE(summary.str().find("| carol | not-gradable | web.yaml:3:1"), std::string::npos) << summary.str();
}

TEST(Batch, ResumesKeepsGradedRetriesNotGradableAndRegrades) {
  Class c("resume");
  c.add("alice", "pass");
  c.add("bob", "fail");
  c.add("carol", "refused");
  c.add("dave", "pass");
  ASSERT_EQ(c.run(c.config(2)), 2);
  auto mtime = [&](const std::string& s) {
    return fs::last_write_time(c.out / "students" / s / "report.json");
  };
  auto alice_report = mtime("alice");

  // A damaged report is not a result; a changed submission is a new one.
  std::ofstream(c.out / "students" / "bob" / "report.json") << "{\"schema\": \"sts-gra";
  std::ofstream(c.dir / "subs" / "dave" / "web.yaml") << "kind: StatefulSet\n";
  ASSERT_EQ(c.run(c.config(2)), 2);
  EXPECT_EQ(c.invocations("alice"), 1);
  EXPECT_EQ(mtime("alice"), alice_report);
  EXPECT_EQ(c.invocations("bob"), 2);
  EXPECT_EQ(c.invocations("carol"), 2);   // not gradable: tried again
  EXPECT_EQ(c.invocations("dave"), 2);
  std::vector<std::string> book = c.lines(c.out / "gradebook.csv");
  ASSERT_EQ(book.size(), 5u);
  EXPECT_EQ(book[1].rfind("alice,10,", 0), 0u) << book[1];  // kept rows are in the gradebook
  EXPECT_EQ(book[2].rfind("bob,7,", 0), 0u) << book[2];

  BatchConfig again = c.config(2);
  again.regrade = true;
  ASSERT_EQ(c.run(again), 2);
  for (const char* s : {"alice", "bob", "dave"}) EXPECT_EQ(c.invocations(s), s == std::string("alice") ? 2 : 3) << s;
}

// A point value edited without a new rubric id, or another grader version:
// the earlier scores are graded again, not kept. --regrade-only grades the
// named students again and keeps the others; an unknown id grades nothing.
TEST(Batch, ARubricVersionChangeOrRegradeOnlyGradesAgain) {
  Class c("rubric-version");
  c.add("alice", "pass");
  c.add("bob", "fail");
  const fs::path rubric = c.dir / "rubric.yaml", scenario = c.dir / "scenario.yaml";
  fs::copy_file(std::string(STS_SOURCE_DIR) + "/rubrics/lab04-section3.yaml", rubric);
  fs::copy_file(std::string(STS_SOURCE_DIR) + "/scenarios/lab04-section3.yaml", scenario);
  BatchConfig cfg = c.config(2);
  cfg.rubric = rubric.string();
  cfg.scenario = scenario.string();
  ASSERT_EQ(c.run(cfg), 0);
  const Json rec = c.json(c.out / "students" / "alice" / "batch.json");
  EXPECT_EQ(str_at(rec, {"rubric_hash"}).rfind("fnv64:", 0), 0u) << rec.dump();
  EXPECT_EQ(str_at(rec, {"grader_version"}), kVersion);
  ASSERT_EQ(c.run(cfg), 0);          // nothing changed: both kept
  EXPECT_EQ(c.invocations("alice"), 1);

  std::ofstream(scenario, std::ios::app) << "# a step's deadline edited\n";
  ASSERT_EQ(c.run(cfg), 0);
  EXPECT_EQ(c.invocations("alice"), 2);
  EXPECT_EQ(c.invocations("bob"), 2);

  Json old = c.json(c.out / "students" / "bob" / "batch.json");
  old["grader_version"] = "0.0.9";   // graded by an older grader
  std::ofstream(c.out / "students" / "bob" / "batch.json") << old.dump();
  ASSERT_EQ(c.run(cfg), 0);
  EXPECT_EQ(c.invocations("alice"), 2);
  EXPECT_EQ(c.invocations("bob"), 3);

  BatchConfig only = cfg;
  only.regrade_only = {"alice"};
  ASSERT_EQ(c.run(only), 0);
  EXPECT_EQ(c.invocations("alice"), 3);
  EXPECT_EQ(c.invocations("bob"), 3);
  only.regrade_only = {"zoe"};
  EXPECT_EQ(c.run(only), 64);
  EXPECT_EQ(c.invocations("alice"), 3);
}

TEST(Batch, InvalidRosterGradesNothing) {
  Class c("invalid");
  c.add("alice", "pass");
  std::ofstream(c.roster, std::ios::app) << "bob,subs/nowhere,\n";
  EXPECT_EQ(c.run(c.config(2)), 64);
  EXPECT_EQ(c.invocations("alice"), 0);
  EXPECT_FALSE(fs::exists(c.out / "gradebook.csv"));
  BatchConfig bad_due = c.config(1);
  std::ofstream(c.roster) << "student,submission\nalice,subs/alice\n";
  bad_due.due = "friday";
  EXPECT_EQ(c.run(bad_due), 64);
  EXPECT_EQ(c.invocations("alice"), 0);
}

TEST(Batch, InterruptIsForwardedEveryChildCleansUpAndTheNextRunResumes) {
  Class c("interrupt");
  c.add("alice", "pass");
  c.add("bob", "hold");
  c.add("carol", "hold");
  c.add("dave", "hold");
  c.add("erin", "pass");
  pid_t batch = c.start(c.config(3));
  // Alice finished, bob, carol and dave (in alice's slot) are running: Ctrl-C.
  ASSERT_TRUE(c.appears(c.out / "students" / "alice" / "batch.json"));
  for (const char* s : {"bob", "carol", "dave"}) ASSERT_TRUE(c.appears(c.track / ("running." + std::string(s))));
  kill(batch, SIGINT);
  EXPECT_EQ(Class::wait_exit(batch), 130);
  for (const char* s : {"bob", "carol", "dave"}) EXPECT_TRUE(fs::exists(c.track / ("cleaned." + std::string(s)))) << s;
  EXPECT_EQ(c.invocations("erin"), 0);     // nothing starts after the interrupt
  std::vector<std::string> book = c.lines(c.out / "gradebook.csv");
  ASSERT_EQ(book.size(), 6u);
  EXPECT_EQ(book[1].rfind("alice,10,", 0), 0u);
  for (size_t i = 2; i < 6; ++i) EXPECT_NE(book[i].find(",pending,"), std::string::npos) << book[i];
  auto alice_report = fs::last_write_time(c.out / "students" / "alice" / "report.json");

  std::ofstream(c.track / "release") << "go\n";
  EXPECT_EQ(c.run(c.config(3)), 0);
  EXPECT_EQ(c.invocations("alice"), 1);
  EXPECT_EQ(fs::last_write_time(c.out / "students" / "alice" / "report.json"), alice_report);
  EXPECT_EQ(c.invocations("bob"), 2);
  EXPECT_EQ(c.invocations("erin"), 1);
  book = c.lines(c.out / "gradebook.csv");
  ASSERT_EQ(book.size(), 6u);
  for (size_t i = 1; i < book.size(); ++i) EXPECT_NE(book[i].find(",10,10,10,pass,"), std::string::npos) << book[i];
}

TEST(Batch, AChildIgnoringTheInterruptIsKilledAtTheDeadlineAndItsNamespaceNamed) {
  Class c("stubborn");
  c.add("mallory", "stubborn");
  BatchConfig cfg = c.config(1);
  cfg.kill_after = 1s;
  pid_t batch = c.start(cfg);
  ASSERT_TRUE(c.appears(c.track / "running.mallory"));
  kill(batch, SIGTERM);
  EXPECT_EQ(Class::wait_exit(batch), 130);
  Json rec = c.json(c.out / "students" / "mallory" / "batch.json");
  EXPECT_EQ(rec["status"], "error");
  EXPECT_NE(rec["reason"].get<std::string>().find("killed by signal"), std::string::npos) << rec;
  EXPECT_NE(rec["reason"].get<std::string>().find("namespace sts-grader-f"), std::string::npos) << rec;
  EXPECT_NE(rec["reason"].get<std::string>().find("may be left"), std::string::npos) << rec;
}

TEST(Batch, FingerprintFollowsContentAndGitTrees) {
  fs::path d = fs::path(testing::TempDir()) / "batch_test_fingerprint";
  fs::remove_all(d);
  fs::create_directories(d / "sub");
  std::ofstream(d / "sub" / "a.yaml") << "a\n";
  std::string err;
  std::string f1 = submission_fingerprint((d / "sub").string(), "", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(f1, submission_fingerprint((d / "sub").string(), "", &err));
  std::ofstream(d / "sub" / "a.yaml") << "b\n";
  EXPECT_NE(f1, submission_fingerprint((d / "sub").string(), "", &err));
  EXPECT_EQ(submission_fingerprint((d / "sub").string(), "main", &err), "");
  // A folder that is no repository is refused before git reads anything of it.
  EXPECT_NE(err.find("is not a git repository"), std::string::npos) << err;
}

TEST(BatchCli, OptionsAndDefaults) {
  Options o = parse_args({"batch", "class.csv", "--parallel", "4", "--regrade", "--due=2026-03-01T00:00Z"});
  EXPECT_EQ(o.command, "batch");
  EXPECT_EQ(o.submission, "class.csv");
  EXPECT_EQ(o.parallel, 4);
  EXPECT_TRUE(o.regrade);
  EXPECT_EQ(o.due, "2026-03-01T00:00Z");
  EXPECT_EQ(o.out, "sts-grader-batch");
  EXPECT_EQ(parse_args({"batch", "c.csv", "--out", "x"}).out, "x");
  EXPECT_TRUE(parse_args({"grade", "sub", "--quota"}).quota);
  EXPECT_FALSE(parse_args({"grade", "sub"}).quota);
  EXPECT_THROW(parse_args({"batch"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "c.csv", "--parallel", "0"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "c.csv", "--parallel", "2x"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "c.csv", "--keep"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "c.csv", "--min-score", "8"}), UsageError);
  EXPECT_NE(usage().find("batch ROSTER"), std::string::npos);
  const Options only = parse_args({"batch", "c.csv", "--regrade-only", "alice", "--regrade-only=bob"});
  EXPECT_EQ(only.regrade_only, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_THROW(parse_args({"batch", "c.csv", "--regrade", "--regrade-only", "alice"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--regrade-only", "alice"}), UsageError);
}

}  // namespace
}  // namespace sts
