#include "grader/base/process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace sts {
namespace {
using namespace std::chrono_literals;

TEST(RunProcess, CapturesOutputErrorsAndExitCode) {
  auto r = run_process({"sh", "-c", "cat; echo err >&2; exit 3"}, "hello", 10s);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "hello");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_FALSE(r.timed_out);
}

TEST(RunProcess, StopsAtDeadline) {
  auto r = run_process({"sh", "-c", "exec sleep 30"}, "", 300ms);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_LT(r.seconds, 5);
}

TEST(RunProcess, StopsWhenAborted) {
  std::atomic<bool> abort{true};
  auto r = run_process({"sh", "-c", "exec sleep 30"}, "", 10s, &abort);
  EXPECT_TRUE(r.aborted);
  EXPECT_LT(r.seconds, 5);
}

TEST(RunProcess, MissingProgramIsAnError) {
  auto r = run_process({"no-such-program-sts"}, "", 1s);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_NE(r.error.find("not found"), std::string::npos);
}

TEST(RunProcess, MissingOrNonExecutablePathIsAnErrorNotAnException) {
  auto r = run_process({"/no/such/dir/kubectl"}, "", 1s);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_NE(r.error.find("not an executable"), std::string::npos) << r.error;
  r = run_process({"/etc/hostname"}, "", 1s);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_FALSE(r.error.empty());
}

TEST(RunProcess, SetsEnvironmentOnTopOfOurs) {
  ProcessOptions o;
  o.timeout = 10s;
  o.env["STS_PROCESS_TEST"] = "set here";
  auto r = run_process({"sh", "-c", "printf '%s|%s' \"$STS_PROCESS_TEST\" \"${PATH:+path}\""}, o);
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_EQ(r.out, "set here|path");
}

// A child that closes its pipes and lingers (a daemonising plugin) is still
// bounded by the deadline.
TEST(RunProcess, ClosedPipesDoNotOutliveTheDeadline) {
  auto r = run_process({"sh", "-c", "exec >/dev/null 2>&1 </dev/null; sleep 30"}, "", 500ms);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(r.seconds, 5);
}

TEST(FindProgram, PathLookupAndPathsAsGiven) {
  EXPECT_FALSE(find_program("sh").empty());
  EXPECT_EQ(find_program("/no/such/thing"), "/no/such/thing");
  EXPECT_EQ(find_program("no-such-program-sts"), "");
  EXPECT_EQ(find_program(""), "");
}

TEST(SpawnInOwnGroup, LogsOutputAndLeadsItsOwnGroup) {
  const std::filesystem::path log = std::filesystem::temp_directory_path() / "sts-spawn-test.log";
  std::string err;
  const pid_t pid = spawn_in_own_group({"/bin/sh", "-c", "echo out; echo err >&2; exit 4"}, log.string(), &err);
  ASSERT_GT(pid, 0) << err;
  int st = 0;
  ASSERT_EQ(waitpid(pid, &st, 0), pid);
  EXPECT_EQ(describe_wait_status(st), "exit status 4");
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "out\nerr\n");
  std::filesystem::remove(log);
}

TEST(SpawnInOwnGroup, ChildIsItsGroupLeaderAndDiesByItsSignal) {
  const std::filesystem::path log = std::filesystem::temp_directory_path() / "sts-spawn-group.log";
  std::string err;
  const pid_t pid = spawn_in_own_group({"/bin/sh", "-c", "exec sleep 30"}, log.string(), &err);
  ASSERT_GT(pid, 0) << err;
  EXPECT_EQ(getpgid(pid), pid);      // a group of its own: Ctrl-C at our terminal does not reach it
  ASSERT_EQ(kill(-pid, SIGTERM), 0);
  int st = 0;
  ASSERT_EQ(waitpid(pid, &st, 0), pid);
  EXPECT_NE(describe_wait_status(st).find("killed by signal"), std::string::npos) << describe_wait_status(st);
  std::filesystem::remove(log);
}

TEST(SpawnInOwnGroup, MissingProgramIsAnError) {
  std::string err;
  EXPECT_EQ(spawn_in_own_group({"/no/such/program"}, "/dev/null", &err), -1);
  EXPECT_NE(err.find("cannot start /no/such/program"), std::string::npos) << err;
}

}  // namespace
}  // namespace sts
