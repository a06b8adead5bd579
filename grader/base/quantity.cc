#include "grader/base/quantity.h"

#include <cmath>
#include <regex>

namespace sts {

std::optional<long double> parse_quantity(const std::string& text) {
  // <signedNumber><suffix>: binary (Ki…Ei), decimal SI (n u m "" k M G T P E)
  // or a decimal exponent (e3, E-2), as k8s.io/apimachinery's resource.Quantity.
  static const std::regex kQuantity(
      R"(([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?)");
  std::smatch m;
  if (!std::regex_match(text, m, kQuantity)) return std::nullopt;
  long double v = std::stold(m[1].str());
  const std::string s = m[2].str();
  long double scale = 1;
  if (s.size() == 2 && s[1] == 'i') {
    const std::string order = "KMGTPE";
    scale = std::pow(1024.0L, static_cast<long double>(order.find(s[0]) + 1));
  } else if (!s.empty() && (s[0] == 'e' || s[0] == 'E')) {
    scale = std::pow(10.0L, std::stold(s.substr(1)));
  } else if (!s.empty()) {
    static const std::string kSi = "num kMGTPE";  // index - 3 = power of 1000
    scale = std::pow(1000.0L, static_cast<long double>(static_cast<int>(kSi.find(s[0])) - 3));
  }
  return v * scale;
}

}  // namespace sts
