// Level 2's five discussion questions, answered in a Markdown file of the
// submission. Presence only; the answers are the instructor's to judge.
#include "checks/answer_sections.h"

namespace sts {
namespace {

DocumentSpec spec() {
  return {"level2-discussion",
          "Discussion questions answered",
          "A Markdown file of the submission answers Level 2's five discussion questions (presence only: the "
          "answers are the instructor's to judge).",
          "",
          {{"question-1", "Question 1: why databases need StatefulSets", 1, {"need statefulset"}},
           {"question-2", "Question 2: scaling to 2 replicas", 2, {"2 replicas", "two replicas"}},
           {"question-3", "Question 3: headless vs ClusterIP Service", 3, {"headless"}},
           {"question-4", "Question 4: pod deletion order", 4, {"deletion order"}},
           {"question-5", "Question 5: why the new postgres-0 has the data", 5, {"still have the data", "still has the data"}}},
          "Answer Level 2's Discussion Questions in a Markdown file (e.g. answers.md), one heading per question: "
          "\"## Question 1\" … \"## Question 5\"."};
}

class Level2Discussion : public DocumentCheck {
 public:
  Level2Discussion() : DocumentCheck(spec()) {}
};

}  // namespace
STS_REGISTER_CHECK(Level2Discussion);
}  // namespace sts
