#include "grader/kubectl.h"

#include <unistd.h>

#include <utility>  // boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/process.hpp>

#include <future>

namespace bp = boost::process;

namespace sts {

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data,
                          std::chrono::milliseconds timeout, const std::atomic<bool>* abort) {
  ProcessResult r;
  auto begin = std::chrono::steady_clock::now();
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  boost::filesystem::path exe = argv[0];
  if (argv[0].find('/') == std::string::npos) exe = bp::search_path(argv[0]);
  if (exe.empty()) {
    r.error = argv[0] + ": not found on PATH";
    return r;
  }
  if (access(exe.c_str(), X_OK) != 0) {
    r.error = argv[0] + ": not an executable file";
    return r;
  }
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  boost::asio::io_context ios;
  std::future<std::string> out, err;
  try {
    bp::child child(exe, bp::args(args), bp::std_in < boost::asio::buffer(stdin_data),
                    bp::std_out > out, bp::std_err > err, ios);
    auto deadline = begin + timeout;
    // Drive the pipes in slices so a deadline or Ctrl-C stops the child promptly.
    while (!ios.stopped()) {
      if (abort && abort->load()) {
        r.aborted = true;
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        r.timed_out = true;
        break;
      }
      ios.run_for(std::chrono::milliseconds(100));
    }
    if (r.aborted || r.timed_out) {
      std::error_code ec;
      child.terminate(ec);
    }
    child.wait();
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

Kubectl::Kubectl(std::string binary, std::string kubeconfig, std::string context,
                 const std::atomic<bool>* abort)
    : binary_(binary.empty() ? "kubectl" : std::move(binary)),
      kubeconfig_(std::move(kubeconfig)),
      context_(std::move(context)),
      abort_(abort) {}

ProcessResult Kubectl::run(const std::vector<std::string>& args, const std::string& stdin_data,
                           std::chrono::milliseconds timeout) const {
  std::vector<std::string> argv{binary_};
  if (!kubeconfig_.empty()) argv.push_back("--kubeconfig=" + kubeconfig_);
  if (!context_.empty()) argv.push_back("--context=" + context_);
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, stdin_data, timeout, abort_);
}

ProcessResult Kubectl::exec(const std::string& ns, const std::string& pod,
                            const std::string& container, const std::vector<std::string>& command,
                            std::chrono::milliseconds timeout) const {
  std::vector<std::string> args{"exec", "-n", ns, pod};
  if (!container.empty()) {
    args.push_back("-c");
    args.push_back(container);
  }
  args.push_back("--");
  args.insert(args.end(), command.begin(), command.end());
  return run(args, "", timeout);
}

}  // namespace sts
