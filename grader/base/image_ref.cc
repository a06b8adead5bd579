#include "grader/base/image_ref.h"

namespace sts {

std::string normalize_image(const std::string& ref) {
  std::string r = ref;
  size_t slash = r.find('/');
  std::string first = slash == std::string::npos ? "" : r.substr(0, slash);
  // A registry host has a dot or a port, or is localhost; otherwise Docker Hub.
  bool has_host = !first.empty() && (first.find('.') != std::string::npos ||
                                     first.find(':') != std::string::npos || first == "localhost");
  if (!has_host) r = (slash == std::string::npos ? "docker.io/library/" : "docker.io/") + r;
  size_t last_slash = r.rfind('/');
  bool has_tag = r.find(':', last_slash) != std::string::npos;
  if (!has_tag && r.find('@') == std::string::npos) r += ":latest";
  return r;
}

std::string image_repository(const std::string& normalized) {
  std::string r = normalized.substr(0, normalized.find('@'));
  const size_t slash = r.rfind('/');
  const size_t colon = r.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) r = r.substr(0, colon);
  return r;
}

bool image_has_tag_or_digest(const std::string& image) {
  if (image.find('@') != std::string::npos) return true;
  const size_t slash = image.rfind('/');
  const size_t colon = image.rfind(':');
  return colon != std::string::npos && (slash == std::string::npos || colon > slash);
}

}  // namespace sts
