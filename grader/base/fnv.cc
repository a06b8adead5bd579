#include "grader/base/fnv.h"

#include <cstdio>

namespace sts {

std::string Fnv64::hex() const {
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

}  // namespace sts
