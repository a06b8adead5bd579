// Test 6: a deleted pod's replacement gets the same name, reattaches to the
// same PVC, and the volume still holds the original content.
#include <algorithm>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

std::string pvc_line(const Snapshot& s, const std::string& claim) {
  const Json* pvc = find_named(s.pvcs, claim);
  if (!pvc) return claim + " missing (" + s.id + ")";
  return claim + " uid=" + str_at(*pvc, {"metadata", "uid"}) + " pv=" +
         str_at(*pvc, {"spec", "volumeName"}) + " " + str_at(*pvc, {"status", "phase"}) + " (" +
         s.id + ")";
}

bool same_claim(const Snapshot& a, const Snapshot& b, const std::string& claim) {
  const Json* x = find_named(a.pvcs, claim);
  const Json* y = find_named(b.pvcs, claim);
  return x && y && str_at(*x, {"metadata", "uid"}) == str_at(*y, {"metadata", "uid"}) &&
         !str_at(*x, {"spec", "volumeName"}).empty() &&
         str_at(*x, {"spec", "volumeName"}) == str_at(*y, {"spec", "volumeName"});
}

class IdentityPersistence : public Check {
 public:
  std::string id() const override { return "identity-persistence"; }
  std::string title() const override { return "Identity persistence"; }
  std::string criterion() const override {
    return "When a pod is deleted, its replacement gets the same name, reattaches to the same "
           "PVC, and the volume holds the original content.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "delete-pod")) return *unmet;
    auto window = step_window(obs, "delete-pod");
    // The pod the step deleted, by name: with .spec.ordinals.start the second
    // pod is not <sts>-1. Older recordings name only the ordinal.
    std::string pod = str_at(obs.scenario_params, {"deleted_pod"});
    if (pod.empty())
      pod = pod_name(obs.statefulset,
                     scenario_int(obs, "delete_ordinal", ordinals_start(obs.statefulset_manifest) + 1));

    std::optional<PodLife> old_life = life_at(obs, pod, window->from - 1);
    if (!old_life) return skipped(id(), "pod " + pod + " did not exist when it was to be deleted");
    std::optional<PodLife> new_life;
    for (PodLife& l : lives_created_in(obs, *window))
      if (l.name == pod && !new_life) new_life = std::move(l);

    // Storage facts need the reads and snapshots around the deletion.
    const Snapshot* before = obs.snapshot("initial");
    const Snapshot* after = obs.snapshot("after-delete");
    if (!old_life->claims.empty()) {
      for (const char* step : {"read-initial", "write-markers", "read-after-delete"})
        if (auto unmet = unmet_step(obs, id(), step)) return *unmet;
      if (!before || !after)
        return skipped(id(), "snapshot \"" + std::string(!before ? "initial" : "after-delete") +
                                 "\" is missing");
    }

    std::vector<Evidence> ev;
    ev.push_back({"pod lives of " + pod,
                  "deleted: uid=" + old_life->uid + ", " + creation_sequence({*old_life}) +
                      "; " + removal_sequence({*old_life}) + "\nreplacement: " +
                      (new_life ? "uid=" + new_life->uid + ", " + creation_sequence({*new_life})
                                : std::string("none seen")),
                  window->t_from});

    Assertion same_name{"same-name", "the replacement pod has the same name", bool(new_life),
                        new_life ? "replacement " + pod + " created at " +
                                       seconds(new_life->created->t)
                                 : "no new pod named " + pod + " after the deletion"};
    Assertion new_uid{"new-uid", "the replacement is a new pod (new UID)",
                      new_life && new_life->uid != old_life->uid,
                      new_life ? old_life->uid + " -> " + new_life->uid : "no replacement"};

    if (old_life->claims.empty()) return no_claims(obs, pod, same_name, new_uid, ev);

    Assertion same_pvc = same_pvc_assertion(*before, *after, *old_life, new_life, ev);
    VolumeFindings f;
    if (auto stop = read_claims(obs, pod, *old_life, window->t_from, f)) return *stop;
    f.add_evidence(ev, "grader marker");
    Assertion content{"content-unchanged", "the volume still holds the original content", f.changes.empty(),
                      f.changes.empty() ? "the files are unchanged" : join(f.changes, "; ")};
    Assertion marker{"marker-survived", "the marker the grader wrote before the deletion is still there",
                     f.marker_bad.empty(),
                     f.marker_bad.empty() ? "the marker is still there" : join(f.marker_bad, "; ")};
    f.add_unread(ev);
    // Without any marker, content and the PVC's identity decide; the report says why.
    const bool any_read = f.unread.size() < old_life->claims.size();
    std::vector<Assertion> asserted{same_name, new_uid, same_pvc};
    if (any_read) asserted.push_back(content);
    if (f.marked > 0) asserted.push_back(marker);
    CheckResult r = result_from(id(), asserted, ev);
    if (r.status == Status::kPass) {
      r.summary = pod + " came back as a new pod with the same name, PVC and content";
      if (f.judged_without_markers()) r.summary += " (judged without the grader's marker: it could not be written)";
      if (!f.dropped.empty()) r.explanation = join(f.dropped, "; ") + ".";
      return r;
    }
    explain_failure(r, pod, same_name, same_pvc, content, marker, f);
    return r;
  }

