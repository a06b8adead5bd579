#include "grader/manifest.h"

#include <gtest/gtest.h>

#include "grader/isolation.h"

namespace sts {
namespace {

TEST(Manifest, TypesScalarsLikeKubectl) {
  auto ms = parse_manifests(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: "3"
  b: 3
  c: true
  d: 'yes'
  e: |
    echo 1
  f: 1.5
  g: ~
)", "c.yaml");
  ASSERT_EQ(ms.size(), 1u);
  const Json& d = ms[0].object["data"];
  EXPECT_EQ(d["a"], "3");
  EXPECT_EQ(d["b"], 3);
  EXPECT_EQ(d["c"], true);
  EXPECT_EQ(d["d"], "yes");
  EXPECT_EQ(d["e"], "echo 1\n");
  EXPECT_DOUBLE_EQ(d["f"].get<double>(), 1.5);
  EXPECT_TRUE(d["g"].is_null());
}

TEST(Manifest, RemembersLinesOfFieldsAcrossDocuments) {
  auto ms = parse_manifests(R"(# comment
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nope
)", "dir/app.yaml");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[1].kind(), "StatefulSet");
  EXPECT_EQ(ms[1].where("/spec/serviceName").str(), "dir/app.yaml:12:3");
  EXPECT_EQ(ms[1].where("/spec/missing/deeper").line, 11);
  EXPECT_EQ(ms[0].pos.line, 2);
}

TEST(Manifest, InvalidYamlNamesFileAndLine) {
  try {
    parse_manifests("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n", "bad.yaml");
    FAIL() << "expected ManifestError";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.yaml:"), std::string::npos);
  }
}

TEST(Manifest, MissingKindAndDuplicateKeysAreErrors) {
  EXPECT_THROW(parse_manifests("apiVersion: v1\nmetadata: {name: x}\n", "a.yaml"), ManifestError);
  try {
    parse_manifests("apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: {name: x}\n", "d.yaml");
    FAIL();
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("d.yaml:3:"), std::string::npos) << e.what();
  }
}

TEST(Isolation, RewritesNamespacesAndDropsNamespaceObjects) {
  auto ms = parse_manifests(R"(apiVersion: v1
kind: Namespace
metadata: {name: statefulset-lab}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: statefulset-lab}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
)", "s.yaml");
  Placement p = place(ms, "sts-grader-x");
  ASSERT_EQ(p.objects.size(), 2u);
  EXPECT_EQ(p.objects[0].namespace_(), "sts-grader-x");
  EXPECT_EQ(p.objects[1].namespace_(), "sts-grader-x");
  EXPECT_EQ(p.submitted_namespaces, std::vector<std::string>{"statefulset-lab"});
}

TEST(Isolation, RefusesHostileObjectsListingEveryViolation) {
  auto ms = parse_manifests(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: pwn}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: kube-system}
spec:
  hostNetwork: true
  volumes:
  - name: root
    hostPath: {path: /}
  containers:
  - name: c
    image: busybox
    securityContext:
      privileged: true
      capabilities: {add: [SYS_ADMIN]}
)", "h.yaml");
  auto v = policy_violations(ms);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_NE(v[0].find("h.yaml:1:1: ClusterRoleBinding pwn"), std::string::npos) << v[0];
  EXPECT_NE(v[1].find("h.yaml:7:21: Pod p: objects in the system namespace kube-system"),
            std::string::npos) << v[1];
  EXPECT_NE(v[2].find("hostNetwork"), std::string::npos);
  EXPECT_NE(v[3].find("h.yaml:12:5"), std::string::npos) << v[3];
  EXPECT_NE(v[4].find("privileged"), std::string::npos);
  EXPECT_NE(v[5].find("SYS_ADMIN"), std::string::npos);
  EXPECT_THROW(place(ms, "ns"), ManifestError);
}

}  // namespace
}  // namespace sts
