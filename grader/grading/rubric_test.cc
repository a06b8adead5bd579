#include "grader/grading/rubric.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <fstream>

namespace sts {
namespace {

// Writes a rubric to a fresh file and returns its path.
std::string rubric_file(const std::string& name, const std::string& yaml) {
  const std::string path = testing::TempDir() + "rubric_test_" + name + ".yaml";
  std::ofstream(path) << yaml;
  return path;
}

// The RubricError message of loading `yaml`, "" if it loaded.
std::string load_error(const std::string& name, const std::string& yaml) {
  try {
    load_rubric(rubric_file(name, yaml));
  } catch (const RubricError& e) {
    return e.what();
  }
  return "";
}

const char* kHeader = "id: r\nitems:\n";

RubricItem item(const std::string& check, double points, std::vector<std::string> requires_ = {}) {
  RubricItem i;
  i.check = check;
  i.points = points;
  i.requires_ = std::move(requires_);
  return i;
}

RubricItem partial_item(const std::string& check, double points,
                        std::map<std::string, double> weights = {}) {
  RubricItem i = item(check, points);
  i.partial = true;
  i.assertion_weights = std::move(weights);
  return i;
}

RubricItem manual_item(const std::string& title, double points) {
  RubricItem i;
  i.title = title;
  i.points = points;
  i.manual = true;
  return i;
}

CheckResult result(const std::string& id, Status s, std::vector<std::pair<std::string, bool>> a = {}) {
  CheckResult r;
  r.id = id;
  r.status = s;
  for (auto& [aid, ok] : a) {
    Assertion x;
    x.id = aid;
    x.passed = ok;
    r.assertions.push_back(x);
  }
  return r;
}

TEST(LoadRubric, ShippedLab04RubricHasTheTenTestsForTenPoints) {
  const Rubric r = load_rubric(STS_SOURCE_DIR "/rubrics/lab04-section3.yaml");
  EXPECT_EQ(r.id, "lab04-section3");
  EXPECT_EQ(r.scenario, "lab04-section3");
  EXPECT_EQ(r.required_namespace, "statefulset-lab");
  const std::vector<std::string> ids = {
      "pod-naming",           "sequential-creation", "persistent-storage", "storage-content",
      "dns-resolution",       "identity-persistence", "ordered-scale-up",  "ordered-scale-down",
      "pvc-retention",        "pvc-reuse"};
  // Plus section 3.4's design answers: no points, the instructor's when absent.
  ASSERT_EQ(r.items.size(), ids.size() + 1);
  EXPECT_EQ(r.items.back().check, "design-answers");
  EXPECT_EQ(r.items.back().points, 0);
  EXPECT_TRUE(r.items.back().manual_unless_applicable);
  double total = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(r.items[i].check, ids[i]);
    EXPECT_FALSE(r.items[i].manual);
    total += r.items[i].points;
  }
  EXPECT_EQ(total, 10);
  EXPECT_EQ(r.items[9].requires_, std::vector<std::string>{"pvc-retention"});
  EXPECT_TRUE(r.items[5].partial);  // identity-persistence
  EXPECT_EQ(r.items[5].assertion_weights.at("new-uid"), 0);

