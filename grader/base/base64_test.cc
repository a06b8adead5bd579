#include "grader/base/base64.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace sts {
namespace {

TEST(Base64, RoundTripAndErrors) {
  for (std::string s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  EXPECT_EQ(base64_decode("aGVs\nbG8="), "hello");
  EXPECT_THROW(base64_decode("a$bc"), std::invalid_argument);
  EXPECT_THROW(base64_decode("a"), std::invalid_argument);
  EXPECT_THROW(base64_decode("aGVsbG8=x"), std::invalid_argument);
}

TEST(Base64, UrlSafeAlphabetAndMissingPadding) {
  EXPECT_EQ(base64_decode("-_8"), base64_decode("+/8="));
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

}  // namespace
}  // namespace sts