 private:
  // Same PVC: same names in the pod spec, same PVC UID, same PV.
  static Assertion same_pvc_assertion(const Snapshot& before, const Snapshot& after, const PodLife& old_life,
                                      const std::optional<PodLife>& new_life, std::vector<Evidence>& ev) {
    std::vector<std::string> pvc_bad, pvc_lines;
    for (const std::string& c : old_life.claims) {
      const bool mounted =
          new_life && std::find(new_life->claims.begin(), new_life->claims.end(), c) != new_life->claims.end();
      if (!mounted) pvc_bad.push_back("the replacement does not mount " + c);
      else if (!same_claim(before, after, c)) pvc_bad.push_back(c + " is not the same PVC/PV");
      pvc_lines.push_back(pvc_line(before, c));
      pvc_lines.push_back(pvc_line(after, c));
    }
    ev.push_back({"PVCs before and after the deletion", join(pvc_lines, "\n"), after.t});
    return {"same-pvc", "the replacement mounts the same PVC (same UID, same PV)",
            bool(new_life) && pvc_bad.empty(),
            pvc_bad.empty() ? join(old_life.claims) + " kept its UID and PV" : join(pvc_bad, "; ")};
  }

  // Content and marker, claim by claim: the reads before and after the
  // deletion and the marker written before it. A missing read or marker, or
  // the grader's own exec failing, ends the judgement (returned).
  std::optional<CheckResult> read_claims(const Observations& obs, const std::string& pod, const PodLife& old_life,
                                         double deleted_at, VolumeFindings& f) const {
    for (const std::string& c : old_life.claims) {
      if (!claim_readable(obs, c, pod)) {
        f.unread.push_back(c);
        continue;
      }
      const VolumeRead* r0 = read_of_claim(obs, "initial", c);
      const VolumeRead* r1 = read_of_claim(obs, "after-delete", c);
      if (!r0 || !r1)
        return skipped(id(), "no volume read of " + c + " in phase \"" + (r0 ? "after-delete" : "initial") + "\"");
      for (const VolumeRead* r : {r0, r1})
        if (auto err = infra_error(id(), r->exec, "reading the volume")) return *err;
      const MarkerWrite* w = marker_before(obs, c, deleted_at);
      if (!w) return skipped(id(), "the grader wrote no marker into " + c + " before the deletion");
      if (auto err = infra_error(id(), w->exec, "writing the marker")) return *err;
      compare_content(f, c, r0, *r1);
      judge_marker(f, *w, *r1, w->path, "after deletion");
    }
    return std::nullopt;
  }

  static void explain_failure(CheckResult& r, const std::string& pod, const Assertion& same_name,
                              const Assertion& same_pvc, const Assertion& content, const Assertion& marker,
                              const VolumeFindings& f) {
    r.summary = pod + "'s replacement did not keep its identity and storage";
    if (same_name.passed && same_pvc.passed && marker.passed && !content.passed && f.survived) {
      r.summary = pod + " reattached its volume, but the app rewrote its proof at start";
      r.explanation = rewritten_at_start(pod, f.changes, *f.survived);
      r.hint = kWriteOnceHint;
    } else if (!marker.passed && same_pvc.passed) {
      r.explanation = join(f.marker_bad, "; ") + ". The grader's marker proves reattachment; "
                      "without it the volume was emptied or replaced" +
                      (content.passed ? " (an unchanged proof that is rewritten identically "
                                        "at each start cannot show that)"
                                      : "") + ".";
      r.hint = "Do not clear the volume at start; keep data in the volume from "
               "volumeClaimTemplates (Lab 04, 1.7).";
    } else {
      std::vector<std::string> why = failed_details(r.assertions);
      r.explanation = join(why, "; ") + ".";
      r.hint = "Use volumeClaimTemplates so the replacement reattaches to its own PVC "
               "(Lab 04 COMMON MISTAKES 7).";
    }
  }

  CheckResult no_claims(const Observations& obs, const std::string& pod, Assertion same_name,
                        Assertion new_uid, std::vector<Evidence> ev) const {
    std::vector<Assertion> a{
        same_name, new_uid,
        {"same-pvc", "the replacement mounts the same PVC (same UID, same PV)", false,
         pod + " mounts no PVC"},
        {"content-unchanged", "the volume still holds the original content", false,
         "no persistent volume"},
        {"marker-survived", "the marker the grader wrote before the deletion is still there",
         false, "no persistent volume"}};
    CheckResult r = result_from(id(), a, std::move(ev));
    r.summary = pod + " has no PVC, so nothing can persist across its deletion";
    r.explanation = "StatefulSet " + obs.statefulset +
                    " gives its pods no PersistentVolumeClaim (no volumeClaimTemplates).";
    r.hint = "Use volumeClaimTemplates (Lab 04 COMMON MISTAKES 7).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(IdentityPersistence);
}  // namespace sts