  // 10/10 is reachable: every check passing earns every point.
  std::vector<CheckResult> all_pass;
  for (const auto& id : ids) all_pass.push_back(result(id, Status::kPass));
  const Score s = score(r, all_pass);
  EXPECT_EQ(s.earned, 10);
  EXPECT_EQ(s.machine_possible, 10);
}

TEST(LoadRubric, ShippedLab04RubricNamesOnlyCompiledInChecks) {
  const Rubric r = load_rubric(STS_SOURCE_DIR "/rubrics/lab04-section3.yaml");
  EXPECT_EQ(validate_rubric(r), std::vector<std::string>{});
}

TEST(LoadRubric, ReadsEveryField) {
  const Rubric r = load_rubric(rubric_file("fields", R"(
id: demo
title: Demo
lab: lab.md
scenario: demo-scn
required_namespace: ns
items:
  - check: a
    title: A
    points: 2.5
    partial: true
    assertions: {same-pvc: 2, same-name: 0.5}
    hidden: true
  - check: b
    points: 1
    requires: [a]
  - manual: true
    title: Design questions
    points: 3
)"));
  EXPECT_EQ(r.title, "Demo");
  EXPECT_EQ(r.lab, "lab.md");
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[0].points, 2.5);
  EXPECT_TRUE(r.items[0].hidden);
  EXPECT_EQ(r.items[0].assertion_weights.at("same-pvc"), 2);
  EXPECT_EQ(r.items[0].assertion_weights.at("same-name"), 0.5);
  EXPECT_EQ(r.items[1].requires_, std::vector<std::string>{"a"});
  EXPECT_TRUE(r.items[2].manual);
  EXPECT_EQ(r.items[2].check, "");
  EXPECT_NE(r.source.find("fields"), std::string::npos);
}

TEST(LoadRubric, UnknownKeyNamesFileLineAndColumn) {
  const std::string err = load_error("unknown", std::string(kHeader) +
                                                    "  - check: a\n"
                                                    "    points: 1\n"
                                                    "    pionts: 2\n");
  EXPECT_NE(err.find("rubric_test_unknown.yaml:5:5: unknown key 'pionts'"), std::string::npos) << err;
}

TEST(LoadRubric, RejectsMistakes) {
  struct Case {
    const char* name;
    std::string yaml;
    const char* message;
  };
  const std::string h = kHeader;
  const std::vector<Case> cases = {
      {"negative", h + "  - check: a\n    points: -1\n", "4:13: points must not be negative"},
      {"nan", h + "  - check: a\n    points: lots\n", "points must be a number"},
      {"nopoints", h + "  - check: a\n", "needs 'points'"},
      {"nocheck", h + "  - title: x\n    points: 1\n", "needs 'check: <id>'"},
      {"dup", h + "  - {check: a, points: 1}\n  - {check: a, points: 1}\n", "'a' appears twice"},
      {"req", h + "  - {check: a, points: 1, requires: [zz]}\n",
       "'a' requires 'zz', which is not an item of this rubric"},
      {"cycle",
       h + "  - {check: a, points: 1, requires: [b]}\n  - {check: b, points: 1, requires: [c]}\n"
           "  - {check: c, points: 1, requires: [a]}\n",
       "cycle: a -> b -> c -> a"},
      {"self", h + "  - {check: a, points: 1, requires: [a]}\n", "cycle: a -> a"},
      {"weights", h + "  - {check: a, points: 1, assertions: {x: 1}}\n", "only apply with 'partial: true'"},
      {"negweight", h + "  - {check: a, points: 1, partial: true, assertions: {x: -1}}\n",
       "weight of 'x' must not be negative"},
      {"manualcheck", h + "  - {manual: true, check: a, title: t, points: 1}\n", "names no check"},
      {"manualreq", h + "  - {check: a, points: 1}\n  - {manual: true, title: t, points: 1, requires: [a]}\n",
       "cannot require"},
      {"bool", h + "  - {check: a, points: 1, partial: maybe}\n", "partial must be true or false"},
      {"noid", "items:\n  - {check: a, points: 1}\n", "needs an 'id'"},
      {"noitems", "id: r\nitems: []\n", "non-empty list"},
      {"topkey", "id: r\nitem: []\n", "unknown key 'item'"},
      {"syntax", "id: r\nitems: [\n", "rubric_test_syntax.yaml:"},
      {"empty", "", "the rubric is empty"},
  };
  for (const auto& c : cases) {
    const std::string err = load_error(c.name, c.yaml);
    EXPECT_NE(err.find(c.message), std::string::npos) << c.name << ": got '" << err << "'";
  }
  EXPECT_THROW(load_rubric("/nonexistent/rubric.yaml"), RubricError);
}

class FakeCheck : public Check {
 public:
  explicit FakeCheck(std::string id) : id_(std::move(id)) {}
  std::string id() const override { return id_; }
  std::string title() const override { return id_; }
  std::string criterion() const override { return ""; }
  CheckResult judge(const Observations&) const override { return {}; }

