#include "grader/model/nslookup.h"

#include <arpa/inet.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace sts {
std::string canonical_ip(const std::string& ip) {
  unsigned char buf[16];
  char text[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, ip.c_str(), buf) == 1 && inet_ntop(AF_INET, buf, text, sizeof text)) return text;
  if (inet_pton(AF_INET6, ip.c_str(), buf) == 1 && inet_ntop(AF_INET6, buf, text, sizeof text)) return text;
  return "";
}

std::vector<std::string> nslookup_addresses(const std::string& out) {
  // IPv6 pods (single- or dual-stack clusters) answer AAAA: busybox prints
  // those as "Address: fd00::5" in the same answer section.
  static const std::regex kAddress(R"(^Address(?:\s+\d+)?:\s*([0-9A-Fa-f.:]+)\s*$)");
  std::vector<std::string> addrs;
  bool answer = false;               // the answer starts at the first "Name:" line
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("Name:", 0) == 0) answer = true;
    std::smatch m;
    if (!answer || !std::regex_match(line, m, kAddress)) continue;
    std::string ip = canonical_ip(m[1]);
    if (!ip.empty() && std::find(addrs.begin(), addrs.end(), ip) == addrs.end()) addrs.push_back(ip);
  }
  std::sort(addrs.begin(), addrs.end());
  return addrs;
}
}  // namespace sts
