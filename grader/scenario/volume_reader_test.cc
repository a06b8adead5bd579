#include "grader/scenario/volume_reader.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(VolumeReader, NameIsReservedAndAValidLabel) {
  EXPECT_EQ(reader_pod_name("initial", 0), "sts-grader-reader-initial-0");
  EXPECT_EQ(reader_pod_name("After_Delete", 2), "sts-grader-reader-after-delete-2");
  std::string long_name = reader_pod_name(std::string(80, 'x'), 12);
  EXPECT_LE(long_name.size(), 63u);
  EXPECT_EQ(long_name.rfind("sts-grader-reader-", 0), 0u);
  EXPECT_EQ(long_name.substr(long_name.size() - 3), "-12");
}

TEST(VolumeReader, PodPinnedToTheNodeWithEveryClaimAndSubPath) {
  Json p = reader_pod_object("ns1", "sts-grader-reader-initial-0", "busybox:1.36", "node-a",
                             {{"data-web-0", ""}, {"data-web-1", "app"}});
  EXPECT_EQ(p["spec"]["nodeName"], "node-a");
  EXPECT_EQ(p["metadata"]["namespace"], "ns1");
  ASSERT_EQ(p["spec"]["volumes"].size(), 2u);
  EXPECT_EQ(p["spec"]["volumes"][1]["persistentVolumeClaim"]["claimName"], "data-web-1");
  const Json& m = p["spec"]["containers"][0]["volumeMounts"];
  EXPECT_EQ(m[0]["mountPath"], "/sts-grader/data-web-0");
  EXPECT_FALSE(m[0].contains("subPath"));
  EXPECT_EQ(m[1]["subPath"], "app");
  EXPECT_FALSE(m[1].value("readOnly", false));  // the marker is written through it
  EXPECT_EQ(p["spec"]["terminationGracePeriodSeconds"], 0);
  EXPECT_EQ(reader_pod_object("ns1", "r", "busybox", "", {})["spec"].contains("nodeName"), false);
}

}  // namespace
}  // namespace sts
