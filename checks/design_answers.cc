// Lab 04 section 3.4: the ten design questions, answered "before you start
// coding". The lab gives them no points; when the submission holds answers the
// machine judges that each question has one, and the content goes to the
// instructor. No answers at all: not applicable (the rubric hands the item to
// the instructor rather than failing a submission the lab did not grade).
#include <cctype>
#include <regex>

#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/markdown_sections.h"
#include "grader/model/documents.h"

namespace sts {
namespace {

constexpr int kQuestions = 10;
// Presence only: the content is the instructor's, so any non-empty answer
// counts ("0, 1, 2" answers question 1 completely).
constexpr size_t kMinAnswer = 1;

size_t non_blank(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += !std::isspace(c);
  return n;
}

struct Found {
  std::string path;
  int line = 0;
  std::string text;                  // the answers' part of the document
};

// The design answers: a section headed "design question(s)", else a document
// whose file name says design/answers.
bool find_answers(const std::map<std::string, std::string>& docs, Found* f) {
  for (const auto& [path, text] : docs) {
    std::vector<MdSection> sections = markdown_sections(text);
    if (const MdSection* s = find_section(sections, {"design question"})) {
      *f = {path, s->line, s->body};
      return true;
    }
  }
  for (const auto& [path, text] : docs) {
    std::string lower = path;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("design") != std::string::npos || lower.find("answer") != std::string::npos) {
      *f = {path, 1, text};
      return true;
    }
  }
  return false;
}

// Answer n: the text after a line starting "n." / "n)" / "### n" / "**n." / "Qn"
// up to the next numbered line.
std::map<int, std::string> answers_by_number(const std::string& text) {
  static const std::regex start(R"(^\s*(?:#{1,6}\s*)?(?:\*\*)?(?:Q(?:uestion)?\s*)?(\d{1,2})\s*[.):])",
                                std::regex::icase);
  std::map<int, std::string> out;
  int current = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    std::smatch m;
    if (std::regex_search(line, m, start)) {
      int n = std::stoi(m[1]);
      if (n >= 1 && n <= kQuestions) {
        current = n;
        // The question text itself is not an answer: keep what follows a '?'.
        // Without one, a heading or a bold line is a question's title ("### 1.
        // Scaling"); a plain numbered line ("1. 0, 1, 2") is the answer itself.
        size_t q = line.find('?');
        std::string rest = line.substr(m.position(0) + m.length(0));
        bool title = line.find_first_not_of(" \t") != std::string::npos &&
                     (line[line.find_first_not_of(" \t")] == '#' ||
                      line.find("**") != std::string::npos || line.find("__") != std::string::npos);
        out[n] += q != std::string::npos ? line.substr(q + 1) : title ? "" : rest;
        pos = end + 1;
        continue;
      }
    }
    if (current) out[current] += line + "\n";
    pos = end + 1;
  }
  return out;
}

class DesignAnswers : public Check {
 public:
  std::string id() const override { return "design-answers"; }
  std::string title() const override { return "Design questions (section 3.4)"; }
  std::string criterion() const override {
    return "When the submission answers Lab 04 section 3.4, each of the ten design questions has an "
           "answer (presence only: the content is the instructor's to judge).";
  }

  CheckResult judge(const Observations& obs) const override {
    Found f;
    if (!find_answers(obs.documents, &f)) {
      CheckResult r = skipped(id(), "the submission holds no answers to the section 3.4 design questions "
                                    "(no \"Design Questions\" section in its Markdown files)");
      r.not_applicable = true;
      // What was searched is the evidence of an absence.
      std::string searched;
      for (const auto& [path, text] : obs.documents) searched += path + "\n";
      r.evidence.push_back({"Markdown files of the submission searched for a \"Design Questions\" section",
                            searched.empty() ? "none" : searched});
      return r;
    }
    std::map<int, std::string> answers = answers_by_number(f.text);
    std::vector<std::string> answered, missing;
    for (int n = 1; n <= kQuestions; ++n) {
      auto it = answers.find(n);
      if (it != answers.end() && non_blank(it->second) >= kMinAnswer) answered.push_back(std::to_string(n));
      else missing.push_back(std::to_string(n));
    }
    std::string where = f.path + ":" + std::to_string(f.line);
    std::vector<Assertion> a{
        {"answers-present", "the submission holds the design answers", true, where},
        {"all-answered", "each of the ten questions has an answer", missing.empty(),
         missing.empty() ? "questions 1-10 answered"
                         : "no answer found for question " + join(missing) + " (answered: " +
                               (answered.empty() ? std::string("none") : join(answered)) + ")"}};
    std::string excerpt = f.text.size() > 1500 ? f.text.substr(0, 1500) + "\n…" : f.text;
    CheckResult r = result_from(id(), std::move(a), {{"design answers (" + where + ")", excerpt}});
    r.summary = std::to_string(answered.size()) + " of 10 design questions answered in " + where +
                "; content marked for the instructor";
    if (r.status == Status::kFail) {
      r.explanation = "questions without an answer: " + join(missing);
      r.hint = "answer every question of section 3.4 under a numbered list (1. … 10.) in your design notes";
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(DesignAnswers);
}  // namespace sts
