#include "grader/base/image_ref.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(ImageRef, NormalizesLikeContainerd) {
  EXPECT_EQ(normalize_image("busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalize_image("busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(normalize_image("alice/user-api:1.0"), "docker.io/alice/user-api:1.0");
  EXPECT_EQ(normalize_image("registry.k8s.io/pause:3.10"), "registry.k8s.io/pause:3.10");
  EXPECT_EQ(normalize_image("localhost:5000/app"), "localhost:5000/app:latest");
  EXPECT_EQ(normalize_image("localhost/app:2"), "localhost/app:2");
  EXPECT_EQ(normalize_image("busybox@sha256:abc"), "docker.io/library/busybox@sha256:abc");
}


TEST(ImageRef, RepositoryAndTag) {
  EXPECT_EQ(image_repository("docker.io/library/busybox:1.36"), "docker.io/library/busybox");
  EXPECT_EQ(image_repository("localhost:5000/app:2"), "localhost:5000/app");
  EXPECT_EQ(image_repository("localhost:5000/app"), "localhost:5000/app");
  EXPECT_EQ(image_repository("docker.io/library/busybox@sha256:abc"), "docker.io/library/busybox");
  EXPECT_TRUE(image_has_tag_or_digest("busybox:1.36"));
  EXPECT_TRUE(image_has_tag_or_digest("busybox@sha256:abc"));
  EXPECT_FALSE(image_has_tag_or_digest("busybox"));
  EXPECT_FALSE(image_has_tag_or_digest("localhost:5000/app"));  // a port is not a tag
}

}  // namespace
}  // namespace sts
