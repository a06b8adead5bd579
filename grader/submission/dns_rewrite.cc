#include "grader/submission/dns_rewrite.h"

#include <cctype>

namespace sts {
namespace {

// The character after ".<ns>.svc" ends a DNS name (or continues it with ".cluster.local").
bool name_ends(const std::string& s, size_t at) {
  if (at >= s.size()) return true;
  char c = s[at];
  return !(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
}

int rewrite_string(std::string& s, const std::vector<std::string>& from, const std::string& to) {
  int changed = 0;
  for (const std::string& ns : from) {
    if (ns.empty() || ns == to) continue;
    const std::string needle = "." + ns + ".svc", with = "." + to + ".svc";
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at)) {
      if (!name_ends(s, at + needle.size())) {
        at += needle.size();
        continue;
      }
      s.replace(at, needle.size(), with);
      at += with.size();
      changed = 1;
    }
  }
  return changed;
}

int walk(Json& node, const std::vector<std::string>& from, const std::string& to) {
  int n = 0;
  if (node.is_string()) {
    std::string s = node.get<std::string>();
    if (rewrite_string(s, from, to)) {
      node = s;
      ++n;
    }
  } else if (node.is_array() || node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) n += walk(*it, from, to);
  }
  return n;
}

}  // namespace

int rewrite_namespace_dns(Json& object, const std::vector<std::string>& from, const std::string& to) {
  int n = 0;
  if (!object.is_object()) return 0;
  for (auto it = object.begin(); it != object.end(); ++it)
    if (it.key() != "metadata") n += walk(it.value(), from, to);
  return n;
}

}  // namespace sts
