#include "grader/scenario/step_ordinals.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

struct Ctx {
  Observations obs;
  RunContext ctx;
  Ctx(int replicas, int start) {
    obs.statefulset_manifest = {{"kind", "StatefulSet"}, {"spec", {{"replicas", replicas}}}};
    if (start >= 0) obs.statefulset_manifest["spec"]["ordinals"] = {{"start", start}};
    ctx.obs = &obs;
    ctx.sts = "web";
    ctx.replicas = replicas;
  }
};

TEST(StepOrdinals, NthPodCountsFromZeroWithoutAnOffset) {
  Ctx c(3, -1);
  EXPECT_EQ(ordinals_start(c.ctx), 0);
  EXPECT_EQ(nth_pod(c.ctx, 0), "web-0");
  EXPECT_EQ(nth_pod(c.ctx, 1), "web-1");
}

// The variant: ordinals.start 2, delete-pod "ordinal: 1" was web-1,
// which does not exist; it is the second pod, web-3.
TEST(StepOrdinals, NthPodCountsFromTheOrdinalStart) {
  Ctx c(3, 2);
  EXPECT_EQ(ordinals_start(c.ctx), 2);
  EXPECT_EQ(nth_pod(c.ctx, 0), "web-2");
  EXPECT_EQ(nth_pod(c.ctx, 1), "web-3");
}

TEST(StepOrdinals, NthPodIsClampedToThePodsTheSetHas) {
  Ctx one(1, 7);
  EXPECT_EQ(nth_pod(one.ctx, 1), "web-7");  // a one-pod set: its only pod
  Ctx three(3, 1);
  EXPECT_EQ(nth_pod(three.ctx, 9), "web-3");
  EXPECT_EQ(nth_pod(three.ctx, -1), "web-1");
}

}  // namespace
}  // namespace sts
