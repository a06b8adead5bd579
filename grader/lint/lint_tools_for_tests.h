// Tests only: where the tools that render charts and kustomizations are.
// scripts/test.sh exports STS_HELM (scripts/helm.sh builds the pinned helm).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>

#include <boost/process/search_path.hpp>

namespace sts::testing_tools {

inline std::string from_env_or_path(const char* env, const char* name) {
  if (const char* v = std::getenv(env); v && *v) return v;
  return boost::process::search_path(name).string();
}

inline std::string helm() { return from_env_or_path("STS_HELM", "helm"); }

// kubectl: $STS_KUBECTL, PATH, else the testbed's build cache.
inline std::string kubectl() {
  std::string k = from_env_or_path("STS_KUBECTL", "kubectl");
  if (!k.empty()) return k;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/var/cache/sts-testbed", ec))
    if (e.path().filename().string().rfind("bin-", 0) == 0 && std::filesystem::exists(e.path() / "kubectl", ec))
      return (e.path() / "kubectl").string();
  return "";
}

inline const char* kNoHelm =
    "no helm: run `export STS_HELM=$(bash scripts/helm.sh)` (scripts/test.sh does) or put helm on PATH";

}  // namespace sts::testing_tools
