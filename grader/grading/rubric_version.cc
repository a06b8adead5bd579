#include "grader/grading/rubric_version.h"

#include <fstream>
#include <sstream>

#include "grader/base/fnv.h"

namespace sts {
namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string rubric_fingerprint(const std::string& rubric_path, const std::string& scenario_path) {
  Fnv64 h;
  h.add(read_bytes(rubric_path));
  h.add(read_bytes(scenario_path));
  return "fnv64:" + h.hex();
}

}  // namespace sts
