// batch --shard and --merge with a fake `sts-grader grade` (as in
// batch_test.cc): N shards merged give the gradebook, results and class
// summary of one batch over the whole roster.
#include <gtest/gtest.h>
#include "source_paths.h"
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "grader/batch/batch.h"
#include "grader/cli/commands.h"

namespace fs = std::filesystem;

namespace sts {
namespace {

// pass / fail: a report.json, exit 0 / 1; refused: no report, exit 2.
const char* kFakeGrader = R"SH(#!/bin/bash
sub=$2 out=$4
echo "[   0.1s] grading $sub with lab04-section3 on https://fake (v1.33) in namespace sts-grader-fake"
report() {
  mkdir -p "$out"
  cat > "$out/report.json" <<JSON
{"schema": "sts-grader/report/v1",
 "run": {"rubric": {"id": "lab04-section3"}, "namespace": "sts-grader-fake", "wall_seconds": 1.5, "notes": []},
 "score": {"earned": $1, "possible": 10, "machine_possible": 10, "gradable": true, "reason": "", "verdict": "$1/10"},
 "checks": [{"id": "pod-naming", "title": "Test 1", "status": "$2", "points": 10, "earned": $1,
             "manual": false, "hidden": false, "summary": "s", "explanation": "", "hint": ""}]}
JSON
}
case "$(cat "$sub/behaviour")" in
  pass) report 10 pass; exit 0 ;;
  fail) report 7 fail; exit 1 ;;
  refused) echo "sts-grader: not gradable: web.yaml:3:1: did not find expected key" >&2; exit 2 ;;
esac
exit 99
)SH";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The class summary without "This run: <wall> with --parallel N.", which says
// how this run went, not what it found.
std::string findings(const fs::path& summary) {
  return std::regex_replace(slurp(summary), std::regex(" This run: [^\n]*? with --parallel [0-9]+\\."), "");
}

struct Class {
  // One folder per test: CTest runs the tests of this file at the same time.
  fs::path dir = fs::path(testing::TempDir()) /
                 ("shard_merge_test_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
  fs::path roster = dir / "roster.csv";
  fs::path grader = dir / "fake-grader";
  Class() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(grader) << kFakeGrader;
    fs::permissions(grader, fs::perms::owner_all);
    std::ofstream r(roster);
    r << "student,submission,submitted_at\n";
    const char* behaviour[] = {"pass", "fail", "refused", "pass", "fail", "pass", "refused"};
    for (int k = 0; k < 7; ++k) {
      std::string id = "student" + std::to_string(k);
      fs::create_directories(dir / "subs" / id);
      std::ofstream(dir / "subs" / id / "behaviour") << behaviour[k] << "\n";
      r << id << ",subs/" << id << ",2026-03-0" << (k % 3 + 1) << "T12:00:00Z\n";
    }
  }
  BatchConfig config(const std::string& out) const {
    BatchConfig c;
    c.roster = roster.string();
    c.out = (dir / out).string();
    c.parallel = 2;
    c.grader = grader.string();
    c.check_cluster = false;
    c.quiet = true;
    c.rubric = std::string(STS_SOURCE_DIR) + "/rubrics/lab04-section3.yaml";
    c.due = "2026-03-02T00:00:00Z";
    return c;
  }
  // In a child process: run_batch installs signal handlers.
  static int run(const BatchConfig& c) {
    fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) _exit(batch_and_reports(c));
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
};

TEST(ShardMerge, ThreeShardsMergedEqualOneBatch) {
  Class c;
  EXPECT_EQ(Class::run(c.config("single")), kExitNotGradable);  // two refused
  std::vector<std::string> shards;
  for (int i = 1; i <= 3; ++i) {
    BatchConfig s = c.config("shard" + std::to_string(i));
    s.shard = {i, 3};
    Class::run(s);
    shards.push_back(s.out);
    // Round-robin: shard i graded exactly students i-1, i-1+3, ...
    for (int k = 0; k < 7; ++k)
      EXPECT_EQ(fs::exists(fs::path(s.out) / "students" / ("student" + std::to_string(k)) / "batch.json"),
                k % 3 == i - 1)
          << "shard " << i << " student" << k;
  }
  BatchConfig m = c.config("merged");
  m.merge = shards;
  m.grader = "/nonexistent";  // a merge grades nothing
  EXPECT_EQ(Class::run(m), kExitNotGradable);
  const fs::path single = c.dir / "single", merged = c.dir / "merged";
  std::string gradebook = slurp(single / "gradebook.csv");
  ASSERT_NE(gradebook.find("student6"), std::string::npos);
  ASSERT_NE(gradebook.find("did not find expected key"), std::string::npos);
  EXPECT_EQ(slurp(merged / "gradebook.csv"), gradebook);
  EXPECT_EQ(findings(merged / "class-summary.md"), findings(single / "class-summary.md"));
  for (int k = 0; k < 7; ++k) {
    fs::path r = fs::path("students") / ("student" + std::to_string(k)) / "results.json";
    EXPECT_EQ(fs::exists(single / r), fs::exists(merged / r)) << r;
    EXPECT_EQ(slurp(merged / r), slurp(single / r)) << r;
  }
}

TEST(ShardMerge, RefusesAMissingOrDoubleStudent) {
  Class c;
  BatchConfig s1 = c.config("s1"), s2 = c.config("s2");
  s1.shard = {1, 2};
  s2.shard = {2, 2};
  Class::run(s1);
  BatchConfig m = c.config("merged");
  m.merge = {s1.out};  // shard 2 missing
  EXPECT_EQ(Class::run(m), kExitUsage);
  EXPECT_FALSE(fs::exists(c.dir / "merged" / "gradebook.csv"));
  Class::run(s2);
  m.merge = {s1.out, s2.out, s1.out};  // shard 1 twice
  EXPECT_EQ(Class::run(m), kExitUsage);
  m.merge = {s1.out, s2.out};
  m.out = s1.out;  // into one of its inputs
  EXPECT_EQ(Class::run(m), kExitUsage);
}

}  // namespace
}  // namespace sts
