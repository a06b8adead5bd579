// Preflight: what would make grading meaningless on this cluster, found before
// anything is created, each explained in one line. Problems refuse the run
// (not gradable); notices are printed and the run goes on.
#pragma once
#include <string>
#include <vector>

#include "grader/base/image_ref.h"  // normalize_image
#include "grader/base/json.h"
#include "grader/submission/manifest.h"

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
// Images of the pod templates that no node has yet (they will be pulled, which
// an offline laptop cluster cannot do), from a NodeList.
std::vector<std::string> images_to_pull(const Json& node_list, const std::vector<Manifest>& objects);
// Containers whose image no node has and whose imagePullPolicy is Never: the
// kubelet will never start them (ErrImageNeverPull), so the run is not
// gradable before anything is applied. One "image not available: …" each.
std::vector<std::string> never_pulled_images(const Json& node_list, const std::vector<Manifest>& objects);
// "" when a default StorageClass exists or every claim template names a class.
std::string storage_class_problem(const Json& sts, const Json& storage_class_list);

// What the grader does on the API, as RBAC names it: the one list.
// deploy/rbac/clusterrole.yaml grants exactly these and docs/least-privilege.md
// shows them (preflight_test checks both).
struct Permission {
  std::string group;                 // "" core, "apps", ...
  std::string resource;              // "pods", "pods/exec"
  std::vector<std::string> verbs;
  bool namespaced;                   // needed inside sts-grader-* namespaces
  bool essential;                    // missing: not gradable; else a notice
  std::string for_kind;              // "" the grader's own; else only when the submission has this kind
  std::string why;
};
const std::vector<Permission>& required_permissions();
// The grader's own, plus kubectl apply's for the kinds in `objects`.
std::vector<Permission> needed_permissions(const std::vector<Manifest>& objects);
// "pods/exec (in sts-grader-*)", "namespaces"
std::string permission_scope_name(const Permission& p);
// The docs table row: "| `pods` | create, delete | sts-grader-* | why |".
std::string permission_doc_row(const Permission& p);
// Does a SelfSubjectRulesReview's resourceRules list grant verb on group/resource?
bool rules_allow(const Json& resource_rules, const std::string& group, const std::string& resource,
                 const std::string& verb);
// One line naming every missing permission (the verbs in each Permission are
// the missing ones), "" when none.
std::string missing_permissions_line(const std::vector<Permission>& missing, bool essential);
// Where preflight asks for the namespaced permissions: a name of the grader's
// pattern (RBAC answers for any name; the admission policy decides by prefix).
inline constexpr const char* kPreflightNamespace = "sts-grader-preflight";

}  // namespace sts
