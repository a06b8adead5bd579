#include "grader/scenario/preflight.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace sts {
namespace {

Json recorded(const std::string& name) {
  std::ifstream in(std::string(STS_TESTDATA) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

// nodes.json: the testbed's NodeList, recorded with `kubectl get --raw /api/v1/nodes`.
TEST(Preflight, ImagesToPullAgainstARecordedNode) {
  std::vector<Manifest> objects = parse_manifests(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
        - {name: app, image: nginx:1.21}
        - {name: side, image: alice/not-built:2.0}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: "docker.io/library/redis:7"}]
)", "sub.yaml");
  EXPECT_EQ(images_to_pull(recorded("nodes.json"), objects), std::vector<std::string>{"alice/not-built:2.0"});
  EXPECT_EQ(images_to_pull(Json::object(), objects).size(), 4u);
}

// imagePullPolicy Never and no node has it: ErrImageNeverPull for ever. A
// local image the node does have (nginx:1.21 on the recorded node) is fine.
TEST(Preflight, AnImageThatIsNeverPulledAndOnNoNodeIsNotAvailable) {
  std::vector<Manifest> objects = parse_manifests(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: visits-app}
spec:
  template:
    spec:
      containers:
        - {name: visits-app, image: "visits-app:local", imagePullPolicy: Never}
        - {name: web, image: "nginx:1.21", imagePullPolicy: Never}
        - {name: side, image: "alice/not-built:2.0"}
)", "sub.yaml");
  EXPECT_EQ(never_pulled_images(recorded("nodes.json"), objects),
            std::vector<std::string>{"image not available: docker.io/library/visits-app:local (StatefulSet/visits-app, "
                                     "container visits-app): imagePullPolicy Never and no node has it. Map it to an "
                                     "image the cluster has: --image-map visits-app:local=IMAGE (roster column "
                                     "image_map)."});
}

TEST(Preflight, DefaultStorageClassNeededOnlyForClaimsWithoutClass) {
  Json sts = {{"spec", {{"volumeClaimTemplates", {{{"spec", Json::object()}}}}}}};
  EXPECT_EQ(storage_class_problem(sts, recorded("storageclasses.json")), "");
  Json none = {{"items", Json::array()}};
  EXPECT_NE(storage_class_problem(sts, none).find("no default StorageClass"), std::string::npos);
  Json named = {{"spec", {{"volumeClaimTemplates", {{{"spec", {{"storageClassName", "fast"}}}}}}}}};
  EXPECT_EQ(storage_class_problem(named, none), "");
  EXPECT_EQ(storage_class_problem(Json::object(), none), "");
}


// group, resource, verb: what a Permission list or a ClusterRole grants.
using Grant = std::tuple<std::string, std::string, std::string>;

std::set<Grant> grants_of(const std::vector<Permission>& ps) {
  std::set<Grant> out;
  for (const Permission& p : ps)
    for (const std::string& v : p.verbs) out.insert({p.group, p.resource, v});
  return out;
}

TEST(PreflightPermissions, ClusterRoleGrantsExactlyTheList) {
  YAML::Node role = YAML::LoadFile(std::string(STS_SOURCE_DIR) + "/deploy/rbac/clusterrole.yaml");
  ASSERT_EQ(role["kind"].as<std::string>(), "ClusterRole");
  std::set<Grant> granted;
  for (const YAML::Node& r : role["rules"]) {
    EXPECT_FALSE(r["resourceNames"]) << "resourceNames would make preflight's rule matching wrong";
    for (const YAML::Node& g : r["apiGroups"])
      for (const YAML::Node& res : r["resources"])
        for (const YAML::Node& v : r["verbs"]) {
          EXPECT_NE(v.as<std::string>(), "*");
          EXPECT_NE(res.as<std::string>(), "*");
          granted.insert({g.as<std::string>(), res.as<std::string>(), v.as<std::string>()});
        }
  }
  std::set<Grant> listed = grants_of(required_permissions());
  for (const Grant& g : listed)
    EXPECT_TRUE(granted.count(g)) << "the ClusterRole lacks " << std::get<2>(g) << " " << std::get<1>(g)
                                  << " (group \"" << std::get<0>(g) << "\")";
  for (const Grant& g : granted)
    EXPECT_TRUE(listed.count(g)) << "the ClusterRole grants " << std::get<2>(g) << " " << std::get<1>(g)
                                 << " (group \"" << std::get<0>(g) << "\"), which required_permissions() does not list";
}

