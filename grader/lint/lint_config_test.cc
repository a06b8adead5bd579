#include "grader/lint/lint_config.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sts {
namespace {

Rubric rubric_with(const std::string& lint_block) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("sts-lint-config-" + std::to_string(::getpid()) + ".yaml")).string();
  std::ofstream(path) << "id: lab\nrequired_namespace: statefulset-lab\n" << lint_block
                      << "items:\n  - check: pod-naming\n    points: 1\n";
  Rubric r = load_rubric(path);
  std::filesystem::remove(path);
  return r;
}

TEST(LintConfig, FromTheRubricsLintBlock) {
  LintConfig c = lint_config(rubric_with(
      "lint:\n  min_storage: 50Mi\n  min_replicas: 3\n  statefulset_names: [postgres]\n"
      "  severity: {no-pdb: \"off\", latest-image: error}\n"));
  EXPECT_EQ(c.lab, "lab");
  EXPECT_EQ(c.min_storage, "50Mi");
  EXPECT_EQ(c.min_storage_bytes, 50.0L * 1024 * 1024);
  EXPECT_EQ(c.min_replicas, 3);
  EXPECT_EQ(c.namespace_, "statefulset-lab") << "defaults to required_namespace";
  EXPECT_EQ(c.statefulset_names, (std::vector<std::string>{"postgres"}));
  EXPECT_EQ(c.severity.at("no-pdb"), "off");
  EXPECT_EQ(lint_config(rubric_with("lint: {namespace: other}\n")).namespace_, "other");
  EXPECT_EQ(lint_config(rubric_with("")).min_replicas, 0);
}

TEST(LintConfig, MistakesNameTheRubric) {
  EXPECT_THROW(rubric_with("lint: {severity: {no-pdb: loud}}\n"), RubricError);
  EXPECT_THROW(rubric_with("lint: {min_replicas: 2.5}\n"), RubricError);
  EXPECT_THROW(rubric_with("lint: {max_storage: 1Gi}\n"), RubricError);
  EXPECT_THROW(lint_config(rubric_with("lint: {severity: {no-such-rule: info}}\n")), RubricError);
  EXPECT_THROW(lint_config(rubric_with("lint: {min_storage: lots}\n")), RubricError);
}

TEST(LintConfig, EveryRubricOfTheRepositoryLoads) {
  for (const auto& e : std::filesystem::directory_iterator(STS_SOURCE_DIR "/rubrics"))
    EXPECT_NO_THROW(lint_config(load_rubric(e.path().string()))) << e.path();
}

}  // namespace
}  // namespace sts
