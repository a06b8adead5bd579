// Test 10: scaling back up reattaches pods to their original PVCs, with the
// original content still there.
#include <algorithm>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

// The latest successful read of `claim` before time t: the original content.
const VolumeRead* read_before(const Observations& obs, const std::string& claim, double t) {
  const VolumeRead* latest = nullptr;
  for (const VolumeRead& r : obs.volume_reads)
    if (r.claim == claim && r.ok && r.exec.t_start < t) latest = &r;
  return latest;
}

std::string uid_pv(const Json* pvc) {
  if (!pvc) return "absent";
  return "uid=" + str_at(*pvc, {"metadata", "uid"}) + " pv=" + str_at(*pvc, {"spec", "volumeName"});
}

class PvcReuse : public Check {
 public:
  std::string id() const override { return "pvc-reuse"; }
  std::string title() const override { return "PVC reuse"; }
  std::string criterion() const override {
    return "When scaling back up, pods reattach to their original PVCs and the original "
           "content is still there.";
  }

  CheckResult judge(const Observations& obs) const override {
    for (const char* step : {"scale-back-up", "read-after-reuse"})
      if (auto unmet = unmet_step(obs, id(), step)) return *unmet;
    const Snapshot* before = obs.snapshot("after-scale-up");
    const Snapshot* final_snap = obs.snapshot("final");
    if (!before || !final_snap)
      return skipped(id(), std::string("snapshot \"") +
                               (!before ? "after-scale-up" : "final") + "\" is missing");
    const Mark* down_mark = obs.mark("scale-down");
    if (!down_mark) return skipped(id(), "step `scale-down` never ran");

    const std::vector<PodLife> returning = returning_pods(obs);
    if (returning.empty()) return skipped(id(), "no removed pod came back with the scale-up");
    std::vector<std::string> pvc_bad, pvc_lines, uncompared;
    VolumeFindings f;
    std::string rewritten_pod;
    for (const PodLife& l : returning) {
      for (const ClaimTemplate& t : claim_templates(obs.statefulset_manifest)) {
        const std::string c = pvc_name(t.name, obs.statefulset, l.ordinal);
        check_claim_identity(l, c, *before, *final_snap, pvc_bad, pvc_lines);
        if (!claim_readable(obs, c, l.name)) {
          f.unread.push_back(c);     // only an initContainer mounts it: the grader cannot read it
          continue;
        }
        const size_t changes_before = f.changes.size();
        if (auto stop = read_claim(obs, c, down_mark->t, f, uncompared)) return *stop;
        if (f.changes.size() > changes_before && rewritten_pod.empty()) rewritten_pod = l.name;
      }
    }
    std::vector<std::string> names;
    for (const PodLife& l : returning) names.push_back(l.name);
    bool has_claims = !claim_templates(obs.statefulset_manifest).empty();

    Assertion same{"same-pvcs", "returning pods mount their original PVCs (same UID and PV)",
                   has_claims && pvc_bad.empty(),
                   !has_claims      ? "the StatefulSet has no volumeClaimTemplates"
                   : pvc_bad.empty() ? join(names) + " mount their original PVCs"
                                     : join(pvc_bad, "; ")};
    Assertion content{"content-kept", "the original content is still there",
                      has_claims && f.changes.empty(),
                      !has_claims ? "no per-pod volumes"
                      : !f.changes.empty() ? join(f.changes, "; ")
                                         : "unchanged" + (uncompared.empty()
                                                              ? std::string()
                                                              : " (no earlier read of " +
                                                                    join(uncompared) +
                                                                    "; judged by the marker)")};
    Assertion markers{"markers-kept", "the markers the grader wrote before scale-down are there",
                      has_claims && f.marker_bad.empty(),
                      !has_claims ? "no per-pod volumes"
                      : f.marker_bad.empty() ? "all markers are there" : join(f.marker_bad, "; ")};

    std::vector<Evidence> ev{{"PVCs of the returning pods", join(pvc_lines, "\n"), final_snap->t}};
    f.add_evidence(ev, "grader markers");
    f.add_unread(ev);
    // Without any marker, content and the PVCs' identity decide; the report says why.
    std::vector<Assertion> asserted{same};
    const std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);
    if (!has_claims || f.unread.size() < returning.size() * templates.size()) asserted.push_back(content);
    if (f.marked > 0 || !has_claims) asserted.push_back(markers);
    CheckResult r = result_from(id(), asserted, ev);
    if (r.status == Status::kPass) {
      r.summary = join(names) + " reattached to their original PVCs with their content";
      if (f.judged_without_markers()) r.summary += " (judged without the grader's markers: they could not be written)";
      if (!f.dropped.empty()) r.explanation = join(f.dropped, "; ") + ".";
      return r;
    }
    explain_failure(r, obs, same, content, markers, has_claims, pvc_bad, rewritten_pod, f);
    return r;
  }

 private:
  // Returning pods: removed by the scale-down, created again by the scale-up,
  // in ordinal order.
  static std::vector<PodLife> returning_pods(const Observations& obs) {
    const int start = ordinals_start(obs.statefulset_manifest);
    const int down = scenario_int(obs, "scale_down_replicas", -1);
    const int up = scenario_int(obs, "scale_up_replicas", -1);
    const int back = scenario_int(obs, "scale_back_up_replicas", up);
    auto window = step_window(obs, "scale-back-up");
    std::vector<PodLife> returning;
    for (PodLife& l : lives_created_in(obs, *window))
      if (l.ordinal >= start + down && l.ordinal < start + std::min(up, back) &&
          std::none_of(returning.begin(), returning.end(), [&](const PodLife& x) { return x.name == l.name; }))
        returning.push_back(std::move(l));
    std::sort(returning.begin(), returning.end(),
              [](const PodLife& a, const PodLife& b) { return a.ordinal < b.ordinal; });
    return returning;
  }

  // The claim `c` of a returning pod: mounted, and the same PVC (UID and PV)
  // as before the scale-down.
  static void check_claim_identity(const PodLife& l, const std::string& c, const Snapshot& before,
                                   const Snapshot& final_snap, std::vector<std::string>& pvc_bad,
                                   std::vector<std::string>& pvc_lines) {
    const Json* was = find_named(before.pvcs, c);
    const Json* now = find_named(final_snap.pvcs, c);
    const bool mounted = std::find(l.claims.begin(), l.claims.end(), c) != l.claims.end();
    const bool same = was && now && uid_pv(was) == uid_pv(now);
    if (!mounted) pvc_bad.push_back(l.name + " does not mount " + c);
    else if (!same) pvc_bad.push_back(c + " changed: " + uid_pv(was) + " -> " + uid_pv(now));
    pvc_lines.push_back(l.name + " -> " + c + ": before scale-down " + uid_pv(was) + "; after scale-back-up " +
                        uid_pv(now));
  }

  // The content of `c` after the reuse against its last read before the
  // scale-down (none: judged by the marker alone), and the marker. A missing
  // read or marker, or the grader's own exec failing, ends the judgement.
  std::optional<CheckResult> read_claim(const Observations& obs, const std::string& c, double scaled_down_at,
                                        VolumeFindings& f, std::vector<std::string>& uncompared) const {
    const VolumeRead* r1 = read_of_claim(obs, "after-reuse", c);
    if (!r1) return skipped(id(), "no volume read of " + c + " in phase \"after-reuse\"");
    if (auto err = infra_error(id(), r1->exec, "reading the volume")) return *err;
    const VolumeRead* r0 = read_before(obs, c, scaled_down_at);
    if (r1->ok && !r0) uncompared.push_back(c);
    compare_content(f, c, r0, *r1, c + ": ");
    const MarkerWrite* w = marker_before(obs, c, scaled_down_at);
    if (!w) return skipped(id(), "the grader wrote no marker into " + c + " before scale-down");
    if (auto err = infra_error(id(), w->exec, "writing the marker")) return *err;
    if (!judge_marker(f, *w, *r1, c, "after reuse") && r1->ok && !r0)
      return errored(id(), c + " was neither read before the scale-down nor marked (" + marker_write_problem(*w) +
                               "): nothing to compare");
    return std::nullopt;
  }

  static void explain_failure(CheckResult& r, const Observations& obs, const Assertion& same,
                              const Assertion& content, const Assertion& markers, bool has_claims,
                              const std::vector<std::string>& pvc_bad, const std::string& rewritten_pod,
                              const VolumeFindings& f) {
    r.summary = "returning pods did not get their original storage back";
    if (same.passed && markers.passed && !content.passed && f.survived) {
      r.summary = "PVCs were reattached, but the app rewrote its proof at start";
      r.explanation = rewritten_at_start(rewritten_pod, f.changes, *f.survived);
      r.hint = kWriteOnceHint;
    } else if (!has_claims) {
      r.explanation = "StatefulSet " + obs.statefulset + " declares no volumeClaimTemplates, "
                      "so returning pods have no PVC to reattach to.";
      r.hint = "Use volumeClaimTemplates (Lab 04 COMMON MISTAKES 7).";
    } else if (when_scaled_policy(obs.statefulset_manifest) == "Delete") {
      r.explanation = "The StatefulSet sets `persistentVolumeClaimRetentionPolicy.whenScaled: "
                      "Delete`: the scale-down deleted the PVCs, so the returning pods got new, "
                      "empty ones (" + join(pvc_bad, "; ") + ").";
      r.hint = "Remove persistentVolumeClaimRetentionPolicy (or set whenScaled: Retain) "
               "(Lab 04, 1.9 and COMMON MISTAKES 4).";
    } else {
      std::vector<std::string> why = failed_details(r.assertions);
      r.explanation = join(why, "; ") + ".";
      r.hint = "Keep the PVCs across scale-down so returning pods reattach to them (Lab 04, "
               "1.9).";
    }
  }
};

}  // namespace
STS_REGISTER_CHECK(PvcReuse);
}  // namespace sts
