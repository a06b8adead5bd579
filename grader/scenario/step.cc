#include "grader/scenario/step.h"

namespace sts {
namespace {
struct Registered {
  StepFn fn;
  ArgSchema args;
};
std::map<std::string, Registered>& registry() {
  static std::map<std::string, Registered> r;  // function-local: safe during static init
  return r;
}
}  // namespace

void register_step(const std::string& op, StepFn fn, ArgSchema args) {
  registry()[op] = {std::move(fn), std::move(args)};
}

const StepFn* find_step(const std::string& op) {
  auto it = registry().find(op);
  return it == registry().end() ? nullptr : &it->second.fn;
}

const ArgSchema* find_step_args(const std::string& op) {
  auto it = registry().find(op);
  return it == registry().end() ? nullptr : &it->second.args;
}

std::vector<std::string> step_ops() {
  std::vector<std::string> out;
  for (const auto& [op, r] : registry()) out.push_back(op);
  return out;
}

std::string describe(ArgType t) {
  switch (t) {
    case ArgType::kText: return "a string or a number";
    case ArgType::kInt: return "an integer";
    case ArgType::kBool: return "true or false";
    case ArgType::kStringList: return "a list of strings";
  }
  return "?";
}

bool matches(const Json& v, ArgType t) {
  switch (t) {
    case ArgType::kText: return v.is_string() || v.is_number();
    case ArgType::kInt: return v.is_number_integer();
    case ArgType::kBool: return v.is_boolean();
    case ArgType::kStringList:
      if (!v.is_array()) return false;
      for (const Json& e : v)
        if (!e.is_string()) return false;
      return true;
  }
  return false;
}

}  // namespace sts
