#include "grader/kubectl.h"

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

}  // namespace
}  // namespace sts
