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

    // Same PVC: same names in the pod spec, same PVC UID, same PV.
    std::vector<std::string> pvc_bad, pvc_lines;
    for (const std::string& c : old_life->claims) {
      bool mounted = new_life && std::find(new_life->claims.begin(), new_life->claims.end(),
                                           c) != new_life->claims.end();
      if (!mounted) pvc_bad.push_back("the replacement does not mount " + c);
      else if (!same_claim(*before, *after, c)) pvc_bad.push_back(c + " is not the same PVC/PV");
      pvc_lines.push_back(pvc_line(*before, c));
      pvc_lines.push_back(pvc_line(*after, c));
    }
    ev.push_back({"PVCs before and after the deletion", join(pvc_lines, "\n"), after->t});
    Assertion same_pvc{"same-pvc", "the replacement mounts the same PVC (same UID, same PV)",
                       bool(new_life) && pvc_bad.empty(),
                       pvc_bad.empty() ? join(old_life->claims) + " kept its UID and PV"
                                       : join(pvc_bad, "; ")};

    // Content and marker, claim by claim.
    std::vector<std::string> changes, marker_bad, content_lines, marker_lines, dropped;
    int marked = 0;                  // claims the grader could write its marker into
    const MarkerWrite* survived = nullptr;
    std::vector<std::string> unread;  // claims only an initContainer mounts
    for (const std::string& c : old_life->claims) {
      if (!claim_readable(obs, c, pod)) {
        unread.push_back(c);
        continue;
      }
      const VolumeRead* r0 = read_of_claim(obs, "initial", c);
      const VolumeRead* r1 = read_of_claim(obs, "after-delete", c);
      if (!r0 || !r1)
        return skipped(id(), "no volume read of " + c + " in phase \"" +
                                 (r0 ? "after-delete" : "initial") + "\"");
      for (const VolumeRead* r : {r0, r1})
        if (auto err = infra_error(id(), r->exec, "reading the volume")) return *err;
      const MarkerWrite* w = marker_before(obs, c, window->t_from);
      if (!w) return skipped(id(), "the grader wrote no marker into " + c + " before the deletion");
      if (auto err = infra_error(id(), w->exec, "writing the marker")) return *err;

      if (!r0->ok || !r1->ok) {
        const VolumeRead* bad = r0->ok ? r1 : r0;
        changes.push_back("the volume of " + c + " could not be read (" + bad->phase + ": " +
                          read_problem(*bad) + ")");
      } else {
        for (const std::string& ch : content_changes(full_files(*r0), full_files(*r1)))
          changes.push_back(ch);
      }
      content_lines.push_back(c + " before (" + seconds(r0->exec.t_start) + "):\n" +
                              describe_files(r0->files) + "\n" + c + " after (" +
                              seconds(r1->exec.t_start) + "):\n" + describe_files(r1->files));
      if (!w->ok) {
        // The grader's own write failing is no fault of the submission.
        dropped.push_back(marker_dropped_line(*w));
        marker_lines.push_back(dropped.back());
        continue;
      }
      ++marked;
      if (r1->marker != w->token)
        marker_bad.push_back("the marker written into " + c + " at " +
                             seconds(w->exec.t_start) + " is " +
                             (r1->marker.empty() ? "gone" : "replaced by '" +
                                                               bounded(r1->marker, 80) + "'"));
      else survived = w;
      marker_lines.push_back(w->path + ": wrote '" + bounded(w->token, 120) + "' at " +
                             seconds(w->exec.t_start) + "; after deletion: " +
                             (r1->marker.empty() ? "(absent)" : "'" + bounded(r1->marker, 120) + "'"));
    }
    ev.push_back({"volume content before and after the deletion",
                  bounded(join(content_lines, "\n"), 3000), -1});
    ev.push_back({"grader marker", join(marker_lines, "\n"), -1});
    Assertion content{"content-unchanged", "the volume still holds the original content",
                      changes.empty(),
                      changes.empty() ? "the files are unchanged" : join(changes, "; ")};
    Assertion marker{"marker-survived",
                     "the marker the grader wrote before the deletion is still there",
                     marker_bad.empty(),
                     marker_bad.empty() ? "the marker is still there" : join(marker_bad, "; ")};

    if (!unread.empty())
      ev.push_back({"claims not read",
                    join(unread) + ": mounted only by an initContainer, which the grader cannot "
                                   "read through; judged by the PVC's identity alone",
                    -1});
    // Without any marker, content and the PVC's identity decide; the report says why.
    bool any_read = unread.size() < old_life->claims.size();
    std::vector<Assertion> asserted{same_name, new_uid, same_pvc};
    if (any_read) asserted.push_back(content);
    if (marked > 0) asserted.push_back(marker);
    CheckResult r = result_from(id(), asserted, ev);
    if (r.status == Status::kPass) {
      r.summary = pod + " came back as a new pod with the same name, PVC and content";
      if (marked == 0 && !dropped.empty()) r.summary += " (judged without the grader's marker: it could not be written)";
      if (!dropped.empty()) r.explanation = join(dropped, "; ") + ".";
      return r;
    }
    r.summary = pod + "'s replacement did not keep its identity and storage";
    if (same_name.passed && same_pvc.passed && marker.passed && !content.passed && survived) {
      r.summary = pod + " reattached its volume, but the app rewrote its proof at start";
      r.explanation = rewritten_at_start(pod, changes, *survived);
      r.hint = kWriteOnceHint;
    } else if (!marker.passed && same_pvc.passed) {
      r.explanation = join(marker_bad, "; ") + ". The grader's marker proves reattachment; "
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
    return r;
  }

 private:
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
