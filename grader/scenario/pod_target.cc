#include "grader/scenario/pod_target.h"

#include "grader/cluster/conditions.h"
#include "grader/scenario/scenario.h"
#include "grader/base/text.h"

namespace sts {
namespace {

bool usable(const Json& pod) { return pod_ready(pod) && !terminating(pod); }

// Pods the selector or the set covers, by name (the store lists them sorted).
std::vector<const Json*> candidates(const Store& s, const PodTarget& t) {
  std::vector<const Json*> out;
  for (const Json* p : s.list("Pod")) {
    std::string name = str_at(*p, {"metadata", "name"});
    bool match = !t.selector.empty()
                     ? selector_matches(node_at(*p, {"metadata", "labels"}), t.selector)
                     : ordinal_of(name, t.sts) >= 0;
    if (match) out.push_back(p);
  }
  return out;
}

}  // namespace

std::string PodTarget::describe() const {
  if (!pods.empty()) {
    std::string s = pods.size() == 1 ? "pod " : "pods ";
    for (size_t i = 0; i < pods.size(); ++i) s += (i ? ", " : "") + pods[i];
    return s;
  }
  if (!selector.empty()) return "a pod matching " + selector;
  return "a pod of " + sts;
}

bool selector_matches(const Json& labels, const std::string& selector) {
  size_t start = 0;
  bool any = false;
  while (start <= selector.size()) {
    size_t comma = selector.find(',', start);
    std::string term = trim(selector.substr(start, comma == std::string::npos ? std::string::npos
                                                                                : comma - start));
    start = comma == std::string::npos ? selector.size() + 1 : comma + 1;
    if (term.empty()) throw ScenarioError("label selector \"" + selector + "\" has an empty term");
    any = true;
    auto label = [&](const std::string& k) -> const Json* {
      if (!labels.is_object()) return nullptr;
      auto it = labels.find(k);
      return it == labels.end() ? nullptr : &*it;
    };
    size_t ne = term.find("!="), eq = term.find('=');
    if (ne != std::string::npos || eq != std::string::npos) {
      bool negate = ne != std::string::npos;
      size_t at = negate ? ne : eq;
      std::string key = trim(term.substr(0, at));
      std::string value = trim(term.substr(at + (negate || term.compare(at, 2, "==") == 0 ? 2 : 1)));
      if (key.empty()) throw ScenarioError("label selector \"" + selector + "\": no key in \"" + term + "\"");
      const Json* v = label(key);
      bool equal = v && v->is_string() && v->get<std::string>() == value;
      if (equal == negate) return false;
    } else if (term[0] == '!') {
      if (label(trim(term.substr(1)))) return false;
    } else if (!label(term)) {
      return false;
    }
  }
  return any;
}

std::string target_gap(const Store& s, const PodTarget& t) {
  if (!t.pods.empty()) {
    for (const std::string& name : t.pods) {
      const Json* p = s.get("Pod", name);
      if (!p) return name + " does not exist";
      if (!usable(*p)) return name + " " + pod_state(*p);
    }
    return "";
  }
  std::vector<const Json*> pods = candidates(s, t);
  for (const Json* p : pods)
    if (usable(*p)) return "";
  if (pods.empty()) return "no pod " + std::string(t.selector.empty() ? "of " + t.sts : "matching " + t.selector);
  std::string seen;
  for (const Json* p : pods)
    seen += (seen.empty() ? "" : "; ") + str_at(*p, {"metadata", "name"}) + " " + pod_state(*p);
  return "no Ready pod: " + seen;
}

std::string target_pod(const Store& s, const PodTarget& t) {
  if (!t.pods.empty()) return t.pods.front();
  for (const Json* p : candidates(s, t))
    if (usable(*p)) return str_at(*p, {"metadata", "name"});
  return "";
}

std::string target_uids(const Store& s, const PodTarget& t) {
  std::string out;
  if (!t.pods.empty()) {
    for (const std::string& name : t.pods)
      if (const Json* p = s.get("Pod", name); p && usable(*p)) out += str_at(*p, {"metadata", "uid"}) + " ";
    return out;
  }
  for (const Json* p : candidates(s, t))
    if (usable(*p)) out += str_at(*p, {"metadata", "uid"}) + " ";
  return out;
}

ClusterState::Condition target_ready(const PodTarget& t) {
  return [t](const Store& s) { return target_gap(s, t); };
}

}  // namespace sts
