// Base64 (RFC 4648), the one copy: kubeconfig *-data fields, Secret values
// the checks read, binary strings in recorded observations. None of our
// libraries exposes it publicly (Boost.Beast's is in a detail namespace).
#pragma once
#include <string>

namespace sts {

// Standard or URL-safe alphabet, padding optional, whitespace skipped (PEM-ish
// data is often wrapped); throws std::invalid_argument saying what is wrong.
std::string base64_decode(const std::string& in);
std::string base64_encode(const std::string& in);  // standard alphabet, padded

}  // namespace sts