 private:
  std::string id_;
};

TEST(ValidateRubric, ReportsCheckIdsThatAreNotCompiledIn) {
  CheckRegistry registry;
  registry.add(std::make_unique<FakeCheck>("a"));
  Rubric r;
  r.source = "x.yaml";
  r.items = {item("a", 1), item("typo", 1), manual_item("essay", 1)};
  const auto problems = validate_rubric(r, registry);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("unknown check 'typo'"), std::string::npos) << problems[0];
  r.items.erase(r.items.begin() + 1);
  EXPECT_TRUE(validate_rubric(r, registry).empty());
}

// ---- score -----------------------------------------------------------------

TEST(Score, PassEarnsThePointsAndFailEarnsNothing) {
  Rubric r;
  r.items = {item("a", 2), item("b", 3)};
  const Score s = score(r, {result("a", Status::kPass), result("b", Status::kFail, {{"x", true}, {"y", false}})});
  EXPECT_EQ(s.earned, 2);
  EXPECT_EQ(s.possible, 5);
  EXPECT_EQ(s.machine_possible, 5);
  EXPECT_EQ(s.items[1].earned, 0);  // not partial: an assertion passing earns nothing
  EXPECT_EQ(s.passed, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_TRUE(s.gradable);
}

TEST(Score, PartialCreditFollowsAssertionWeights) {
  Rubric r;
  r.items = {partial_item("a", 1), partial_item("b", 4, {{"same-pvc", 3}}),
             partial_item("c", 1, {{"never-reported", 1}})};
  const Score s = score(r, {result("a", Status::kFail, {{"x", true}, {"y", false}, {"z", false}, {"w", true}}),
                            result("b", Status::kFail, {{"same-name", false}, {"same-pvc", true}}),
                            result("c", Status::kFail, {{"x", true}})});
  EXPECT_DOUBLE_EQ(s.items[0].earned, 0.5);
  EXPECT_DOUBLE_EQ(s.items[1].earned, 3);  // 4 x 3/(3+1)
  EXPECT_DOUBLE_EQ(s.items[2].earned, 0.5);  // the missing assertion counts as failed
  EXPECT_DOUBLE_EQ(s.earned, 4);
  EXPECT_EQ(s.failed, 3);
}

TEST(Score, FailedPrerequisiteSkipsDependentsWithTheReason) {
  Rubric r;
  // Listed before its prerequisite on purpose: order of judging is by dependency.
  r.items = {item("reuse", 1, {"keep"}), item("keep", 1, {"store"}), item("store", 1),
             item("other", 1, {"store"})};
  const Score s = score(r, {result("reuse", Status::kPass), result("keep", Status::kPass),
                            result("store", Status::kFail), result("other", Status::kFail)});
  EXPECT_EQ(s.items[1].result.status, Status::kSkipped);
  EXPECT_EQ(s.items[1].result.explanation, "requires store, which failed");
  EXPECT_EQ(s.items[0].result.status, Status::kSkipped);
  EXPECT_EQ(s.items[0].result.explanation, "requires keep, which was skipped");
  EXPECT_EQ(s.items[0].earned, 0);
  EXPECT_EQ(s.items[3].result.status, Status::kSkipped);
  EXPECT_EQ(s.skipped, 3);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.earned, 0);
  EXPECT_EQ(s.items[0].item.check, "reuse");  // report order stays the rubric's
}

TEST(Score, ErrorMakesTheScoreNotGradable) {
  Rubric r;
  r.items = {item("a", 1), item("b", 1), item("c", 1)};
  CheckResult b = result("b", Status::kError);
  b.explanation = "probe pod never started: ImagePullBackOff";
  CheckResult c = result("c", Status::kError);
  c.explanation = "second";
  const Score s = score(r, {result("a", Status::kPass), b, c});
  EXPECT_FALSE(s.gradable);
  EXPECT_EQ(s.not_gradable_reason, "probe pod never started: ImagePullBackOff");
  EXPECT_EQ(s.errors, 2);
  EXPECT_EQ(s.passed, 1);
}

