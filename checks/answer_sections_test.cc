#include "checks/answer_sections.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

const WantedSection kQ1{"question-1", "Question 1: System Resilience", 1, {"resilience"}};
const WantedSection kQ2{"question-2", "Question 2: Identity Dependency", 2, {"identity depend"}};

TEST(AnswerSections, QuestionLinesBecomeHeadings) {
  std::string text =
      "# Answers\n\n"
      "**Question 1: System Resilience** The PVC is reattached to the new postgres-0.\n\n"
      "Q2. What depends on identity?\n"
      "DB_HOST names postgres-0.postgres-headless, which must stay valid.\n\n"
      "```sh\n# Question 3 in a code block is no heading\n```\n";
  std::vector<MdSection> s = answer_sections(text);
  const MdSection* q1 = find_answer(s, kQ1);
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->heading, "Question 1: System Resilience");
  EXPECT_GE(q1->content_chars, kMinAnswerChars);          // the answer after the bold question
  const MdSection* q2 = find_answer(s, kQ2);
  ASSERT_NE(q2, nullptr);
  EXPECT_GE(q2->content_chars, kMinAnswerChars);
  EXPECT_EQ(find_answer(s, {"question-3", "Question 3", 3, {}}), nullptr);
}

TEST(AnswerSections, NumberedHeadingsAndKeywords) {
  std::vector<MdSection> s = answer_sections("## 1. Why StatefulSets?\nBecause of identity and storage.\n"
                                             "## Identity dependency\nThe DNS name of postgres-0 must not change.\n"
                                             "## 10. Extra\nnot question one\n");
  const MdSection* q1 = find_answer(s, kQ1);
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->heading, "1. Why StatefulSets?");
  const MdSection* q2 = find_answer(s, kQ2);
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->heading, "Identity dependency");
}

DocumentSpec spec(const std::string& file = "") {
  return {"t-doc", "t", "t", file, {kQ1, kQ2}, "write them"};
}

TEST(AnswerSections, JudgesTheDocumentAnsweringMost) {
  Observations obs;
  obs.documents["README.md"] = "# Readme\n## Question 1: System Resilience\nshort\n";
  obs.documents["docs/answers.md"] =
      "## Question 1: System Resilience\nThe claim postgres-storage-postgres-0 is reattached.\n"
      "## Question 2: Identity Dependency\nThe API connects to postgres-0.postgres-headless.\n";
  CheckResult r = judge_document(obs, spec());
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_NE(r.summary.find("docs/answers.md"), std::string::npos) << r.summary;
}

TEST(AnswerSections, TooShortAndMissingAnswersFail) {
  Observations obs;
  obs.documents["answers.md"] = "## Question 1: System Resilience\nPVC.\n";
  CheckResult r = judge_document(obs, spec());
  ASSERT_EQ(r.status, Status::kFail);
  std::map<std::string, bool> a;
  for (const Assertion& x : r.assertions) a[x.id] = x.passed;
  EXPECT_EQ(a, (std::map<std::string, bool>{{"document-present", true}, {"question-1", false}, {"question-2", false}}));
  EXPECT_NE(r.explanation.find("too little to be an answer"), std::string::npos) << r.explanation;
  EXPECT_EQ(r.hint, "write them");
}

TEST(AnswerSections, NamedFileMissingIsReported) {
  Observations obs;
  obs.documents["README.md"] = "## Question 1\nsomething long enough to count here\n";
  CheckResult r = judge_document(obs, spec("design-decisions.md"));
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.summary.find("design-decisions.md is missing"), std::string::npos) << r.summary;
  EXPECT_NE(r.explanation.find("README.md"), std::string::npos) << r.explanation;
}

}  // namespace
}  // namespace sts
