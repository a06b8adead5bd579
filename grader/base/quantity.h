// Kubernetes resource quantities ("64Mi", "1Gi", "500M", "1e9"), for comparing
// a storage request with the lab's minimum.
#pragma once
#include <optional>
#include <string>

namespace sts {

// The quantity in base units (bytes for storage); nullopt when `text` is not a
// quantity Kubernetes would accept.
std::optional<long double> parse_quantity(const std::string& text);

}  // namespace sts
