#include "grader/cluster/kubectl.h"

namespace sts {

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
