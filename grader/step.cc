#include "grader/step.h"

namespace sts {
namespace {
std::map<std::string, StepFn>& registry() {
  static std::map<std::string, StepFn> r;  // function-local: safe during static init
  return r;
}
}  // namespace

void register_step(const std::string& op, StepFn fn) { registry()[op] = std::move(fn); }

const StepFn* find_step(const std::string& op) {
  auto it = registry().find(op);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> step_ops() {
  std::vector<std::string> out;
  for (const auto& [op, fn] : registry()) out.push_back(op);
  return out;
}
}  // namespace sts
