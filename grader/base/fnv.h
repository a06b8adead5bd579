// FNV-1a, 64 bits: a content fingerprint that is the same on every run and
// machine (std::hash is not). For telling "changed" from "the same", not
// for security.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sts {

class Fnv64 {
 public:
  // Adds one field; fields are separated, so ("ab","c") differs from ("a","bc").
  void add(std::string_view s) {
    for (unsigned char c : s) h_ = (h_ ^ c) * 1099511628211ULL;
    h_ = (h_ ^ 0xff) * 1099511628211ULL;
  }
  std::string hex() const;           // 16 lowercase hex digits

 private:
  // A digit short of FNV's published offset basis, as batch fingerprints have
  // always been computed: changing it would regrade every resumed class.
  std::uint64_t h_ = 1469598103934665603ULL;
};

}  // namespace sts
