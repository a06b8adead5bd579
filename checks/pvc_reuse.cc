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

    // Returning pods: removed by the scale-down, created again by the scale-up.
    int start = ordinals_start(obs.statefulset_manifest);
    int down = scenario_int(obs, "scale_down_replicas", -1);
    int up = scenario_int(obs, "scale_up_replicas", -1);
    int back = scenario_int(obs, "scale_back_up_replicas", up);
    auto window = step_window(obs, "scale-back-up");
    std::vector<PodLife> returning;
    for (PodLife& l : lives_created_in(obs, *window))
      if (l.ordinal >= start + down && l.ordinal < start + std::min(up, back) &&
          std::none_of(returning.begin(), returning.end(),
                       [&](const PodLife& x) { return x.name == l.name; }))
        returning.push_back(std::move(l));
    std::sort(returning.begin(), returning.end(),
              [](const PodLife& a, const PodLife& b) { return a.ordinal < b.ordinal; });
    if (returning.empty()) return skipped(id(), "no removed pod came back with the scale-up");

    std::vector<std::string> pvc_bad, pvc_lines, changes, uncompared, marker_bad, content_lines,
        marker_lines, dropped, unread;
    int marked = 0;                  // claims the grader could write its marker into
    const MarkerWrite* survived = nullptr;
    std::string rewritten_pod;
    for (const PodLife& l : returning) {
      for (const ClaimTemplate& t : claim_templates(obs.statefulset_manifest)) {
        std::string c = pvc_name(t.name, obs.statefulset, l.ordinal);
        const Json* was = find_named(before->pvcs, c);
        const Json* now = find_named(final_snap->pvcs, c);
        bool mounted = std::find(l.claims.begin(), l.claims.end(), c) != l.claims.end();
        bool same = was && now && uid_pv(was) == uid_pv(now);
        if (!mounted) pvc_bad.push_back(l.name + " does not mount " + c);
        else if (!same) pvc_bad.push_back(c + " changed: " + uid_pv(was) + " -> " + uid_pv(now));
        pvc_lines.push_back(l.name + " -> " + c + ": before scale-down " + uid_pv(was) +
                            "; after scale-back-up " + uid_pv(now));

        if (!claim_readable(obs, c, l.name)) {
          // Only an initContainer mounts it: the grader cannot read it.
          unread.push_back(c);
          continue;
        }
        const VolumeRead* r1 = read_of_claim(obs, "after-reuse", c);
        if (!r1) return skipped(id(), "no volume read of " + c + " in phase \"after-reuse\"");
        if (auto err = infra_error(id(), r1->exec, "reading the volume")) return *err;
        const VolumeRead* r0 = read_before(obs, c, down_mark->t);
        if (!r1->ok) {
          changes.push_back(c + " could not be read (" + read_problem(*r1) + ")");
        } else if (!r0) {
          uncompared.push_back(c);
        } else {
          std::vector<std::string> ch = content_changes(full_files(*r0), full_files(*r1));
          if (!ch.empty() && rewritten_pod.empty()) rewritten_pod = l.name;
          for (const std::string& x : ch) changes.push_back(c + ": " + x);
          content_lines.push_back(c + " before (" + seconds(r0->exec.t_start) + "):\n" +
                                  describe_files(r0->files));
        }
        content_lines.push_back(c + " after (" + seconds(r1->exec.t_start) + "):\n" +
                                describe_files(r1->files));

        const MarkerWrite* w = marker_before(obs, c, down_mark->t);
        if (!w) return skipped(id(), "the grader wrote no marker into " + c + " before scale-down");
        if (auto err = infra_error(id(), w->exec, "writing the marker")) return *err;
        if (!w->ok) {
          // The grader's own write failing is no fault of the submission.
          dropped.push_back(marker_dropped_line(*w));
          marker_lines.push_back(dropped.back());
          if (r1->ok && !r0)
            return errored(id(), c + " was neither read before the scale-down nor marked (" +
                                     marker_write_problem(*w) + "): nothing to compare");
          continue;
        }
        ++marked;
        if (r1->marker != w->token)
          marker_bad.push_back("the marker written into " + c + " at " +
                               seconds(w->exec.t_start) + " is " +
                               (r1->marker.empty() ? "gone" : "replaced"));
        else if (!survived) survived = w;
        marker_lines.push_back(c + ": wrote '" + bounded(w->token, 120) + "' at " +
                               seconds(w->exec.t_start) + "; after reuse: " +
                               (r1->marker.empty() ? "(absent)" : "'" + bounded(r1->marker, 120) + "'"));
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
                      has_claims && changes.empty(),
                      !has_claims ? "no per-pod volumes"
                      : !changes.empty() ? join(changes, "; ")
                                         : "unchanged" + (uncompared.empty()
                                                              ? std::string()
                                                              : " (no earlier read of " +
                                                                    join(uncompared) +
                                                                    "; judged by the marker)")};
    Assertion markers{"markers-kept", "the markers the grader wrote before scale-down are there",
                      has_claims && marker_bad.empty(),
                      !has_claims ? "no per-pod volumes"
                      : marker_bad.empty() ? "all markers are there" : join(marker_bad, "; ")};

    std::vector<Evidence> ev{{"PVCs of the returning pods", join(pvc_lines, "\n"), final_snap->t},
                             {"volume content", bounded(join(content_lines, "\n"), 3000), -1},
                             {"grader markers", join(marker_lines, "\n"), -1}};
    if (!unread.empty())
      ev.push_back({"claims not read",
                    join(unread) + ": mounted only by an initContainer, which the grader cannot "
                                   "read through; judged by the PVC's identity alone",
                    -1});
    // Without any marker, content and the PVCs' identity decide; the report says why.
    std::vector<Assertion> asserted{same};
    const std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);
    if (!has_claims || unread.size() < returning.size() * templates.size()) asserted.push_back(content);
    if (marked > 0 || !has_claims) asserted.push_back(markers);
    CheckResult r = result_from(id(), asserted, ev);
    if (r.status == Status::kPass) {
      r.summary = join(names) + " reattached to their original PVCs with their content";
      if (marked == 0 && !dropped.empty()) r.summary += " (judged without the grader's markers: they could not be written)";
      if (!dropped.empty()) r.explanation = join(dropped, "; ") + ".";
      return r;
    }
    r.summary = "returning pods did not get their original storage back";
    if (same.passed && markers.passed && !content.passed && survived) {
      r.summary = "PVCs were reattached, but the app rewrote its proof at start";
      r.explanation = rewritten_at_start(rewritten_pod, changes, *survived);
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
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PvcReuse);
}  // namespace sts