TEST(Score, MissingResultIsAnError) {
  Rubric r;
  r.items = {item("a", 1), item("b", 1)};
  const Score s = score(r, {result("a", Status::kPass)});
  EXPECT_EQ(s.items[1].result.status, Status::kError);
  EXPECT_FALSE(s.gradable);
  EXPECT_NE(s.not_gradable_reason.find("no result for check 'b'"), std::string::npos);
}

TEST(Score, ManualItemsCountInPossibleOnly) {
  Rubric r;
  r.items = {item("a", 1), manual_item("Design questions", 2)};
  const Score s = score(r, {result("a", Status::kPass)});
  EXPECT_EQ(s.possible, 3);
  EXPECT_EQ(s.machine_possible, 1);
  EXPECT_EQ(s.earned, 1);
  EXPECT_EQ(s.items[1].earned, 0);
  EXPECT_TRUE(s.items[1].item.manual);
  EXPECT_EQ(s.passed + s.failed + s.errors + s.skipped, 1);  // manual items are not machine-judged
  EXPECT_TRUE(s.gradable);
}

TEST(Score, BonusCountsInPossibleAndApartFromTheBase) {
  Rubric r;
  RubricItem b = item("partition", 1.25);
  b.bonus = true;
  r.items = {item("a", 10), b};
  const Score s = score(r, {result("a", Status::kPass), result("partition", Status::kPass)});
  EXPECT_EQ(s.possible, 11.25);
  EXPECT_EQ(s.bonus_possible, 1.25);
  EXPECT_EQ(s.earned, 11.25);
}

// A check that does not apply hands its item to the instructor; a check that
// was merely skipped (an earlier step failed) still scores 0.
TEST(Score, NotApplicableBecomesManualOnlyWhenTheRubricSaysSo) {
  Rubric r;
  RubricItem od = item("ondelete", 1.25);
  od.manual_unless_applicable = true;
  r.items = {item("a", 1), od};
  CheckResult na = result("ondelete", Status::kSkipped);
  na.not_applicable = true;
  na.summary = "the StatefulSet declares RollingUpdate";
  Score s = score(r, {result("a", Status::kPass), na});
  EXPECT_TRUE(s.items[1].item.manual);
  EXPECT_EQ(s.items[1].result.summary, "the StatefulSet declares RollingUpdate");
  EXPECT_EQ(s.possible, 2.25);
  EXPECT_EQ(s.machine_possible, 1);
  EXPECT_EQ(s.skipped, 0);

  CheckResult skipped = result("ondelete", Status::kSkipped);
  s = score(r, {result("a", Status::kPass), skipped});
  EXPECT_FALSE(s.items[1].item.manual);
  EXPECT_EQ(s.machine_possible, 2.25);
  EXPECT_EQ(s.skipped, 1);

  r.items[1].manual_unless_applicable = false;
  s = score(r, {result("a", Status::kPass), na});
  EXPECT_FALSE(s.items[1].item.manual);
  EXPECT_EQ(s.skipped, 1);
}

TEST(LoadRubric, BonusAndManualUnlessApplicable) {
  Rubric r = load_rubric(rubric_file("bonus", std::string(kHeader) +
                                                  "  - {check: a, points: 1, bonus: true, manual_unless_applicable: true}\n"));
  EXPECT_TRUE(r.items[0].bonus);
  EXPECT_TRUE(r.items[0].manual_unless_applicable);
  EXPECT_NE(load_error("bonus-manual", std::string(kHeader) +
                                           "  - {manual: true, title: T, points: 1, manual_unless_applicable: true}\n")
                .find("always the instructor's"),
            std::string::npos);
}

}  // namespace
}  // namespace sts
