#include "grader/base/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <future>
#include <thread>
#include <utility>  // boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/process.hpp>

extern char** environ;

namespace bp = boost::process;

namespace sts {

std::string find_program(const std::string& name) {
  if (name.empty()) return "";
  if (name.find('/') != std::string::npos) return name;
  return bp::search_path(name).string();
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& opts) {
  ProcessResult r;
  const auto begin = std::chrono::steady_clock::now();
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  const std::string exe = find_program(argv[0]);
  if (exe.empty()) {
    r.error = argv[0] + ": not found on PATH";
    return r;
  }
  if (access(exe.c_str(), X_OK) != 0) {
    r.error = argv[0] + ": not an executable file";
    return r;
  }
  const std::vector<std::string> args(argv.begin() + 1, argv.end());
  bp::environment env = boost::this_process::environment();
  for (const auto& [k, v] : opts.env) env[k] = v;
  boost::asio::io_context ios;
  std::future<std::string> out, err;
  try {
    bp::child child;
    if (opts.interactive)
      child = bp::child(exe, bp::args(args), env, bp::std_out > out, ios);
    else
      child = bp::child(exe, bp::args(args), env, bp::std_in < boost::asio::buffer(opts.stdin_data),
                        bp::std_out > out, bp::std_err > err, ios);
    const auto deadline = begin + opts.timeout;
    auto stopped = [&] {
      if (opts.abort && opts.abort->load()) r.aborted = true;
      else if (std::chrono::steady_clock::now() >= deadline) r.timed_out = true;
      return r.aborted || r.timed_out;
    };
    // Drive the pipes in slices so a deadline or Ctrl-C stops the child
    // promptly, until both close.
    while (!ios.stopped() && !stopped()) ios.run_for(std::chrono::milliseconds(100));
    // Then the exit itself. Boost 1.74's wait_for oversleeps and its SIGCHLD
    // reaper does not always record the status, but running() polls waitpid
    // and does; a child that closed its pipes and lingers is still bounded.
    std::error_code ec;
    while (!stopped() && child.running(ec) && !ec)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (r.aborted || r.timed_out) child.terminate(ec);
    child.wait(ec);
    if (!r.aborted && !r.timed_out) r.exit_code = child.exit_code();
  } catch (const std::exception& e) {
    r.error = argv[0] + ": " + e.what();
  }
  // A child that never started leaves broken promises behind: no output, and
  // r.error already says why.
  auto take = [](std::future<std::string>& f, std::string& into) {
    if (!f.valid() || f.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    try {
      into = f.get();
    } catch (const std::future_error&) {
    }
  };
  take(out, r.out);
  take(err, r.err);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return r;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data,
                          std::chrono::milliseconds timeout, const std::atomic<bool>* abort) {
  ProcessOptions o;
  o.stdin_data = stdin_data;
  o.timeout = timeout;
  o.abort = abort;
  return run_process(argv, o);
}

pid_t spawn_in_own_group(const std::vector<std::string>& argv, const std::string& log,
                         std::string* error) {
  if (argv.empty()) {
    *error = "empty command";
    return -1;
  }
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
  const int rc = posix_spawn(&pid, argv[0].c_str(), &fa, &at, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  if (rc != 0) {
    *error = "cannot start " + argv[0] + ": " + strerror(rc);
    return -1;
  }
  return pid;
}

std::string describe_wait_status(int st) {
  if (WIFEXITED(st)) return "exit status " + std::to_string(WEXITSTATUS(st));
  if (WIFSIGNALED(st)) return std::string("killed by signal ") + strsignal(WTERMSIG(st));
  return "stopped";
}

}  // namespace sts
