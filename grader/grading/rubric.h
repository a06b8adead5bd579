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
  bool bonus = false;                // counts above the base points (Lab 15: 10 + 2.5)
  // The check judges it when the submission has what it judges; when the
  // check says it does not apply (CheckResult::not_applicable), the item is
  // the instructor's instead of scoring 0.
  bool manual_unless_applicable = false;
};

// Late submissions (batch grading): each day late, or part of one, costs
// per_day of the score; more than max_days late earns nothing (-1: no limit).
// Shown beside the raw score, never folded into it.
struct LatePolicy {
  double per_day = 0;
  int max_days = -1;
};

// The lab's constraints that `sts-grader lint` checks (optional `lint:` block).
struct RubricLint {
  std::string min_storage;           // e.g. "50Mi": each volumeClaimTemplate asks at least this
  int min_replicas = 0;              // 0: no minimum
  std::string namespace_;            // "" -> required_namespace
  std::vector<std::string> statefulset_names;  // the lab's StatefulSets, e.g. [postgres, redis]
  std::map<std::string, std::string> severity;  // rule id -> error|warning|info|off
};

struct Rubric {
  std::string id;                    // "lab04-section3"
  std::string title;
  std::string lab;                   // lab document name
  std::string scenario;              // scenario file stem, e.g. "lab04-section3"
  std::string required_namespace;    // e.g. "statefulset-lab" (reported when rewritten)
  std::vector<RubricItem> items;
  RubricLint lint;
  std::string due;                   // deadline, RFC 3339; "" none (batch: --due overrides)
  LatePolicy late_policy;
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
  double bonus_possible = 0;         // points of bonus items (in possible too)
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
