#include "grader/lint/lint_config.h"

#include "grader/lint/lint_catalog.h"
#include "grader/base/quantity.h"

namespace sts {

LintConfig lint_config(const Rubric& rubric) {
  LintConfig c;
  c.lab = rubric.id;
  c.min_storage = rubric.lint.min_storage;
  if (!c.min_storage.empty()) {
    auto bytes = parse_quantity(c.min_storage);
    if (!bytes)
      throw RubricError(rubric.source + ": lint.min_storage '" + c.min_storage + "' is not a quantity (e.g. 50Mi)");
    c.min_storage_bytes = *bytes;
  }
  c.min_replicas = rubric.lint.min_replicas;
  c.namespace_ = rubric.lint.namespace_.empty() ? rubric.required_namespace : rubric.lint.namespace_;
  c.statefulset_names = rubric.lint.statefulset_names;
  for (const auto& [rule, level] : rubric.lint.severity) {
    if (!find_lint_rule(rule)) throw RubricError(rubric.source + ": lint.severity names no lint rule '" + rule + "'");
    c.severity[rule] = level;
  }
  return c;
}

}  // namespace sts
