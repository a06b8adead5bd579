#include "grader/grading/rubric_version.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace sts {
namespace {

namespace fs = std::filesystem;

TEST(RubricVersion, ChangesWithEitherFileOnly) {
  const fs::path dir = fs::temp_directory_path() / "sts-rubric-version";
  fs::create_directories(dir);
  auto write = [&](const char* name, const char* text) { std::ofstream(dir / name) << text; };
  write("r.yaml", "id: lab\npoints: 1\n");
  write("s.yaml", "steps: []\n");
  const std::string a = rubric_fingerprint((dir / "r.yaml").string(), (dir / "s.yaml").string());
  EXPECT_EQ(a.rfind("fnv64:", 0), 0u);
  EXPECT_EQ(a, rubric_fingerprint((dir / "r.yaml").string(), (dir / "s.yaml").string()));
  write("r.yaml", "id: lab\npoints: 2\n");   // same id, another point value
  const std::string b = rubric_fingerprint((dir / "r.yaml").string(), (dir / "s.yaml").string());
  EXPECT_NE(a, b);
  write("s.yaml", "steps: [x]\n");
  EXPECT_NE(b, rubric_fingerprint((dir / "r.yaml").string(), (dir / "s.yaml").string()));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sts
