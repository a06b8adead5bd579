#include "checks/answer_sections.h"

#include <cctype>
#include <regex>
#include <sstream>

#include "checks/check_util.h"
#include "grader/model/documents.h"

namespace sts {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "**Question 2: …**", "Question 2.", "Q2)", "**Q2**" at the start of a line.
const std::regex& question_line() {
  static const std::regex r(R"(^\s*(\*\*|__)?\s*(question\s*\d+|q\d+)\b.*)", std::regex::icase);
  return r;
}

}  // namespace

std::vector<MdSection> answer_sections(const std::string& text) {
  std::istringstream in(text);
  std::string out, fence;
  for (std::string l; std::getline(in, l);) {
    size_t indent = l.find_first_not_of(" \t");
    std::string t = indent == std::string::npos ? "" : l.substr(indent);
    if (!fence.empty()) {
      if (t.rfind(fence, 0) == 0) fence.clear();
    } else if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
      fence = t.substr(0, 3);
    } else if (t.rfind("#", 0) != 0 && std::regex_match(l, question_line())) {
      // A question line becomes a heading; on "**Question 2: …** answer", the
      // text after the bold question is the start of the answer.
      std::string heading = t, rest;
      for (const char* bold : {"**", "__"})
        if (t.rfind(bold, 0) == 0)
          if (size_t close = t.find(bold, 2); close != std::string::npos) {
            heading = t.substr(2, close - 2);
            rest = t.substr(close + 2);
          }
      out += "###### " + heading + "\n" + (rest.find_first_not_of(" \t") == std::string::npos ? "" : rest + "\n");
      continue;
    }
    out += l + "\n";
  }
  return markdown_sections(out);
}

const MdSection* find_answer(const std::vector<MdSection>& sections, const WantedSection& w) {
  if (w.question > 0) {
    const std::string n = std::to_string(w.question);
    // "Question 2", "Q2", or a heading that starts with its number ("2. Why …").
    const std::regex numbered("(^|[^a-z0-9])(question\\s*" + n + "|q" + n + ")([^0-9]|$)|^" + n + "[.):]\\s");
    for (const MdSection& s : sections)
      if (std::regex_search(lower(s.heading), numbered)) return &s;
  }
  for (const MdSection& s : sections) {
    std::string h = lower(s.heading);
    for (const std::string& k : w.keywords)
      if (h.find(lower(k)) != std::string::npos) return &s;
  }
  return nullptr;
}

CheckResult judge_document(const Observations& obs, const DocumentSpec& spec) {
  std::vector<std::string> listed;
  for (const auto& [p, text] : obs.documents) listed.push_back(p);
  // The document to judge: the named file, else the one answering most.
  std::string path;
  const std::string* doc = nullptr;
  if (!spec.file.empty()) {
    doc = find_document(obs.documents, spec.file, &path);
  } else {
    size_t best = 0;
    for (const auto& [p, text] : obs.documents) {
      std::vector<MdSection> secs = answer_sections(text);
      size_t n = 0;
      for (const WantedSection& w : spec.sections) n += find_answer(secs, w) != nullptr;
      if (n > best) best = n, doc = &text, path = p;
    }
  }
  const std::string wanted = spec.file.empty() ? "a Markdown file with the answers" : spec.file;
  Assertion present{"document-present", "the submission holds " + wanted, doc != nullptr,
                    doc ? path + " (" + std::to_string(doc->size()) + " bytes)"
                        : "not found; Markdown files submitted: " + (listed.empty() ? std::string("none") : join(listed))};
  std::vector<Assertion> a{present};
  std::vector<MdSection> sections = doc ? answer_sections(*doc) : std::vector<MdSection>{};
  std::vector<std::string> headings, missing;
  for (const MdSection& s : sections)
    headings.push_back(path + ":" + std::to_string(s.line) + ": " + s.heading + " (" + std::to_string(s.content_chars) +
                       " chars)");
  for (const WantedSection& w : spec.sections) {
    Assertion x{w.id, "\"" + w.title + "\" answered", false, ""};
    const MdSection* s = doc ? find_answer(sections, w) : nullptr;
    if (!doc) x.detail = "no document";
    else if (!s) x.detail = "no heading for it (looked for " + (w.question ? "\"Question " + std::to_string(w.question) + "\", " : std::string()) +
                            join(w.keywords, " / ") + ")";
    else {
      x.passed = s->content_chars >= kMinAnswerChars;
      x.detail = "\"" + s->heading + "\": " + std::to_string(s->content_chars) + " characters" +
                 (x.passed ? "" : ", too little to be an answer");
    }
    if (!x.passed) missing.push_back(w.title);
    a.push_back(std::move(x));
  }
  std::vector<Evidence> ev;
  if (doc) ev.push_back({"headings of " + path, headings.empty() ? "(no headings)" : join(headings, "\n"), -1});
  CheckResult r = result_from(spec.check_id, std::move(a), std::move(ev));
  if (r.status == Status::kPass) {
    r.summary = path + " answers all " + std::to_string(spec.sections.size()) + " (content: judged by the instructor)";
    return r;
  }
  r.summary = !doc ? wanted + " is missing" : path + " lacks " + join(missing);
  r.explanation = join(failed_details(r.assertions), "; ") + ".";
  r.hint = spec.hint;
  return r;
}

}  // namespace sts
