// The lab's constraints lint checks a submission against, from the rubric's
// optional `lint:` block (rubrics/*.yaml).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "grader/grading/rubric.h"

namespace sts {

struct LintConfig {
  std::string lab;                   // rubric id, named in messages
  std::string min_storage;           // "" no minimum
  long double min_storage_bytes = 0;
  int min_replicas = 0;              // 0 no minimum
  std::string namespace_;            // "" any
  std::vector<std::string> statefulset_names;
  std::map<std::string, std::string> severity;  // rule id -> error|warning|info|off
};

// Throws RubricError (naming the rubric file) for an unknown rule id or a
// min_storage that is not a quantity.
LintConfig lint_config(const Rubric& rubric);

}  // namespace sts
