#include "checks/check.h"

#include <algorithm>

namespace sts {

const char* to_string(Status s) {
  switch (s) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kError: return "error";
    case Status::kSkipped: return "skipped";
  }
  return "error";
}

CheckRegistry& CheckRegistry::instance() {
  static CheckRegistry registry;
  return registry;
}

void CheckRegistry::add(std::unique_ptr<Check> c) {
  // A duplicate id is a programming error; the first registration wins so the
  // result does not depend on static initialisation order.
  if (find(c->id())) return;
  checks_.push_back(std::move(c));
}

const Check* CheckRegistry::find(const std::string& id) const {
  for (const auto& c : checks_)
    if (c->id() == id) return c.get();
  return nullptr;
}

std::vector<const Check*> CheckRegistry::all() const {
  std::vector<const Check*> out;
  for (const auto& c : checks_) out.push_back(c.get());
  // Registration order is link order; sort so listings are stable.
  std::sort(out.begin(), out.end(),
            [](const Check* a, const Check* b) { return a->id() < b->id(); });
  return out;
}

CheckResult result_from(std::string id, std::vector<Assertion> a, std::vector<Evidence> e) {
  CheckResult r;
  r.id = std::move(id);
  size_t passed = std::count_if(a.begin(), a.end(), [](const Assertion& x) { return x.passed; });
  // No assertion means nothing was judged: that is not a pass.
  r.status = (!a.empty() && passed == a.size()) ? Status::kPass : Status::kFail;
  r.summary = std::to_string(passed) + " of " + std::to_string(a.size()) + " assertions passed";
  r.assertions = std::move(a);
  r.evidence = std::move(e);
  return r;
}

CheckResult skipped(std::string id, std::string why) {
  CheckResult r;
  r.id = std::move(id);
  r.status = Status::kSkipped;
  r.summary = "not judged: " + why;
  r.explanation = std::move(why);
  return r;
}

CheckResult errored(std::string id, std::string why) {
  CheckResult r;
  r.id = std::move(id);
  r.status = Status::kError;
  r.summary = "could not judge: " + why;
  r.explanation = std::move(why);
  return r;
}

}  // namespace sts
