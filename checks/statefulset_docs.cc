// Lab 15 Task 4: the student's own k8s/STATEFULSET.md with its five sections
// (StatefulSet Overview, Resource Verification, Network Identity, Per-Pod
// Storage Evidence, Persistence Test). The machine judges that the document
// and each section are there with some content; what they say is the
// instructor's to judge (a manual item of the rubric).
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/markdown_sections.h"
#include "grader/model/documents.h"

namespace sts {
namespace {

// A section with less than this is a heading without an answer.
constexpr size_t kMinContent = 20;

struct Wanted {
  const char* id;
  const char* title;
  std::vector<std::string> keywords;   // any of them in a heading
};

const std::vector<Wanted>& wanted() {
  static const std::vector<Wanted> w = {
      {"overview", "StatefulSet Overview", {"overview", "why statefulset", "vs deployment", "versus deployment"}},
      {"resource-verification", "Resource Verification", {"resource", "verification", "kubectl get"}},
      {"network-identity", "Network Identity", {"network", "dns", "identity"}},
      {"per-pod-storage", "Per-Pod Storage Evidence", {"storage", "per-pod", "visit count", "isolation"}},
      {"persistence-test", "Persistence Test", {"persistence", "persistent", "survive"}},
  };
  return w;
}

class StatefulSetDocs : public Check {
 public:
  std::string id() const override { return "statefulset-docs"; }
  std::string title() const override { return "k8s/STATEFULSET.md sections"; }
  std::string criterion() const override {
    return "The submission holds k8s/STATEFULSET.md with the five sections of Lab 15 Task 4, each with "
           "content (presence only: the content is the instructor's to judge).";
  }

  CheckResult judge(const Observations& obs) const override {
    std::string path;
    // Discovery's ranking (the report may sit beside the chart, or in docs/) first.
    const std::string* doc = nullptr;
    if (auto it = obs.documents.find(obs.report_document); !obs.report_document.empty() && it != obs.documents.end()) {
      doc = &it->second;
      path = it->first;
    }
    if (!doc) doc = find_document(obs.documents, "k8s/STATEFULSET.md", &path);
    std::vector<std::string> listed;
    for (const auto& [p, text] : obs.documents) listed.push_back(p);
    Assertion present{"document-present", "the submission holds k8s/STATEFULSET.md", doc != nullptr,
                      doc ? path + " (" + std::to_string(doc->size()) + " bytes)"
                          : "not found; Markdown files submitted: " + (listed.empty() ? std::string("none") : join(listed))};
    std::vector<Assertion> a{present};
    std::vector<MdSection> sections = doc ? markdown_sections(*doc) : std::vector<MdSection>{};
    std::vector<std::string> headings, missing;
    for (const MdSection& s : sections)
      headings.push_back(path + ":" + std::to_string(s.line) + ": " + std::string(s.level, '#') + " " + s.heading +
                         " (" + std::to_string(s.content_chars) + " chars)");
    for (const Wanted& w : wanted()) {
      Assertion x{w.id, std::string("section \"") + w.title + "\" with content", false, ""};
      const MdSection* s = doc ? find_section(sections, w.keywords) : nullptr;
      if (!doc) x.detail = "no document";
      else if (!s) x.detail = "no heading mentions " + join(w.keywords, " / ");
      else {
        x.passed = s->content_chars >= kMinContent;
        x.detail = "\"" + s->heading + "\" at line " + std::to_string(s->line) + ": " +
                   std::to_string(s->content_chars) + " characters" + (x.passed ? "" : ", too little to be an answer");
      }
      if (!x.passed) missing.push_back(w.title);
      a.push_back(std::move(x));
    }
    std::vector<Evidence> ev;
    if (doc) ev.push_back({"headings of " + path, headings.empty() ? "(no headings)" : join(headings, "\n"), -1});
    CheckResult r = result_from(id(), std::move(a), std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = path + " has the five sections (content: judged by the instructor)";
      return r;
    }
    r.summary = !doc ? "k8s/STATEFULSET.md is missing" : path + " lacks " + join(missing);
    r.explanation = !doc ? "k8s/STATEFULSET.md " + present.detail + "."
                         : join(failed_details(r.assertions), "; ") + ".";
    r.hint = "Write k8s/STATEFULSET.md with one heading per part of Lab 15 Task 4: StatefulSet Overview, "
             "Resource Verification (kubectl get po,sts,svc,pvc), Network Identity (DNS outputs), Per-Pod "
             "Storage Evidence (different visit counts), Persistence Test.";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(StatefulSetDocs);
}  // namespace sts
