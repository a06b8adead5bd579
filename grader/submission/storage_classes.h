// Which StorageClass each claim of a submission lands on, on this cluster.
//
// The labs grade StatefulSet semantics, not a cluster's class names, and the
// labs themselves advise naming a class ("Best practice: explicitly specify
// storageClassName", Lab 04): a student who tested on kind or minikube names
// "standard", on k3s "local-path", on Docker Desktop "hostpath". On a cluster
// without that class the claims would stay Pending and every check would
// fail for the cluster's sake. So a named class the cluster lacks is placed on
// the cluster's default class, and the report says so, as for the namespace.
// A class the cluster has is kept; storageClassName "" (no dynamic
// provisioning) is the student's choice and kept too. `wanted` (the
// instructor's --storage-class) places every claim on that class instead.
#pragma once
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/submission/manifest.h"

namespace sts {

struct StorageClassPlacement {
  std::vector<std::string> notes;    // one per claim moved, "…: storageClassName x -> y (…)"
  std::string problem;               // non-empty: not gradable (no class to place a claim on)
};

// `storage_class_list` is a StorageClassList from the API server.
StorageClassPlacement place_storage_classes(std::vector<Manifest>& objects,
                                            const Json& storage_class_list,
                                            const std::string& wanted = "");

}  // namespace sts
