// Project 5 COMMON MISTAKES 7, "Pod disruption budget omission": a
// PodDisruptionBudget selects the StatefulSet's pods and keeps at least one of
// them up during voluntary disruptions (drains), without forbidding every
// eviction. Judged on the submitted objects.
#include <cmath>

#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

// An intOrString budget against the replicas: "50%" of 3 is 2 (rounded up, as
// the disruption controller does for minAvailable), 2 is 2; nullopt if absent.
std::optional<int> budget(const Json& v, int replicas, bool round_up) {
  if (v.is_number_integer()) return v.get<int>();
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  if (s.empty() || s.back() != '%') return std::nullopt;
  try {
    double pct = std::stod(s.substr(0, s.size() - 1));
    double n = pct * replicas / 100.0;
    return round_up ? static_cast<int>(std::ceil(n)) : static_cast<int>(std::floor(n));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool selects(const Json& pdb, const Json& labels) {
  const Json& ml = node_at(pdb, {"spec", "selector", "matchLabels"});
  const Json& me = node_at(pdb, {"spec", "selector", "matchExpressions"});
  if ((!ml.is_object() || ml.empty()) && (!me.is_array() || me.empty())) return false;
  if (ml.is_object())
    for (const auto& [k, v] : ml.items())
      if (!labels.is_object() || !labels.contains(k) || labels[k] != v) return false;
  if (me.is_array())
    for (const Json& e : me) {
      std::string key = str_at(e, {"key"}), op = str_at(e, {"operator"});
      bool has = labels.is_object() && labels.contains(key);
      std::string val = has && labels[key].is_string() ? labels[key].get<std::string>() : "";
      bool in = false;
      if (const Json& vs = node_at(e, {"values"}); vs.is_array())
        for (const Json& x : vs) in = in || (x.is_string() && x.get<std::string>() == val);
      if ((op == "In" && !(has && in)) || (op == "NotIn" && has && in) || (op == "Exists" && !has) ||
          (op == "DoesNotExist" && has))
        return false;
    }
  return true;
}

class PodDisruptionBudgetCheck : public Check {
 public:
  std::string id() const override { return "pod-disruption-budget"; }
  std::string title() const override { return "PodDisruptionBudget"; }
  std::string criterion() const override {
    return "A PodDisruptionBudget selects the StatefulSet's pods and keeps at least one available during "
           "voluntary disruptions while still allowing one eviction.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (obs.statefulset.empty()) return skipped(id(), "the submission has no StatefulSet");
    const Json& labels = node_at(obs.statefulset_manifest, {"spec", "template", "metadata", "labels"});
    const int replicas = initial_replicas(obs);
    std::vector<const Json*> pdbs = manifests_of_kind(obs, "PodDisruptionBudget");
    std::vector<std::string> lines;
    const Json* chosen = nullptr;
    for (const Json* p : pdbs) {
      bool s = selects(*p, labels);
      lines.push_back("PodDisruptionBudget " + str_at(*p, {"metadata", "name"}) + ": selector " +
                      node_at(*p, {"spec", "selector"}).dump() + ", minAvailable " +
                      node_at(*p, {"spec", "minAvailable"}).dump() + ", maxUnavailable " +
                      node_at(*p, {"spec", "maxUnavailable"}).dump() + (s ? "" : " (does not select the pods)"));
      if (s && !chosen) chosen = p;
    }
    Assertion present{"pdb-present", "a PodDisruptionBudget is submitted", !pdbs.empty(),
                      pdbs.empty() ? "none" : std::to_string(pdbs.size()) + " submitted"};
    Assertion sel{"selects-pods", "it selects the StatefulSet's pods (labels " + labels.dump() + ")", chosen != nullptr,
                  chosen ? str_at(*chosen, {"metadata", "name"}) : pdbs.empty() ? "no PodDisruptionBudget"
                                                                           : "no PodDisruptionBudget selects them"};
    Assertion sane{"budget-allows-drain", "it keeps at least one pod and allows at least one eviction", false, ""};
    if (!chosen) {
      sane.detail = "no PodDisruptionBudget for the pods";
    } else {
      const Json& min = node_at(*chosen, {"spec", "minAvailable"});
      const Json& max = node_at(*chosen, {"spec", "maxUnavailable"});
      std::optional<int> lo = budget(min, replicas, true), hi = budget(max, replicas, false);
      if (lo) {
        sane.passed = *lo >= 1 && *lo < replicas;
        sane.detail = "minAvailable " + min.dump() + " of " + std::to_string(replicas) + " replicas" +
                      (*lo < 1 ? ": protects nothing" : *lo >= replicas ? ": no pod may ever be evicted (a drain blocks)" : "");
      } else if (hi) {
        sane.passed = *hi >= 1 && *hi < replicas;
        sane.detail = "maxUnavailable " + max.dump() + " of " + std::to_string(replicas) + " replicas" +
                      (*hi < 1 ? ": no pod may ever be evicted (a drain blocks)" : *hi >= replicas ? ": every pod may go at once" : "");
      } else {
        sane.detail = "neither minAvailable nor maxUnavailable is set to a number or percentage";
      }
    }
    CheckResult r = result_from(id(), {present, sel, sane},
                                {{"PodDisruptionBudgets", lines.empty() ? "none" : join(lines, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = "PodDisruptionBudget " + str_at(*chosen, {"metadata", "name"}) + " protects " + obs.statefulset;
      return r;
    }
    r.summary = pdbs.empty() ? "no PodDisruptionBudget" : "the PodDisruptionBudget does not protect the pods sensibly";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = "Add a policy/v1 PodDisruptionBudget with the pods' labels as selector and e.g. maxUnavailable: 1 "
             "(Project 5 COMMON MISTAKES 7).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PodDisruptionBudgetCheck);
}  // namespace sts
