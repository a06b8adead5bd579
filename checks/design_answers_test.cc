#include <gtest/gtest.h>

#include "checks/check.h"

namespace sts {
namespace {

CheckResult judge(const std::map<std::string, std::string>& docs) {
  Observations obs;
  obs.documents = docs;
  const Check* c = CheckRegistry::instance().find("design-answers");
  EXPECT_NE(c, nullptr);
  return c->judge(obs);
}

std::string answers(int upto) {
  std::string s = "# Lab 04\n\nintro\n\n## 3.4 Design Questions\n\n";
  for (int n = 1; n <= upto; ++n)
    s += std::to_string(n) + ". **Question " + std::to_string(n) + "?** Because the headless service gives DNS.\n";
  return s + "\n## Implementation\n\n1. kubectl apply -f statefulset.yaml and more text here\n";
}

TEST(DesignAnswers, NoAnswersIsNotApplicableNotAFailure) {
  CheckResult r = judge({{"README.md", "# My lab\n\nSome notes about the StatefulSet.\n"}});
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_TRUE(r.not_applicable);
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].text, "README.md\n");
  r = judge({});
  EXPECT_TRUE(r.not_applicable);
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].text, "none");
}

TEST(DesignAnswers, AllTenAnsweredPasses) {
  CheckResult r = judge({{"docs/notes.md", answers(10)}});
  EXPECT_EQ(r.status, Status::kPass) << r.summary;
  EXPECT_NE(r.summary.find("10 of 10"), std::string::npos);
  EXPECT_NE(r.summary.find("docs/notes.md:5"), std::string::npos) << r.summary;
}

// The submission: ten short answers on the numbered lines. Any
// non-empty answer counts; the content is the instructor's.
TEST(DesignAnswers, ShortAnswersCount) {
  std::string doc = "## Design Questions\n\n";
  const char* short_answers[] = {"0, 1, 2", "yes", "web", "No.", "PVC", "DNS", "1", "Retain", "OrderedReady", "web-0"};
  for (int n = 1; n <= 10; ++n) doc += std::to_string(n) + ". " + short_answers[n - 1] + "\n";
  CheckResult r = judge({{"README.md", doc}});
  EXPECT_EQ(r.status, Status::kPass) << r.summary << r.explanation;
  EXPECT_NE(r.summary.find("10 of 10"), std::string::npos) << r.summary;
}

// An answer under a question that ends with '?' or a title heading still
// needs text of its own: a numbered title is not an answer.
TEST(DesignAnswers, TitlesAreNotAnswers) {
  std::string doc = "## Design Questions\n\n";
  for (int n = 1; n <= 10; ++n) doc += "### " + std::to_string(n) + ". Scaling\n\n";
  EXPECT_EQ(judge({{"README.md", doc}}).status, Status::kFail);
  doc = "## Design Questions\n\n";
  for (int n = 1; n <= 10; ++n) doc += "**" + std::to_string(n) + ". Scaling**\n";
  EXPECT_EQ(judge({{"README.md", doc}}).status, Status::kFail);
}

TEST(DesignAnswers, MissingAnswersAreNamed) {
  CheckResult r = judge({{"notes.md", answers(7)}});
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.explanation.find("8, 9, 10"), std::string::npos) << r.explanation;
}

TEST(DesignAnswers, QuestionWithoutAnswerDoesNotCount) {
  std::string doc = "## Design questions\n\n";
  for (int n = 1; n <= 10; ++n) doc += std::to_string(n) + ". What makes a Service headless?\n";
  CheckResult r = judge({{"answers.md", doc}});
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.summary.find("0 of 10"), std::string::npos) << r.summary;
}

TEST(DesignAnswers, FileNamedForAnswersWithHeadingsPerQuestion) {
  std::string doc = "# Answers\n\n";
  for (int n = 1; n <= 10; ++n) doc += "### " + std::to_string(n) + ". Question\n\nThe answer to this one is here.\n\n";
  CheckResult r = judge({{"design-answers.md", doc}});
  EXPECT_EQ(r.status, Status::kPass) << r.summary << r.explanation;
}

}  // namespace
}  // namespace sts
