// Reading busybox/bind `nslookup` output.
#pragma once
#include <string>
#include <vector>

namespace sts {
// The addresses of the answer section, IPv4 (A) and IPv6 (AAAA), canonical
// (canonical_ip), sorted, without repeats; the server's own address skipped.
std::vector<std::string> nslookup_addresses(const std::string& out);
// An IP in its canonical text form ("fd00:0:0::0a" -> "fd00::a"), so an
// answer and a pod's status.podIPs compare equal; "" when `ip` is no address.
std::string canonical_ip(const std::string& ip);
}  // namespace sts
