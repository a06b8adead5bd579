#include "grader/lint/lint_context.h"

#include <algorithm>
#include <stdexcept>

#include "grader/submission/isolation.h"
#include "grader/lint/lint_catalog.h"

namespace sts {

void LintContext::report(const std::string& rule, const Manifest& m, const std::string& pointer,
                         std::string message, std::string fix) {
  report_at(rule, m.where(pointer), std::move(message), std::move(fix));
}

void LintContext::report_at(const std::string& rule, SourcePos pos, std::string message, std::string fix) {
  const LintRuleInfo* info = find_lint_rule(rule);
  if (!info) throw std::logic_error("lint rule '" + rule + "' is not in the catalog");
  std::string severity = info->severity;
  if (auto it = config_.severity.find(rule); it != config_.severity.end()) severity = it->second;
  if (severity == "off") return;
  out_.push_back({std::move(pos), severity, rule, std::move(message), fix.empty() ? info->fix : std::move(fix)});
}

bool LintContext::reported(const std::string& rule) const {
  return std::any_of(out_.begin(), out_.end(), [&](const Diagnostic& d) { return d.rule == rule; });
}

std::vector<const Manifest*> LintContext::of_kind(const std::string& kind) const {
  std::vector<const Manifest*> out;
  for (const Manifest& m : manifests_)
    if (m.kind() == kind) out.push_back(&m);
  return out;
}

const Manifest* LintContext::find(const std::string& kind, const std::string& name) const {
  for (const Manifest& m : manifests_)
    if (m.kind() == kind && m.name() == name) return &m;
  return nullptr;
}

bool service_selector_matches(const Json& selector, const Json& labels) {
  if (!selector.is_object() || selector.empty() || !labels.is_object()) return false;
  for (const auto& [k, v] : selector.items())
    if (!labels.contains(k) || labels[k] != v) return false;
  return true;
}

bool label_selector_matches(const Json& selector, const Json& labels) {
  if (!selector.is_object() || !labels.is_object()) return false;
  const Json& ml = node_at(selector, {"matchLabels"});
  const Json& me = node_at(selector, {"matchExpressions"});
  const bool has_labels = ml.is_object() && !ml.empty();
  const bool has_exprs = me.is_array() && !me.empty();
  if (!has_labels && !has_exprs) return false;  // selects nothing we can show; Kubernetes rejects it
  if (has_labels && !service_selector_matches(ml, labels)) return false;
  if (has_exprs)
    for (const Json& e : me) {
      const std::string key = str_at(e, {"key"}), op = str_at(e, {"operator"});
      const Json& values = node_at(e, {"values"});
      const bool present = labels.contains(key);
      const bool in = present && values.is_array() &&
                      std::find(values.begin(), values.end(), labels[key]) != values.end();
      if ((op == "In" && !in) || (op == "NotIn" && in) || (op == "Exists" && !present) ||
          (op == "DoesNotExist" && present))
        return false;
    }
  return true;
}

const Json& pod_labels(const Json& o) {
  static const Json kNull;
  const std::string kind = str_at(o, {"kind"});
  if (kind == "Pod") return node_at(o, {"metadata", "labels"});
  if (kind == "CronJob") return node_at(o, {"spec", "jobTemplate", "spec", "template", "metadata", "labels"});
  if (kind == "StatefulSet" || kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" ||
      kind == "Job")
    return node_at(o, {"spec", "template", "metadata", "labels"});
  return kNull;
}

void for_each_container(const Manifest& m,
                        const std::function<void(const Json& container, const std::string& pointer)>& f) {
  std::string ptr;
  const Json* spec = pod_spec_of(m.object, &ptr);
  if (!spec) return;
  for (const char* group : {"initContainers", "containers"}) {
    const Json& cs = node_at(*spec, {group});
    if (!cs.is_array()) continue;
    for (size_t i = 0; i < cs.size(); ++i)
      if (cs[i].is_object()) f(cs[i], ptr + "/" + group + "/" + std::to_string(i));
  }
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace sts
