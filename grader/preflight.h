// Preflight: what would make grading meaningless on this cluster, found before
// anything is created, each explained in one line. Problems refuse the run
// (not gradable); notices are printed and the run goes on.
#pragma once
#include <string>
#include <vector>

#include "grader/json.h"
#include "grader/manifest.h"

namespace sts {

class ApiClient;

struct PreflightResult {
  std::vector<std::string> problems;   // each one makes the run not gradable
  std::vector<std::string> notices;    // worth knowing, not blocking
};

// Runs every preflight check against the cluster. `sts` is the StatefulSet
// manifest (may be null JSON), `objects` the placed submission.
PreflightResult preflight(ApiClient& api, const Json& sts, const std::vector<Manifest>& objects,
                          std::string* server_version);

// Pure parts, unit-tested on recorded API objects.
// "busybox" -> "docker.io/library/busybox:latest"; digests and hosts kept.
std::string normalize_image(const std::string& ref);
// Images of the pod templates that no node has yet (they will be pulled, which
// an offline laptop cluster cannot do), from a NodeList.
std::vector<std::string> images_to_pull(const Json& node_list, const std::vector<Manifest>& objects);
// "" when a default StorageClass exists or every claim template names a class.
std::string storage_class_problem(const Json& sts, const Json& storage_class_list);

}  // namespace sts
