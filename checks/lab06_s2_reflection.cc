// Lab 06 step 2.8's three reflection questions, after deleting redis-0:
// answered in a Markdown file of the submission. Presence only; the answers
// are the instructor's to judge (Understanding).
#include "checks/answer_sections.h"

namespace sts {
namespace {

DocumentSpec spec() {
  return {"lab06-s2-reflection",
          "Step 2.8 reflection questions answered",
          "A Markdown file of the submission answers the three reflection questions of Lab 06 step 2.8 (presence "
          "only: the answers are the instructor's to judge).",
          "",
          {{"question-1", "Question 1: which guarantee prevented data loss", 1, {"data loss"}},
           {"question-2", "Question 2: why the API needed no reconfiguration", 2, {"reconfigur"}},
           {"question-3", "Question 3: scaling the StatefulSet to 3 replicas", 3, {"3 replicas", "three replicas"}}},
          "Answer the reflection questions of Lab 06 step 2.8 in a Markdown file (e.g. answers.md), one heading "
          "per question: \"## Question 1\" … \"## Question 3\"."};
}

class Lab06S2Reflection : public DocumentCheck {
 public:
  Lab06S2Reflection() : DocumentCheck(spec()) {}
};

}  // namespace
STS_REGISTER_CHECK(Lab06S2Reflection);
}  // namespace sts
