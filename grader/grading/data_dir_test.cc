#include "grader/grading/data_dir.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(DataDir, EnvironmentWinsThenTheDefaults) {
  setenv("STS_GRADER_DATA", "/opt/sts-data", 1);
  EXPECT_EQ(data_dir(), "/opt/sts-data");
  EXPECT_EQ(rubric_path_or_default(""), "/opt/sts-data/rubrics/lab04-section3.yaml");
  EXPECT_EQ(rubric_path_or_default("mine.yaml"), "mine.yaml");
  unsetenv("STS_GRADER_DATA");
  EXPECT_FALSE(data_dir().empty());
}

TEST(DataDir, ScenarioBesideTheRubricsFolder) {
  Rubric r;
  r.scenario = "lab15";
  EXPECT_EQ(scenario_path_or_default("", "/course/rubrics/lab15.yaml", r), "/course/scenarios/lab15.yaml");
  EXPECT_EQ(scenario_path_or_default("given.yaml", "/course/rubrics/lab15.yaml", r), "given.yaml");
}

}  // namespace
}  // namespace sts
