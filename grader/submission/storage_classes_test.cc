#include "grader/submission/storage_classes.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

Json classes(std::initializer_list<std::pair<const char*, bool>> cs) {
  Json list = {{"kind", "StorageClassList"}, {"items", Json::array()}};
  for (const auto& [name, is_default] : cs) {
    Json sc = {{"metadata", {{"name", name}}}};
    if (is_default) sc["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] = "true";
    list["items"].push_back(sc);
  }
  return list;
}

Manifest sts_with(Json claim_spec, Json annotations = Json()) {
  Json t = {{"metadata", {{"name", "www"}}}, {"spec", std::move(claim_spec)}};
  if (!annotations.is_null()) t["metadata"]["annotations"] = std::move(annotations);
  Manifest m;
  m.object = {{"apiVersion", "apps/v1"},
              {"kind", "StatefulSet"},
              {"metadata", {{"name", "web"}}},
              {"spec", {{"volumeClaimTemplates", Json::array({t})}}}};
  return m;
}

const Json& template_of(const std::vector<Manifest>& objs) {
  return objs[0].object["spec"]["volumeClaimTemplates"][0];
}

const Json kSpec = {{"accessModes", {"ReadWriteOnce"}}};

TEST(StorageClasses, AClassTheClusterLacksGoesToItsDefault) {
  Json spec = kSpec;
  spec["storageClassName"] = "standard";  // kind's and minikube's default class
  std::vector<Manifest> objs = {sts_with(spec)};
  StorageClassPlacement p = place_storage_classes(objs, classes({{"gp3", true}, {"io2", false}}));
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(template_of(objs)["spec"]["storageClassName"], "gp3");
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_EQ(p.notes[0],
            "StatefulSet web volumeClaimTemplate www: storageClassName standard -> gp3 "
            "(this cluster has no class standard; its default)");
}

TEST(StorageClasses, ClassesTheClusterHasAndNoClassAtAllAreKept) {
  Json named = kSpec;
  named["storageClassName"] = "io2";
  std::vector<Manifest> objs = {sts_with(named), sts_with(kSpec)};
  const Json before0 = objs[0].object, before1 = objs[1].object;
  StorageClassPlacement p = place_storage_classes(objs, classes({{"gp3", true}, {"io2", false}}));
  EXPECT_TRUE(p.notes.empty());
  EXPECT_EQ(objs[0].object, before0);
  EXPECT_EQ(objs[1].object, before1);  // the cluster's default applies, as the lab says
}

TEST(StorageClasses, EmptyClassNameIsTheStudentsChoice) {
  Json spec = kSpec;
  spec["storageClassName"] = "";  // no dynamic provisioning: Pending on any cluster
  std::vector<Manifest> objs = {sts_with(spec)};
  EXPECT_TRUE(place_storage_classes(objs, classes({{"gp3", true}})).notes.empty());
  EXPECT_EQ(template_of(objs)["spec"]["storageClassName"], "");
}

TEST(StorageClasses, TheBetaAnnotationCountsAndIsReplaced) {
  std::vector<Manifest> objs = {
      sts_with(kSpec, {{"volume.beta.kubernetes.io/storage-class", "hostpath"}, {"keep", "me"}})};
  StorageClassPlacement p = place_storage_classes(objs, classes({{"standard", true}}));
  ASSERT_EQ(p.notes.size(), 1u);
  const Json& t = template_of(objs);
  EXPECT_EQ(t["spec"]["storageClassName"], "standard");
  EXPECT_FALSE(t["metadata"]["annotations"].contains("volume.beta.kubernetes.io/storage-class"));
  EXPECT_EQ(t["metadata"]["annotations"]["keep"], "me");
}

TEST(StorageClasses, NoDefaultToPlaceAMissingClassOnIsNotGradable) {
  Json spec = kSpec;
  spec["storageClassName"] = "fast-ssd";
  std::vector<Manifest> objs = {sts_with(spec)};
  StorageClassPlacement p = place_storage_classes(objs, classes({{"slow", false}}));
  EXPECT_NE(p.problem.find("names StorageClass fast-ssd, which this cluster does not have"),
            std::string::npos)
      << p.problem;
}

TEST(StorageClasses, WantedPlacesEveryClaimThereStandalonePvcsToo) {
  Json spec = kSpec;
  spec["storageClassName"] = "standard";
  Manifest pvc;
  pvc.object = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"},
                {"metadata", {{"name", "shared"}}}, {"spec", kSpec}};
  Json already = kSpec;
  already["storageClassName"] = "local-path";
  std::vector<Manifest> objs = {sts_with(spec), pvc, sts_with(already)};
  StorageClassPlacement p =
      place_storage_classes(objs, classes({{"standard", true}, {"local-path", false}}), "local-path");
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(template_of(objs)["spec"]["storageClassName"], "local-path");
  EXPECT_EQ(objs[1].object["spec"]["storageClassName"], "local-path");
  ASSERT_EQ(p.notes.size(), 2u);  // the third asked for it already
  EXPECT_EQ(p.notes[1],
            "PersistentVolumeClaim shared: storageClassName (none) -> local-path (--storage-class)");
}

TEST(StorageClasses, WantedMustExist) {
  std::vector<Manifest> objs = {sts_with(kSpec)};
  const Json before = objs[0].object;
  EXPECT_EQ(place_storage_classes(objs, classes({{"standard", true}}), "local-path").problem,
            "--storage-class local-path: the cluster has no StorageClass of that name");
  EXPECT_EQ(objs[0].object, before);
}

TEST(StorageClasses, AStatefulSetWithoutTemplatesIsLeftAlone) {
  Manifest m;
  m.object = {{"kind", "StatefulSet"}, {"metadata", {{"name", "web"}}}};
  std::vector<Manifest> objs = {m};
  EXPECT_TRUE(place_storage_classes(objs, classes({{"standard", true}}), "standard").notes.empty());
  EXPECT_EQ(objs[0].object, m.object);
}

}  // namespace
}  // namespace sts
