// A student document that must hold answers or design sections (Lab 06's
// reflection answers and design-decisions.md, Level 2's discussion
// questions): the machine judges that each one is there with some content;
// what it says is the instructor's (a manual rubric item). Each such check is
// a DocumentCheck with its own DocumentSpec, in its own file.
#pragma once
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/markdown_sections.h"

namespace sts {

struct WantedSection {
  std::string id;                    // assertion id, e.g. "question-1"
  std::string title;                 // "Question 1: System Resilience"
  int question = 0;                  // > 0: also found as "Question N", "QN" headings
  std::vector<std::string> keywords; // any of them in a heading (case-insensitive)
};

struct DocumentSpec {
  std::string check_id, title, criterion;
  std::string file;                  // a file name ("design-decisions.md") anywhere; "" any *.md
  std::vector<WantedSection> sections;
  std::string hint;
};

// Headings of `text`, where lines that start a question ("**Question 2:**",
// "Q2.") count as headings even without a #.
std::vector<MdSection> answer_sections(const std::string& text);

// The section answering `w`, nullptr if none.
const MdSection* find_answer(const std::vector<MdSection>& sections, const WantedSection& w);

// Assertion "document-present" and one per wanted section ("<id>"): there
// with at least kMinAnswerChars of content. Without `file`, the submission's
// document answering the most sections is judged.
inline constexpr size_t kMinAnswerChars = 20;
CheckResult judge_document(const Observations& obs, const DocumentSpec& spec);

class DocumentCheck : public Check {
 public:
  explicit DocumentCheck(DocumentSpec spec) : spec_(std::move(spec)) {}
  std::string id() const override { return spec_.check_id; }
  std::string title() const override { return spec_.title; }
  std::string criterion() const override { return spec_.criterion; }
  CheckResult judge(const Observations& obs) const override { return judge_document(obs, spec_); }

 private:
  DocumentSpec spec_;
};

}  // namespace sts
