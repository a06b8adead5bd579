// Reading busybox/bind `nslookup` output.
#pragma once
#include <string>
#include <vector>

namespace sts {
// The IPv4 addresses of the answer section (the server's own address skipped).
std::vector<std::string> nslookup_addresses(const std::string& out);
}  // namespace sts
