#include "grader/scenario/scenario.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "grader/scenario/step.h"

namespace sts {
namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_scenario(yaml, "s.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(Scenario, EveryShippedScenarioLoadsAgainstTheOpsSchemas) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(STS_SOURCE_DIR "/scenarios")) {
    SCOPED_TRACE(e.path().string());
    Scenario s = load_scenario(e.path().string());
    EXPECT_FALSE(s.steps.empty());
    ++n;
  }
  EXPECT_GE(n, 7);
}

TEST(Scenario, AMisspelledArgumentIsAnErrorAtItsLine) {
  const std::string yaml =
      "id: x\n"
      "steps:\n"
      "  - {id: apply, op: apply}\n"
      "  - id: read\n"
      "    op: read-volumes\n"
      "    phse: initial\n";
  EXPECT_EQ(error_of(yaml),
            "s.yaml:6:5: op read-volumes takes no argument \"phse\" (it takes: phase, via; every step: "
            "id, op, timeout)");
}

TEST(Scenario, AnOpWithoutArgumentsSaysSo) {
  EXPECT_NE(error_of("id: x\nsteps:\n  - {op: apply, phase: p}\n")
                .find("op apply takes no argument \"phase\" (it takes none; every step: id, op, timeout)"),
            std::string::npos);
}

TEST(Scenario, AnArgumentOfTheWrongTypeIsAnError) {
  EXPECT_NE(error_of("id: x\nsteps:\n  - {op: delete-pod, ordinal: first}\n")
                .find("s.yaml:3:22: \"ordinal\" of op delete-pod must be an integer, not \"first\""),
            std::string::npos)
      << error_of("id: x\nsteps:\n  - {op: delete-pod, ordinal: first}\n");
  EXPECT_NE(error_of("id: x\nsteps:\n  - {op: exec, command: nslookup web-0}\n").find("must be a list of strings"),
            std::string::npos);
  EXPECT_NE(error_of("id: x\nsteps:\n  - {op: http, url: /, must_succeed: yes please}\n").find("true or false"),
            std::string::npos);
  EXPECT_NE(error_of("id: x\nsteps:\n  - {op: scale, replicas: [5]}\n").find("a string or a number"),
            std::string::npos);
}

TEST(Scenario, DeclaredArgumentsOfEveryKindLoad) {
  Scenario s = parse_scenario(
      "id: x\nsteps:\n"
      "  - {op: scale, replicas: \"+2\", give_up_after_restarts: 5}\n"
      "  - {op: scale, replicas: 2}\n"
      "  - {op: exec, command: [sh, -c, 'true'], ordinal: 0, must_succeed: true}\n"
      "  - {op: http, url: 'http://{svc}:{port}/', default_port: 8000, repeat: 3}\n",
      "s.yaml");
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(s.steps[1].args["replicas"], 2);
}

TEST(Scenario, EveryOpDeclaresItsArguments) {
  for (const std::string& op : step_ops()) {
    SCOPED_TRACE(op);
    ASSERT_NE(find_step_args(op), nullptr);
  }
  // The waits' shared argument is declared by every op that waits.
  for (const char* op : {"wait-ready", "delete-pod", "scale", "rollout"}) {
    const ArgSchema& a = *find_step_args(op);
    EXPECT_TRUE(std::any_of(a.begin(), a.end(), [](const ArgSpec& s) { return s.name == "give_up_after_restarts"; }))
        << op;
  }
}

}  // namespace
}  // namespace sts
