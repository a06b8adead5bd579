#include "grader/base/quantity.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(LintQuantity, BinaryDecimalAndExponentSuffixes) {
  EXPECT_EQ(*parse_quantity("64Mi"), 64.0L * 1024 * 1024);
  EXPECT_EQ(*parse_quantity("1Gi"), 1024.0L * 1024 * 1024);
  EXPECT_EQ(*parse_quantity("50M"), 50e6L);
  EXPECT_EQ(*parse_quantity("2k"), 2000.0L);
  EXPECT_EQ(*parse_quantity("1e3"), 1000.0L);
  EXPECT_EQ(*parse_quantity("1073741824"), 1073741824.0L);
  EXPECT_EQ(*parse_quantity("0.5Gi"), 512.0L * 1024 * 1024);
  EXPECT_NEAR(static_cast<double>(*parse_quantity("500m")), 0.5, 1e-12);
  EXPECT_LT(*parse_quantity("50M"), *parse_quantity("50Mi"));
}

TEST(LintQuantity, RejectsWhatKubernetesRejects) {
  for (const char* bad : {"", "Mi", "64 Mi", "64MB", "64mi", "1.2.3", "ten", "64Gb"})
    EXPECT_FALSE(parse_quantity(bad).has_value()) << bad;
}

}  // namespace
}  // namespace sts
