// Helpers shared by several checks: reading the StatefulSet manifest, slicing
// the timeline by scenario steps, preconditions, and evidence text.
//
// Anything two checks would otherwise both compute lives here, so the same
// fact is judged the same way everywhere.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "grader/base/text.h"  // join, trim

namespace sts {

// ---- Evidence text ---------------------------------------------------------

// Seconds since run start as reports show them: "4.9s".
std::string seconds(double t);
// At most `max` characters of s; longer text ends with "…(+N chars)".
std::string bounded(const std::string& s, size_t max);
// "web-0 created 0.0s, Running 4.1s, Ready 4.9s; web-1 created 5.0s, …"
std::string creation_sequence(const std::vector<PodLife>& lives);
// "web-4 terminating 60.1s, gone 61.0s; web-3 terminating 61.1s, gone 62.0s"
std::string removal_sequence(const std::vector<PodLife>& lives);
// The details of the assertions that did not hold, in order: the raw
// material of an explanation.
std::vector<std::string> failed_details(const std::vector<Assertion>& assertions);

// ---- The StatefulSet as submitted -------------------------------------------

struct ClaimTemplate {
  std::string name;                      // volumeClaimTemplates[].metadata.name
  std::vector<std::string> mount_paths;  // where the pod template's containers mount it
  // Mounted by an app container (spec.containers), not only by an
  // initContainer: the grader reads claims through the app's containers
  // (grader/scenario/volume_targets.cc), so only these can be read and demanded.
  bool app_mounted = false;
};
std::vector<ClaimTemplate> claim_templates(const Json& statefulset);
// .spec.ordinals.start, 0 when absent.
int ordinals_start(const Json& statefulset);
// "OrderedReady" unless the manifest says otherwise.
std::string pod_management_policy(const Json& statefulset);
// persistentVolumeClaimRetentionPolicy.whenScaled, "Retain" when absent.
std::string when_scaled_policy(const Json& statefulset);
// "<sts>-<ordinal>"
std::string pod_name(const std::string& statefulset, int ordinal);
// "<template>-<sts>-<ordinal>", the name the controller gives a pod's claim.
std::string pvc_name(const std::string& claim_template, const std::string& statefulset,
                     int ordinal);
// scenario_params[key] as an int, or fallback.
int scenario_int(const Observations& obs, const std::string& key, int fallback);
// Replicas as submitted: scenario_params.initial_replicas, else .spec.replicas, else 1.
int initial_replicas(const Observations& obs);

// ---- API objects -----------------------------------------------------------

// The object named `name` in a list, nullptr if absent.
const Json* find_named(const std::vector<Json>& objects, const std::string& name);
// The submitted manifest of this kind and name, nullptr if absent.
const Json* find_manifest(const Observations& obs, const std::string& kind,
                          const std::string& name);
// Pods in a snapshot that belong to the StatefulSet: owned by it, or named
// "<sts>-<N>".
std::vector<const Json*> pods_of(const Snapshot& snap, const std::string& statefulset);
// Claim names in a pod's spec.volumes.
std::vector<std::string> claims_of(const Json& pod);

// ---- The timeline by scenario step -----------------------------------------

// The part of the timeline a step covers: from its mark to the next mark.
struct Window {
  long from = 0;
  long to = -1;       // -1: to the end of the timeline
  double t_from = 0;
  std::string step;
  std::string next_step;  // "" when the step is the last mark
  bool contains(long seq) const { return seq >= from && (to < 0 || seq < to); }
};
std::optional<Window> step_window(const Observations& obs, const std::string& step);
// A window from the start of the timeline up to the mark after `step`: the
// initial creation starts with `apply`, and watch events of the first pods may
// arrive before the mark of that step is recorded.
std::optional<Window> window_through(const Observations& obs, const std::string& step);

// Lives of the StatefulSet's pods created inside the window, by creation.
std::vector<PodLife> lives_created_in(const Observations& obs, const Window& w);
// Lives of the StatefulSet's pods whose removal began inside the window, by
// the start of their removal.
std::vector<PodLife> lives_removed_in(const Observations& obs, const Window& w);
// The life of pod `name` that existed at `seq` (created before, not deleted).
std::optional<PodLife> life_at(const Observations& obs, const std::string& name, long seq);
// True when any pod of the StatefulSet was ever Ready.
bool any_pod_ready(const Observations& obs);

// Two assertions shared by the ordered-creation checks, over pods created one
// after the other (sorted by creation): "created-in-order" and
// "waited-for-ready".
std::vector<Assertion> creation_order_assertions(const std::vector<PodLife>& lives);
// Why pods were created out of order, naming the policy when it is Parallel.
std::string parallel_cause(const Json& statefulset);
// True when the StatefulSet declares podManagementPolicy: Parallel.
bool declares_parallel(const Observations& obs);
// An ordering check's result when Parallel is declared: a failure on the
// spec, whatever the timing showed (with terminationGracePeriodSeconds: 0 a
// parallel scale-down can look ordered by luck). Adds the assertion
// "ordered-policy" first and keeps the observed sequence as evidence.
CheckResult parallel_failure(const Observations& obs, CheckResult timeline_result,
                             const std::string& observed, const std::string& hint);
// errored when a re-list delivered pod events inside the window (the watch
// broke, e.g. 410 Gone): those arrive in name order at the list's time, so
// an order judged from them would be the grader's, not the cluster's.
std::optional<CheckResult> relisted_in(const Observations& obs, const std::string& check_id,
                                       const Window& w);

// ---- Preconditions ---------------------------------------------------------

// skipped/errored when `step` failed or never ran; nullopt when its mark is
// there and it reached its goal. An infrastructure fault, here or at the step
// that stopped the scenario, makes the check an error rather than a skip.
std::optional<CheckResult> unmet_step(const Observations& obs, const std::string& check_id,
                                      const std::string& step);
// Why there is no snapshot "initial" (the pods as first Ready): the unmet
// initial-ready step, else a skip; nullopt when it was taken.
std::optional<CheckResult> no_initial_snapshot(const Observations& obs, const std::string& check_id);
// errored when an exec lost its data to the infrastructure.
std::optional<CheckResult> infra_error(const std::string& check_id, const ExecRecord& exec,
                                       const std::string& what);
// skipped when no pod of the StatefulSet was ever Ready.
std::optional<CheckResult> no_pod_ready(const Observations& obs, const std::string& check_id);

// ---- Volume content --------------------------------------------------------

// A read's files as checks judge them: each up to the read's bound (64 KiB),
// not just the excerpt reports show.
std::map<std::string, std::string> full_files(const VolumeRead& r);
// False when `claim` (a pod's "<template>-<pod>") comes from a template that
// no app container mounts (only an initContainer) and was never read: the
// grader cannot read it through the app, so checks do not demand a reading
// of it. True for any other claim.
bool claim_readable(const Observations& obs, const std::string& claim, const std::string& pod);
// Files of every read of one pod in a phase (full_files), keyed "<claim>:<path>" when the
// pod has several claims, else by path.
std::map<std::string, std::string> files_of(const std::vector<const VolumeRead*>& reads);
// The reads of one pod (by name) in a phase.
std::vector<const VolumeRead*> reads_of(const Observations& obs, const std::string& phase,
                                        const std::string& pod);
// The read of one claim in a phase, nullptr if none.
const VolumeRead* read_of_claim(const Observations& obs, const std::string& phase,
                                const std::string& claim);
// Why a read that is not ok failed, for details: "exit 1: …" or the missing mount.
std::string read_problem(const VolumeRead& r);
// "path: 'content'" lines, bounded.
std::string describe_files(const std::map<std::string, std::string>& files);
// How the original content `before` was lost in `after`, one line per
// difference: "index.html line 2: 'Date: Mon …' -> 'Date: Tue …'". Appending
// to a file or adding files keeps the original, so it is not a loss. Empty
// when every original file is still there with its original text.
std::vector<std::string> content_changes(const std::map<std::string, std::string>& before,
                                         const std::map<std::string, std::string>& after);
// Why the grader's own marker write failed, in the student's terms: "the
// container mounts it readOnly", "the container's user may not write it
// (non-root without fsGroup)", else the command's error.
std::string marker_write_problem(const MarkerWrite& w);
// The line a report shows for a marker that could not be written: the
// assertion that needs it is dropped and the content decides.
std::string marker_dropped_line(const MarkerWrite& w);
// The latest successful marker write into `claim` before time t (any phase).
const MarkerWrite* marker_before(const Observations& obs, const std::string& claim, double t);
// Explanation for content that changed while the grader's marker survived:
// the volume was reattached, the app rewrote its file at start.
std::string rewritten_at_start(const std::string& pod, const std::vector<std::string>& changes,
                               const MarkerWrite& marker);
// Hint for an app that overwrites its proof at every start.
extern const char* const kWriteOnceHint;

// What the volume reads and the grader's markers say of claims across a
// disturbance (a pod deleted; a scale-down and back up), claim by claim:
// identity-persistence and pvc-reuse judge with it.
struct VolumeFindings {
  std::vector<std::string> changes;         // original content lost, or unreadable after
  std::vector<std::string> marker_bad;      // markers gone or replaced
  std::vector<std::string> content_lines;   // evidence: the content before and after
  std::vector<std::string> marker_lines;    // evidence: each marker written and found
  std::vector<std::string> dropped;         // markers the grader could not write (legal)
  std::vector<std::string> unread;          // claims only an initContainer mounts
  int marked = 0;                           // claims the grader could write its marker into
  const MarkerWrite* survived = nullptr;    // the first marker still there
  // The two evidence entries, content (bounded) and markers.
  void add_evidence(std::vector<Evidence>& ev, const std::string& markers_label) const;
  // The entry naming the claims judged by the PVC's identity alone, if any.
  void add_unread(std::vector<Evidence>& ev) const;
  // No marker could be written at all: content and the PVCs' identity decided.
  bool judged_without_markers() const { return marked == 0 && !dropped.empty(); }
};
// The content of `claim` read `before` (null: not read) and `after`, into
// f.changes (each lost line prefixed with `prefix`; an unreadable volume
// named) and f.content_lines.
void compare_content(VolumeFindings& f, const std::string& claim, const VolumeRead* before,
                     const VolumeRead& after, const std::string& prefix = "");
// The marker written before the disturbance against the read after it
// (`after_what`: "after deletion"). Returns false when the grader could not
// write it (f.dropped: not the student's fault).
bool judge_marker(VolumeFindings& f, const MarkerWrite& w, const VolumeRead& after,
                  const std::string& label, const std::string& after_what);

}  // namespace sts
