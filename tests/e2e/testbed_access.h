// How the e2e tests reach the testbed: its kubeconfig and kubectl exported
// into the test process once, and kubectl's JSON for a query.
#pragma once
#include <gtest/gtest.h>
#include "source_paths.h"

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/cluster/kubectl.h"

namespace sts::e2e {

// $STS_E2E_KUBECONFIG when set (a cluster of the caller's), else what
// testbed/env exports (its shell: `export KEY=VALUE`).
inline void use_testbed() {
  static bool done = [] {
    if (getenv("STS_E2E_KUBECONFIG")) {
      setenv("KUBECONFIG", getenv("STS_E2E_KUBECONFIG"), 1);
      return true;
    }
    ProcessResult r = run_process({"bash", "-c", "eval \"$(" + std::string(STS_SOURCE_DIR) +
                                                     "/testbed/env)\" && echo \"KUBECONFIG=$KUBECONFIG\" "
                                                     "&& echo \"PATH=$PATH\""},
                                  "", std::chrono::seconds(60));
    EXPECT_EQ(r.exit_code, 0) << "testbed/env failed: " << r.err;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      setenv(line.substr(0, eq).c_str(), line.substr(eq + 1).c_str(), 1);
    }
    return true;
  }();
  (void)done;
}

// `kubectl ARGS -o json`, parsed; an empty object (and a test failure) when
// kubectl fails. Lists of every kind can take a while on a loaded machine.
inline Json kubectl_json(const std::vector<std::string>& args) {
  use_testbed();
  std::vector<std::string> argv{"kubectl"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"-o", "json"});
  ProcessResult r = run_process(argv, "", std::chrono::seconds(120));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? Json::parse(r.out) : Json::object();
}

}  // namespace sts::e2e
