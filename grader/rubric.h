// A rubric: which checks count, how much, and in what dependency.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "checks/check.h"

namespace sts {

struct RubricItem {
  std::string check;                 // check id; or "" for an item judged by the instructor
  std::string title;
  double points = 0;
  bool partial = false;              // credit per passed assertion, else all-or-nothing
  std::map<std::string, double> assertion_weights;  // optional, default 1 each
  std::vector<std::string> requires_;  // check ids that must pass first, else skipped
  bool manual = false;               // judged by a person: never scored by the machine
  bool hidden = false;
};

struct Rubric {
  std::string id;                    // "lab04-section3"
  std::string title;
  std::string lab;                   // lab document name
  std::string scenario;              // scenario file stem, e.g. "lab04-section3"
  std::string required_namespace;    // e.g. "statefulset-lab" (reported when rewritten)
  std::vector<RubricItem> items;
  std::string source;                // file path, for messages
};

struct RubricError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Parses YAML; errors name file:line.
Rubric load_rubric(const std::string& path);

struct ScoredItem {
  RubricItem item;
  CheckResult result;
  double earned = 0;
};

struct Score {
  std::vector<ScoredItem> items;
  double earned = 0, possible = 0;
  double machine_possible = 0;       // possible minus manual items
  bool gradable = true;              // false: an infrastructure fault; verdicts withheld
  std::string not_gradable_reason;
  int passed = 0, failed = 0, errors = 0, skipped = 0;
};

// Problems a loaded rubric has against the compiled-in checks (unknown check
// ids), one message per problem, "file: ..." form; empty when it is usable.
// Separate from load_rubric so the loader can be tested without the checks.
std::vector<std::string> validate_rubric(const Rubric& rubric,
                                         const CheckRegistry& registry = CheckRegistry::instance());

// Judges every item: prerequisites first (a failed prerequisite skips the item
// with the reason), then points from assertions.
Score score(const Rubric& rubric, const std::vector<CheckResult>& results);

}  // namespace sts
