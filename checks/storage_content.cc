// Test 4: each pod's persistent volume holds unique content that proves which
// pod wrote it.
#include <algorithm>
#include <map>
#include <regex>

#include "checks/check.h"
#include "checks/check_util.h"
#include "grader/model/observations.h"

namespace sts {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// The pod's name as a whole token: "web-1" but not "web-10" or "myweb-1".
bool names_pod(const std::string& text, const std::string& pod) {
  for (size_t at = text.find(pod); at != std::string::npos; at = text.find(pod, at + 1)) {
    bool start_ok = at == 0 || !word_char(text[at - 1]);
    size_t end = at + pod.size();
    bool end_ok = end == text.size() || !std::isdigit(static_cast<unsigned char>(text[end]));
    if (start_ok && end_ok) return true;
  }
  return false;
}

// An explicit ordinal such as "ordinal 1", "pod-1", "replica #1", "id=1". A
// bare number (a digit in a date) does not identify a pod.
bool states_ordinal(const std::string& text, int ordinal) {
  static const std::string kWords =
      "(ordinal|pod|replica|index|instance|member|node|id|shard|number)";
  std::regex re("(^|[^a-z0-9])" + kWords + "[ \\t_]*[:=#-]?[ \\t_]*#?" +
                    std::to_string(ordinal) + "([^0-9.]|\\.[^0-9]|\\.?$)",
                std::regex::icase);
  return std::regex_search(text, re);
}

struct PodContent {
  std::string pod;
  int ordinal = -1;
  std::vector<const VolumeRead*> reads;
  std::map<std::string, std::string> files;
  bool read_ok = true;
  std::string read_problem;
};

class StorageContent : public Check {
 public:
  std::string id() const override { return "storage-content"; }
  std::string title() const override { return "Storage content"; }
  std::string criterion() const override {
    return "Each pod has unique, identifiable content in its persistent volume that proves "
           "which pod wrote it.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);
    std::vector<const VolumeRead*> reads = obs.reads("initial");
    // A failed read step is the cluster's fault (reads the pod refuses are data).
    if (auto unmet = unmet_step(obs, id(), "read-initial")) return *unmet;
    // Without claim templates nothing the pods hold is per-pod persistent.
    if (templates.empty()) return no_volume(obs, "declares no volumeClaimTemplates");
    bool mounted = std::any_of(templates.begin(), templates.end(),
                               [](const ClaimTemplate& t) { return !t.mount_paths.empty(); });
    if (!mounted)
      return no_volume(obs, "mounts none of its volumeClaimTemplates (no volumeMounts entry "
                            "named " + templates[0].name + ")");
    if (reads.empty()) {
      return skipped(id(), "the grader recorded no volume reads in phase \"initial\"");
    }
    for (const VolumeRead* r : reads)
      if (auto err = infra_error(id(), r->exec, "reading the volume")) return *err;

    // By ordinal, so evidence reads 0, 1, 2; the name keeps odd pods apart.
    std::map<std::pair<int, std::string>, PodContent> pods;
    for (const VolumeRead* r : reads) {
      int o = ordinal_of(r->pod, obs.statefulset);
      PodContent& pc = pods[{o, r->pod}];
      pc.pod = r->pod;
      pc.ordinal = o;
      pc.reads.push_back(r);
      if (!r->ok) {
        pc.read_ok = false;
        pc.read_problem = read_problem(*r);
      }
    }
    for (auto& [o, pc] : pods) pc.files = files_of(pc.reads);

    std::vector<std::string> empty, anonymous, evidence;
    std::vector<std::string> unread;  // anonymous so far, but the read did not see everything
    for (auto& [o, pc] : pods) {
      std::string all;
      for (const auto& [path, content] : pc.files) all += path + "\n" + content + "\n";
      bool has_content = std::any_of(pc.files.begin(), pc.files.end(), [](const auto& f) {
        return f.second.find_first_not_of(" \t\r\n") != std::string::npos;
      });
      if (!pc.read_ok) empty.push_back(pc.pod + " (the read failed, " + pc.read_problem + ")");
      else if (!has_content) empty.push_back(pc.pod + " (no non-empty file)");
      // Paths count too: /data/web-1.txt names the pod.
      else if (!names_pod(all, pc.pod) && !states_ordinal(all, pc.ordinal))
        anonymous.push_back(pc.pod);
      bool cut = std::any_of(pc.reads.begin(), pc.reads.end(), [](const VolumeRead* r) { return r->truncated; });
      if (!anonymous.empty() && anonymous.back() == pc.pod && cut) unread.push_back(pc.pod);
      const VolumeRead* first = pc.reads.front();
      evidence.push_back(pc.pod + " (" + first->claim + " at " + first->mount_path + ")" +
                         (first->truncated ? " [truncated]" : "") + ":\n" +
                         describe_files(pc.files));
    }
    // A proof beyond the read's bounds is not a missing proof: say so rather
    // than fail the pod for what the grader did not read.
    if (!unread.empty()) {
      CheckResult e = errored(id(), "no pod name found in what the grader read of " + join(unread) +
                                        ", but those volumes hold more than it reads (" +
                                        std::to_string(kMaxFiles) + " files, " +
                                        std::to_string(kMaxFileBytes / 1024) +
                                        " KiB per file): the proof may be beyond that");
      e.evidence.push_back({"volume content (phase initial)", bounded(join(evidence, "\n"), 4000),
                            reads.front()->exec.t_start});
      return e;
    }
    std::vector<std::string> same;
    for (auto a = pods.begin(); a != pods.end(); ++a)
      for (auto b = std::next(a); b != pods.end(); ++b)
        if (a->second.files == b->second.files && !a->second.files.empty())
          same.push_back(a->second.pod + " and " + b->second.pod);

    Assertion present{"proof-present", "each pod's volume holds a non-empty file",
                      empty.empty(), empty.empty() ? "every volume holds content"
                                                   : "nothing to show in " + join(empty)};
    Assertion differs{"content-differs", "the content differs between pods",
                      same.empty() && pods.size() > 1 && empty.empty(),
                      same.empty() ? "every pod's content is different"
                                   : "identical content: " + join(same)};
    if (pods.size() <= 1) differs.detail = "only one pod's volume was read";
    else if (!empty.empty() && same.empty()) differs.detail = "not judged for " + join(empty);
    Assertion identifies{"identifies-pod",
                         "each pod's content names the pod (its name, or its ordinal in an "
                         "explicit form such as \"ordinal 1\")",
                         anonymous.empty() && empty.empty(),
                         anonymous.empty() ? "every volume names its pod"
                                           : "no pod name or explicit ordinal in: " +
                                                 join(anonymous)};
    if (!empty.empty() && anonymous.empty()) identifies.detail = "not judged for " + join(empty);

    CheckResult r = result_from(id(), {present, differs, identifies},
                                {{"volume content (phase initial)", bounded(join(evidence, "\n"), 4000),
                                  reads.front()->exec.t_start}});
    if (r.status == Status::kPass) {
      r.summary = std::to_string(pods.size()) + " volumes each hold content naming their pod";
    } else {
      r.summary = "the volumes do not each prove which pod wrote them";
      std::vector<std::string> why = failed_details(r.assertions);
      r.explanation = join(why, "; ") + ".";
      if (!same.empty() || !anonymous.empty())
        r.explanation += " A timestamp or a constant text does not tell the pods apart.";
      std::string mount = !templates.empty() && !templates[0].mount_paths.empty()
                              ? templates[0].mount_paths[0]
                              : "<mountPath>";
      r.hint = "Have each pod write its own name into its volume, e.g. `echo \"Pod: "
               "$HOSTNAME\" > " + mount + "/identity.txt` (Lab 04, 3.2 \"Identity Proof\").";
    }
    return r;
  }

 private:
  CheckResult no_volume(const Observations& obs, const std::string& why) const {
    std::vector<Assertion> a{
        {"proof-present", "each pod's volume holds a non-empty file", false,
         "the StatefulSet " + why + ", so no pod has a persistent volume"},
        {"content-differs", "the content differs between pods", false, "no volume"},
        {"identifies-pod", "each pod's content names the pod", false, "no volume"}};
    CheckResult r = result_from(id(), a, {});
    r.summary = "no persistent volume to hold the identity proof";
    r.explanation = "StatefulSet " + obs.statefulset + " " + why +
                    ", so there is no per-pod volume to read.";
    r.hint = "Use volumeClaimTemplates (not volumes) and write the proof into the mounted "
             "path (Lab 04 COMMON MISTAKES 7).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(StorageContent);
}  // namespace sts
