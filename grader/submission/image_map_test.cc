#include "grader/submission/image_map.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(ImageMap, RefusesWhatIsNotFromEqualsTo) {
  EXPECT_THROW(parse_image_mapping("busybox"), std::invalid_argument);
  EXPECT_THROW(parse_image_mapping("=x"), std::invalid_argument);
  EXPECT_THROW(parse_image_mapping("x="), std::invalid_argument);
}

std::vector<Manifest> sts_with(const std::string& image, const std::string& policy) {
  std::string text =
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
      "      initContainers:\n      - name: init\n        image: busybox:1.36\n"
      "      containers:\n      - name: app\n        image: " + image + "\n";
  if (!policy.empty()) text += "        imagePullPolicy: " + policy + "\n";
  return parse_manifests(text, "sts.yaml");
}

TEST(ImageMap, SubstitutesMatchingImagesAndLetsTheMappedOneBePulled) {
  auto ms = sts_with("visits-app:local", "Never");
  auto notes = apply_image_map(ms, {parse_image_mapping("visits-app:local=docker.io/stsgrader/visits-app:1.0")});
  const Json& c = ms[0].object["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(c["image"], "docker.io/stsgrader/visits-app:1.0");
  EXPECT_EQ(c["imagePullPolicy"], "IfNotPresent");
  EXPECT_EQ(ms[0].object["spec"]["template"]["spec"]["initContainers"][0]["image"], "busybox:1.36");  // not matched
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0],
            "sts.yaml:13:9: StatefulSet/web container app: docker.io/library/visits-app:local runs as "
            "docker.io/stsgrader/visits-app:1.0 (--image-map)");
}

TEST(ImageMap, ARepositoryWithoutTagMatchesEveryTagAndTheLaterMapWins) {
  auto ms = sts_with("docker.io/nurlanb/app:lab15", "");
  apply_image_map(ms, {parse_image_mapping("nurlanb/app=first:1"), parse_image_mapping("nurlanb/app=second:2")});
  EXPECT_EQ(ms[0].object["spec"]["template"]["spec"]["containers"][0]["image"], "second:2");
  auto other = sts_with("nurlanb/app2:lab15", "");
  EXPECT_TRUE(apply_image_map(other, {parse_image_mapping("nurlanb/app=x:1")}).empty());  // another repository
  auto tagged = sts_with("nurlanb/app:lab14", "");
  EXPECT_TRUE(apply_image_map(tagged, {parse_image_mapping("nurlanb/app:lab15=x:1")}).empty());  // another tag
}

}  // namespace
}  // namespace sts
