// Running kubectl, for what it does better than raw REST: apply (any kind,
// through discovery) and exec (SPDY/WebSocket streams).
#pragma once
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "grader/base/process.h"

namespace sts {

class Kubectl {
 public:
  // `binary` "" finds kubectl on PATH; kubeconfig/context "" use kubectl's defaults.
  Kubectl(std::string binary, std::string kubeconfig, std::string context,
          const std::atomic<bool>* abort = nullptr);

  ProcessResult run(const std::vector<std::string>& args, const std::string& stdin_data,
                    std::chrono::milliseconds timeout) const;
  // `kubectl exec -n ns pod -c container -- command…`
  ProcessResult exec(const std::string& ns, const std::string& pod, const std::string& container,
                     const std::vector<std::string>& command,
                     std::chrono::milliseconds timeout) const;
  const std::string& binary() const { return binary_; }

 private:
  std::string binary_, kubeconfig_, context_;
  const std::atomic<bool>* abort_;
};

}  // namespace sts
