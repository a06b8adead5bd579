#include "grader/cluster/finalizers.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(Finalizers, OnlyKubernetesOwnAreKeptAtCleanup) {
  EXPECT_TRUE(system_finalizer("kubernetes.io/pvc-protection"));
  EXPECT_TRUE(system_finalizer("kubernetes"));
  EXPECT_TRUE(system_finalizer("foregroundDeletion"));
  EXPECT_TRUE(system_finalizer("orphan"));
  EXPECT_FALSE(system_finalizer("example.com/never"));
  EXPECT_FALSE(system_finalizer("kubernetes.io.evil.com/x"));
  EXPECT_FALSE(system_finalizer("evil/kubernetes.io/x"));
}

}  // namespace
}  // namespace sts
