#include "grader/base/json.h"

namespace sts {
const Json& node_at(const Json& obj, std::initializer_list<const char*> path) {
  static const Json kNull;
  const Json* cur = &obj;
  for (const char* key : path) {
    if (!cur->is_object()) return kNull;
    auto it = cur->find(key);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}

std::string str_at(const Json& obj, std::initializer_list<const char*> path) {
  const Json& n = node_at(obj, path);
  return n.is_string() ? n.get<std::string>() : std::string();
}
}  // namespace sts
