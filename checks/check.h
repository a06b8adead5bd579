// A check judges one success criterion from the observations.
//
// Each check lives in its own file in checks/ and registers itself with
// STS_REGISTER_CHECK; a rubric refers to it by id. A check never formats
// output and never talks to the cluster: it returns assertions and evidence.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts {

enum class Status { kPass, kFail, kError, kSkipped };
const char* to_string(Status s);

// One sub-assertion of a check; rubrics may give partial credit per assertion.
struct Assertion {
  std::string id;                    // stable, e.g. "same-pvc"
  std::string description;           // what must hold
  bool passed = false;
  std::string detail;                // what was observed
};

// A fact that proves the verdict: what was asked of the cluster and what came back.
struct Evidence {
  std::string label;                 // "pod creation order"
  std::string text;                  // preformatted lines (observed data, not prose)
  double t = -1;                     // seconds since run start, -1 if not tied to a time
};

struct CheckResult {
  std::string id;
  Status status = Status::kError;
  std::string summary;               // one line: what was found
  std::vector<Assertion> assertions;
  std::vector<Evidence> evidence;
  std::string explanation;           // on fail/error/skip: the cause
  std::string hint;                  // on fail: what to change (ties to the labs' common mistakes)
  // Skipped because the submission does not declare what the check judges (an
  // OnDelete check on a RollingUpdate StatefulSet); a rubric item with
  // manual_unless_applicable then leaves it to the instructor.
  bool not_applicable = false;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string id() const = 0;
  virtual std::string title() const = 0;       // "Pod naming"
  virtual std::string criterion() const = 0;   // the lab's success criterion, one sentence
  virtual CheckResult judge(const Observations& obs) const = 0;
};

// The registry of all compiled-in checks, by id.
class CheckRegistry {
 public:
  static CheckRegistry& instance();
  void add(std::unique_ptr<Check> c);
  const Check* find(const std::string& id) const;
  std::vector<const Check*> all() const;

 private:
  std::vector<std::unique_ptr<Check>> checks_;
};

namespace detail {
struct CheckRegistrar {
  explicit CheckRegistrar(std::unique_ptr<Check> c) { CheckRegistry::instance().add(std::move(c)); }
};
}  // namespace detail

#define STS_REGISTER_CHECK(Type) \
  static ::sts::detail::CheckRegistrar sts_registrar_##Type{std::make_unique<Type>()}

// Helpers shared by checks: status from assertions, and the "skipped" result.
CheckResult result_from(std::string id, std::vector<Assertion> a, std::vector<Evidence> e);
CheckResult skipped(std::string id, std::string why);
CheckResult errored(std::string id, std::string why);

}  // namespace sts
