// What every lint rule works with: the submission, the lab's constraints, and
// the findings so far; plus the label and pod-spec helpers the rules share.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "grader/lint/lint_config.h"
#include "grader/model/lint_diagnostic.h"
#include "grader/submission/manifest.h"

namespace sts {

class LintContext {
 public:
  LintContext(const std::vector<Manifest>& manifests, const LintConfig& config)
      : manifests_(manifests), config_(config) {}

  const std::vector<Manifest>& manifests() const { return manifests_; }
  const LintConfig& config() const { return config_; }

  // A finding of `rule` (an id of grader/lint/lint_catalog.h) at the node `pointer`
  // of `m`, or at `pos`. Severity from the catalog or the rubric (off: dropped);
  // fix "" takes the catalog's.
  void report(const std::string& rule, const Manifest& m, const std::string& pointer, std::string message,
              std::string fix = "");
  void report_at(const std::string& rule, SourcePos pos, std::string message, std::string fix = "");
  bool reported(const std::string& rule) const;

  std::vector<const Manifest*> of_kind(const std::string& kind) const;
  const Manifest* find(const std::string& kind, const std::string& name) const;
  std::vector<Diagnostic> take() { return std::move(out_); }

 private:
  const std::vector<Manifest>& manifests_;
  const LintConfig& config_;
  std::vector<Diagnostic> out_;
};

// A Service selector (a plain map) against pod labels; an empty selector matches nothing.
bool service_selector_matches(const Json& selector, const Json& labels);
// A LabelSelector (matchLabels + matchExpressions) against pod labels.
bool label_selector_matches(const Json& selector, const Json& labels);
// The labels of the pods a workload creates (template labels; a Pod's own);
// null when the kind makes no pods.
const Json& pod_labels(const Json& object);

// Each container of a workload's pod spec (initContainers too), with its JSON pointer.
void for_each_container(const Manifest& m,
                        const std::function<void(const Json& container, const std::string& pointer)>& f);

// A name as messages show it: in double quotes.
std::string quoted(const std::string& s);

}  // namespace sts
