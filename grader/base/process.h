// Running other programs: the one place the grader starts a process.
// run_process is for a program whose output the caller wants (kubectl, helm,
// git, ldd, exec credential plugins): bounded by a deadline and by Ctrl-C.
// spawn_in_own_group is for a long-lived child the caller waits for itself
// (batch's `sts-grader grade` children), in a process group of its own so a
// signal reaches it once, from its parent.
#pragma once
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sts {

struct ProcessResult {
  int exit_code = -1;                // -1: did not run or was stopped
  std::string out, err;
  bool timed_out = false;
  bool aborted = false;
  std::string error;                 // could not start, etc.
  double seconds = 0;
};

struct ProcessOptions {
  std::string stdin_data;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  const std::atomic<bool>* abort = nullptr;   // stops the child when it turns true
  std::map<std::string, std::string> env;     // set on top of this process's environment
  // The child reads our stdin and writes its stderr to ours (an interactive
  // credential plugin talks to the user); stdout is still captured.
  bool interactive = false;
};

// Runs argv (argv[0] is looked up on PATH when it has no '/') to completion,
// the deadline or the abort flag, whichever comes first; a child stopped by
// either is terminated. Never throws: r.error says why it did not run.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& opts);
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data,
                          std::chrono::milliseconds timeout,
                          const std::atomic<bool>* abort = nullptr);

// The executable `name` resolves to ("" when none): itself when it has a '/',
// else the first match on PATH.
std::string find_program(const std::string& name);

// Starts argv[0] (a path) with stdin from /dev/null and stdout and stderr to
// `log`, in a new process group, with SIGINT, SIGTERM and SIGPIPE at their
// defaults. Returns the pid, or -1 with *error set. The caller reaps it
// (waitpid) and may signal the group (kill(-pid, …)).
pid_t spawn_in_own_group(const std::vector<std::string>& argv, const std::string& log,
                         std::string* error);

// A waitpid status in words: "exit status 3", "killed by signal Terminated".
std::string describe_wait_status(int status);

}  // namespace sts
