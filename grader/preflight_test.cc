#include "grader/preflight.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sts {
namespace {

Json recorded(const std::string& name) {
  std::ifstream in(std::string(STS_TESTDATA) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

TEST(Preflight, NormalizesImageReferencesLikeContainerd) {
  EXPECT_EQ(normalize_image("busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalize_image("busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(normalize_image("alice/user-api:1.0"), "docker.io/alice/user-api:1.0");
  EXPECT_EQ(normalize_image("registry.k8s.io/pause:3.10"), "registry.k8s.io/pause:3.10");
  EXPECT_EQ(normalize_image("localhost:5000/app"), "localhost:5000/app:latest");
  EXPECT_EQ(normalize_image("localhost/app:2"), "localhost/app:2");
  EXPECT_EQ(normalize_image("busybox@sha256:abc"), "docker.io/library/busybox@sha256:abc");
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

TEST(Preflight, DefaultStorageClassNeededOnlyForClaimsWithoutClass) {
  Json sts = {{"spec", {{"volumeClaimTemplates", {{{"spec", Json::object()}}}}}}};
  EXPECT_EQ(storage_class_problem(sts, recorded("storageclasses.json")), "");
  Json none = {{"items", Json::array()}};
  EXPECT_NE(storage_class_problem(sts, none).find("no default StorageClass"), std::string::npos);
  Json named = {{"spec", {{"volumeClaimTemplates", {{{"spec", {{"storageClassName", "fast"}}}}}}}}};
  EXPECT_EQ(storage_class_problem(named, none), "");
  EXPECT_EQ(storage_class_problem(Json::object(), none), "");
}

}  // namespace
}  // namespace sts
