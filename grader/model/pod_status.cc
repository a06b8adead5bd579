#include "grader/model/pod_status.h"

namespace sts {
bool pod_ready(const Json& pod) {
  const Json& conds = node_at(pod, {"status", "conditions"});
  if (conds.is_array())
    for (const Json& c : conds)
      if (str_at(c, {"type"}) == "Ready") return str_at(c, {"status"}) == "True";
  return false;
}

bool terminating(const Json& obj) {
  return !str_at(obj, {"metadata", "deletionTimestamp"}).empty();
}
}  // namespace sts
