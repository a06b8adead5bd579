// Lab 06's four Reflection Questions, about the section 1 system (PostgreSQL
// + API): answered in a Markdown file of the submission. Presence only; the
// answers are the instructor's to judge (Understanding).
#include "checks/answer_sections.h"

namespace sts {
namespace {

DocumentSpec spec() {
  return {"lab06-s1-reflection",
          "Reflection questions answered",
          "A Markdown file of the submission answers Lab 06's four Reflection Questions (presence only: the "
          "answers are the instructor's to judge).",
          "",
          {{"question-1", "Question 1: System Resilience", 1, {"resilience"}},
           {"question-2", "Question 2: Identity Dependency", 2, {"identity depend"}},
           {"question-3", "Question 3: Controller Selection", 3, {"controller selection"}},
           {"question-4", "Question 4: Scaling Behavior", 4, {"scaling behavio"}}},
          "Answer Lab 06's Reflection Questions in a Markdown file (e.g. answers.md), one heading per question: "
          "\"## Question 1: System Resilience\" … \"## Question 4: Scaling Behavior\"."};
}

class Lab06S1Reflection : public DocumentCheck {
 public:
  Lab06S1Reflection() : DocumentCheck(spec()) {}
};

}  // namespace
STS_REGISTER_CHECK(Lab06S1Reflection);
}  // namespace sts
