#include "grader/grading/data_dir.h"

#include <cstdlib>
#include <filesystem>

#include "source_paths.h"

namespace fs = std::filesystem;

namespace sts {

std::string data_dir() {
  if (const char* env = getenv("STS_GRADER_DATA"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "sts-grader";
    if (fs::exists(share / "rubrics", ec)) return share.string();
  }
  return STS_SOURCE_DIR;
}

std::string rubric_path_or_default(const std::string& given) {
  return given.empty() ? data_dir() + "/rubrics/lab04-section3.yaml" : given;
}

std::string scenario_path_or_default(const std::string& given, const std::string& rubric_path,
                                     const Rubric& rubric) {
  if (!given.empty()) return given;
  return (fs::path(rubric_path).parent_path() / ".." / "scenarios" / (rubric.scenario + ".yaml"))
      .lexically_normal()
      .string();
}

}  // namespace sts
