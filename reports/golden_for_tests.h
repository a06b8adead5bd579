// Golden files for the report tests: reports/testdata/<name>. A test compares
// its output with the file; STS_UPDATE_GOLDEN=1 rewrites the file instead
// (then read the diff before committing it).
#pragma once
#include <cstdlib>
#include "source_paths.h"
#include <fstream>
#include <sstream>
#include <string>

namespace sts::testing_golden {

inline std::string golden_path(const std::string& name) {
  // STS_TESTDATA is <source>/tests/recorded.
  return std::string(STS_TESTDATA) + "/../../reports/testdata/" + name;
}

// "" when equal, else a message naming the first differing line.
inline std::string compare_with_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (const char* u = std::getenv("STS_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return "";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return "missing golden file " + path + " (run with STS_UPDATE_GOLDEN=1)";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string expected = ss.str();
  if (expected == actual) return "";
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool he = static_cast<bool>(std::getline(e, le)), ha = static_cast<bool>(std::getline(a, la));
    if (!he && !ha) break;
    if (le != la || he != ha)
      return path + ":" + std::to_string(line) + ": expected\n  " + (he ? le : "(end of file)") + "\ngot\n  " +
             (ha ? la : "(end of file)");
  }
  return path + ": differs (line endings?)";
}

}  // namespace sts::testing_golden
