#include "grader/nslookup.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace sts {
std::vector<std::string> nslookup_addresses(const std::string& out) {
  static const std::regex kAddress(R"(^Address(?:\s+\d+)?:\s*([0-9]{1,3}(?:\.[0-9]{1,3}){3})\s*$)");
  std::vector<std::string> addrs;
  bool answer = false;               // the answer starts at the first "Name:" line
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("Name:", 0) == 0) answer = true;
    std::smatch m;
    if (answer && std::regex_match(line, m, kAddress) &&
        std::find(addrs.begin(), addrs.end(), m[1].str()) == addrs.end())
      addrs.push_back(m[1]);
  }
  std::sort(addrs.begin(), addrs.end());
  return addrs;
}
}  // namespace sts