TEST(PreflightPermissions, DocsShowEveryRow) {
  std::ifstream in(std::string(STS_SOURCE_DIR) + "/docs/least-privilege.md");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  ASSERT_FALSE(doc.empty());
  std::string table;
  for (const Permission& p : required_permissions()) table += permission_doc_row(p) + "\n";
  EXPECT_NE(doc.find(table), std::string::npos) << "docs/least-privilege.md should contain, verbatim:\n" << table;
}

TEST(PreflightPermissions, SubmissionKindsAddOnlyTheirOwn) {
  std::vector<Manifest> objects = parse_manifests(R"(
apiVersion: batch/v1
kind: Job
metadata: {name: j}
)", "sub.yaml");
  std::set<Grant> with = grants_of(needed_permissions(objects));
  std::set<Grant> without = grants_of(needed_permissions({}));
  EXPECT_TRUE(with.count({"batch", "jobs", "create"}));
  EXPECT_FALSE(without.count({"batch", "jobs", "create"}));
  EXPECT_FALSE(with.count({"batch", "cronjobs", "create"}));
  EXPECT_TRUE(without.count({"", "namespaces", "create"}));
  EXPECT_TRUE(without.count({"", "pods/exec", "create"}));
}

TEST(PreflightPermissions, RulesMatchLikeRbac) {
  Json rules = Json::parse(R"([
    {"verbs": ["create", "get"], "apiGroups": [""], "resources": ["pods", "*/exec"]},
    {"verbs": ["*"], "apiGroups": ["apps"], "resources": ["statefulsets"]},
    {"verbs": ["delete"], "apiGroups": [""], "resources": ["namespaces"], "resourceNames": ["x"]},
    {"verbs": ["list"], "apiGroups": ["*"], "resources": ["*"]}
  ])");
  EXPECT_TRUE(rules_allow(rules, "", "pods", "create"));
  EXPECT_TRUE(rules_allow(rules, "", "pods/exec", "create"));   // */exec
  EXPECT_FALSE(rules_allow(rules, "", "pods/log", "get"));      // pods does not cover pods/log
  EXPECT_FALSE(rules_allow(rules, "", "pods", "delete"));
  EXPECT_TRUE(rules_allow(rules, "apps", "statefulsets", "patch"));
  EXPECT_FALSE(rules_allow(rules, "", "statefulsets", "patch"));  // wrong group
  EXPECT_FALSE(rules_allow(rules, "", "namespaces", "delete"));   // one name only
  EXPECT_TRUE(rules_allow(rules, "storage.k8s.io", "storageclasses", "list"));
  EXPECT_TRUE(rules_allow(rules, "", "pods/log", "list"));        // "*" covers subresources
  EXPECT_FALSE(rules_allow(Json(), "", "pods", "get"));
}

TEST(PreflightPermissions, MissingOnesNamedInOneLine) {
  Permission ns{"", "namespaces", {"create", "delete"}, false, true, "", ""};
  Permission exec{"", "pods/exec", {"create"}, true, true, "", ""};
  Permission sts{"apps", "statefulsets", {"patch"}, true, true, "", ""};
  Permission job{"batch", "cronjobs/status", {"get"}, true, true, "", ""};
  EXPECT_EQ(missing_permissions_line({ns, exec, sts, job}, true),
            "your credentials lack what the grader needs: namespaces: create, delete; "
            "pods/exec in sts-grader-*: create; statefulsets.apps in sts-grader-*: patch; "
            "cronjobs.batch/status in sts-grader-*: get "
            "(deploy/rbac grants exactly what it needs: docs/least-privilege.md)");
  Permission nodes{"", "nodes", {"list"}, false, false, "", ""};
  EXPECT_EQ(missing_permissions_line({nodes}, false),
            "your credentials lack what the grader uses but can do without: nodes: list "
            "(deploy/rbac grants exactly what it needs: docs/least-privilege.md)");
  EXPECT_EQ(missing_permissions_line({}, true), "");
  EXPECT_EQ(missing_permissions_line({ns}, true).find('\n'), std::string::npos);
}

TEST(PreflightPermissions, DocRowNamesScopeAndKind) {
  EXPECT_EQ(permission_doc_row({"batch", "jobs", {"create", "get"}, true, true, "Job", "kubectl apply"}),
            "| `jobs.batch` | create, get | sts-grader-*, when the submission has a Job | kubectl apply |");
  EXPECT_EQ(permission_doc_row({"", "nodes", {"list"}, false, false, "", "images"}),
            "| `nodes` | list | cluster | images |");
}

}  // namespace
}  // namespace sts
