#include "reports/gantt.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(PodLifecycleGantt, OneBarPerLifeWithReadyMilestones) {
  const auto lives = testing_sample::observations().timeline.pod_lives();
  const std::string g = pod_lifecycle_gantt(lives, 60, 0);
  const auto lines = lines_of(g);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "gantt");
  EXPECT_NE(g.find("    dateFormat x\n"), std::string::npos);
  EXPECT_NE(g.find("    axisFormat %M:%S\n"), std::string::npos);

  // Every line after the header is a section or a task Mermaid can parse.
  const std::regex section(R"(    section [^:#;]+)");
  const std::regex task(R"(    [^:#;]+ :(done|active|crit|milestone), [a-z]+[0-9]+, [0-9]+, ([0-9]+|0d))");
  int bars = 0, milestones = 0;
  for (size_t i = 4; i < lines.size(); ++i) {
    if (std::regex_match(lines[i], section)) continue;
    EXPECT_TRUE(std::regex_match(lines[i], task)) << "not a task line: '" << lines[i] << "'";
    (lines[i].find(":milestone") != std::string::npos ? milestones : bars)++;
  }
  EXPECT_EQ(bars, 4);  // web-0, web-1 twice, web-2
  EXPECT_EQ(milestones, 4);
  EXPECT_EQ(std::count(g.begin(), g.end(), '\n'), static_cast<long>(lines.size()));

  // web-1's first life ended when it was deleted; the second runs to the end.
  EXPECT_NE(g.find("web-1 life 1 uid uid-web- :done, life1, 5000, 30000\n"), std::string::npos) << g;
  EXPECT_NE(g.find("web-1 life 2 uid uid-web- :active, life2, 30500, 60000\n"), std::string::npos) << g;
  EXPECT_NE(g.find("web-1 Ready :milestone, ready2, 35000, 0d\n"), std::string::npos) << g;
  // One section per pod name, in order of first creation.
  EXPECT_LT(g.find("section web-0"), g.find("section web-1"));
  EXPECT_LT(g.find("section web-1"), g.find("section web-2"));
  EXPECT_EQ(g.find("section web-1", g.find("section web-1") + 1), std::string::npos);
}

TEST(PodLifecycleGantt, WallClockWhenTheStartIsKnownAndNeverReadyIsCritical) {
  PodLife l;
  l.name = "odd:name#1";
  l.uid = "u";
  l.created = PodLife::At{1, 2.0};
  const std::string g = pod_lifecycle_gantt({l}, 10, 1700000000.5);
  EXPECT_NE(g.find("axisFormat %H:%M:%S"), std::string::npos);
  EXPECT_NE(g.find("odd name 1 life 1 uid u :crit, life0, 1700000002500, 1700000010500\n"), std::string::npos) << g;
}

TEST(PodLifecycleGantt, NoPodsStillMakesAValidChart) {
  const std::string g = pod_lifecycle_gantt({}, 5, 0);
  EXPECT_NE(g.find("no pod was observed :nopods, 0, 5000"), std::string::npos) << g;
}

}  // namespace
}  // namespace sts
