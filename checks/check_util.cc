#include "checks/check_util.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace sts {

// ---- Evidence text ---------------------------------------------------------

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", t);
  return buf;
}

std::string bounded(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…(+" + std::to_string(s.size() - cut) + " chars)";
}

std::string creation_sequence(const std::vector<PodLife>& lives) {
  std::vector<std::string> parts;
  for (const PodLife& l : lives) {
    std::string s = l.name + " created " + (l.created ? seconds(l.created->t) : "?");
    if (l.running) s += ", Running " + seconds(l.running->t);
    s += l.ready ? ", Ready " + seconds(l.ready->t) : ", never Ready";
    parts.push_back(s);
  }
  return join(parts, "; ");
}

std::string removal_sequence(const std::vector<PodLife>& lives) {
  std::vector<std::string> parts;
  for (const PodLife& l : lives) {
    std::string s = l.name;
    if (l.terminating) s += " terminating " + seconds(l.terminating->t);
    s += l.deleted ? ", gone " + seconds(l.deleted->t) : ", not gone";
    parts.push_back(s);
  }
  return join(parts, "; ");
}

// ---- The StatefulSet as submitted -------------------------------------------

std::vector<ClaimTemplate> claim_templates(const Json& sts) {
  std::vector<ClaimTemplate> out;
  const Json& tpls = node_at(sts, {"spec", "volumeClaimTemplates"});
  if (!tpls.is_array()) return out;
  const Json& pod_spec = node_at(sts, {"spec", "template", "spec"});
  for (const Json& t : tpls) {
    ClaimTemplate ct;
    ct.name = str_at(t, {"metadata", "name"});
    if (ct.name.empty()) continue;
    for (const char* list : {"initContainers", "containers"}) {
      const Json& cs = node_at(pod_spec, {list});
      if (!cs.is_array()) continue;
      for (const Json& c : cs) {
        const Json& mounts = node_at(c, {"volumeMounts"});
        if (!mounts.is_array()) continue;
        for (const Json& m : mounts) {
          std::string path = str_at(m, {"mountPath"});
          if (str_at(m, {"name"}) == ct.name && !path.empty() && std::string(list) == "containers")
            ct.app_mounted = true;
          if (str_at(m, {"name"}) == ct.name && !path.empty() &&
              std::find(ct.mount_paths.begin(), ct.mount_paths.end(), path) ==
                  ct.mount_paths.end())
            ct.mount_paths.push_back(path);
        }
      }
    }
    out.push_back(std::move(ct));
  }
  return out;
}

int ordinals_start(const Json& sts) {
  const Json& n = node_at(sts, {"spec", "ordinals", "start"});
  return n.is_number_integer() ? n.get<int>() : 0;
}

std::string pod_management_policy(const Json& sts) {
  std::string p = str_at(sts, {"spec", "podManagementPolicy"});
  return p.empty() ? "OrderedReady" : p;
}

std::string when_scaled_policy(const Json& sts) {
  std::string p = str_at(sts, {"spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"});
  return p.empty() ? "Retain" : p;
}

std::string pod_name(const std::string& sts, int ordinal) {
  return sts + "-" + std::to_string(ordinal);
}

std::string pvc_name(const std::string& tpl, const std::string& sts, int ordinal) {
  return tpl + "-" + pod_name(sts, ordinal);
}

int scenario_int(const Observations& obs, const std::string& key, int fallback) {
  if (!obs.scenario_params.is_object()) return fallback;
  auto it = obs.scenario_params.find(key);
  if (it == obs.scenario_params.end()) return fallback;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_string()) {
    try {
      return std::stoi(it->get<std::string>());
    } catch (...) {
    }
  }
  return fallback;
}

int initial_replicas(const Observations& obs) {
  const Json& r = node_at(obs.statefulset_manifest, {"spec", "replicas"});
  return scenario_int(obs, "initial_replicas", r.is_number_integer() ? r.get<int>() : 1);
}

// ---- API objects -----------------------------------------------------------

const Json* find_named(const std::vector<Json>& objects, const std::string& name) {
  for (const Json& o : objects)
    if (str_at(o, {"metadata", "name"}) == name) return &o;
  return nullptr;
}

const Json* find_manifest(const Observations& obs, const std::string& kind,
                          const std::string& name) {
  for (const Json& m : obs.manifests)
    if (str_at(m, {"kind"}) == kind && str_at(m, {"metadata", "name"}) == name) return &m;
  return nullptr;
}

namespace {
bool owned_by_statefulset(const Json& pod, const std::string& sts) {
  const Json& refs = node_at(pod, {"metadata", "ownerReferences"});
  if (!refs.is_array()) return false;
  for (const Json& r : refs)
    if (str_at(r, {"kind"}) == "StatefulSet" && str_at(r, {"name"}) == sts) return true;
  return false;
}
}  // namespace

std::vector<const Json*> pods_of(const Snapshot& snap, const std::string& sts) {
  std::vector<const Json*> out;
  for (const Json& p : snap.pods)
    if (owned_by_statefulset(p, sts) || ordinal_of(str_at(p, {"metadata", "name"}), sts) >= 0)
      out.push_back(&p);
  return out;
}

std::vector<std::string> claims_of(const Json& pod) {
  std::vector<std::string> out;
  const Json& vols = node_at(pod, {"spec", "volumes"});
  if (!vols.is_array()) return out;
  for (const Json& v : vols) {
    std::string c = str_at(v, {"persistentVolumeClaim", "claimName"});
    if (!c.empty()) out.push_back(c);
  }
  return out;
}

// ---- The timeline by scenario step -----------------------------------------

namespace {
std::optional<Window> window_from(const Observations& obs, size_t idx, long from, double t) {
  Window w;
  w.from = from;
  w.t_from = t;
  w.step = obs.marks[idx].id;
  if (idx + 1 < obs.marks.size()) {
    w.to = obs.marks[idx + 1].seq;
    w.next_step = obs.marks[idx + 1].id;
  }
  return w;
}
}  // namespace

std::optional<Window> step_window(const Observations& obs, const std::string& step) {
  for (size_t i = 0; i < obs.marks.size(); ++i)
    if (obs.marks[i].id == step) return window_from(obs, i, obs.marks[i].seq, obs.marks[i].t);
  return std::nullopt;
}

std::optional<Window> window_through(const Observations& obs, const std::string& step) {
  for (size_t i = 0; i < obs.marks.size(); ++i)
    if (obs.marks[i].id == step) return window_from(obs, i, 0, 0);
  return std::nullopt;
}

std::vector<PodLife> lives_created_in(const Observations& obs, const Window& w) {
  std::vector<PodLife> out;
  for (PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.created && w.contains(l.created->seq)) out.push_back(std::move(l));
  std::stable_sort(out.begin(), out.end(), [](const PodLife& a, const PodLife& b) {
    return a.created->seq < b.created->seq;
  });
  return out;
}

std::vector<PodLife> lives_removed_in(const Observations& obs, const Window& w) {
  std::vector<PodLife> out;
  for (PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.terminating && w.contains(l.terminating->seq)) out.push_back(std::move(l));
  std::stable_sort(out.begin(), out.end(), [](const PodLife& a, const PodLife& b) {
    return a.terminating->seq < b.terminating->seq;
  });
  return out;
}

std::optional<PodLife> life_at(const Observations& obs, const std::string& name, long seq) {
  std::optional<PodLife> found;
  for (PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.name == name && l.created && l.created->seq <= seq &&
        (!l.deleted || l.deleted->seq > seq))
      found = std::move(l);  // the latest such life
  return found;
}

bool any_pod_ready(const Observations& obs) {
  for (const PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.ready) return true;
  return false;
}

std::vector<Assertion> creation_order_assertions(const std::vector<PodLife>& lives) {
  Assertion order{"created-in-order", "pods are created in ascending ordinal order", true, ""};
  Assertion wait{"waited-for-ready",
                 "each pod is created only after the previous one is Running and Ready", true,
                 ""};
  std::vector<std::string> order_bad, wait_bad;
  for (size_t i = 1; i < lives.size(); ++i) {
    const PodLife& prev = lives[i - 1];
    const PodLife& cur = lives[i];
    if (cur.ordinal <= prev.ordinal)
      order_bad.push_back(cur.name + " was created (" + seconds(cur.created->t) +
                          ") after " + prev.name + " (" + seconds(prev.created->t) + ")");
    // Ready implies Running, but both are asked for and both are reported.
    bool waited = prev.ready && prev.running && cur.created->seq > prev.ready->seq &&
                  cur.created->seq > prev.running->seq;
    if (!waited) {
      std::string state = !prev.ready ? "was never Ready"
                          : cur.created->seq <= prev.ready->seq
                              ? "was not Ready until " + seconds(prev.ready->t)
                              : "was not Running";
      wait_bad.push_back(cur.name + " was created at " + seconds(cur.created->t) + " while " +
                         prev.name + " " + state);
    }
  }
  order.passed = order_bad.empty();
  wait.passed = wait_bad.empty();
  std::vector<std::string> names;
  for (const PodLife& l : lives) names.push_back(l.name);
  order.detail = order.passed ? "creation order: " + join(names) : join(order_bad, "; ");
  wait.detail = wait.passed ? "each pod was created after the previous one was Ready"
                            : join(wait_bad, "; ");
  return {order, wait};
}

std::string parallel_cause(const Json& sts) {
  if (pod_management_policy(sts) == "Parallel")
    return "The StatefulSet sets `podManagementPolicy: Parallel`, so the controller creates "
           "and deletes pods all at once instead of one at a time, each after the previous "
           "one is Running and Ready.";
  return "The StatefulSet uses podManagementPolicy " + pod_management_policy(sts) +
         ", yet the watch shows pods not handled one at a time.";
}

bool declares_parallel(const Observations& obs) {
  return pod_management_policy(obs.statefulset_manifest) == "Parallel";
}

CheckResult parallel_failure(const Observations& obs, CheckResult r, const std::string& observed,
                             const std::string& hint) {
  const std::string spec_line = "StatefulSet " + obs.statefulset + ": spec.podManagementPolicy: Parallel";
  r.assertions.insert(r.assertions.begin(),
                      {"ordered-policy",
                       "the StatefulSet handles pods one at a time (podManagementPolicy OrderedReady, the default)",
                       false, spec_line});
  r.evidence.insert(r.evidence.begin(), {"the StatefulSet as submitted", spec_line, -1});
  r.status = Status::kFail;
  r.summary = "podManagementPolicy: Parallel is declared, so pods are not handled one at a time (observed: " +
              observed + ")";
  std::vector<std::string> why = failed_details(r.assertions);
  why.erase(why.begin());
  r.explanation = parallel_cause(obs.statefulset_manifest) +
                  (why.empty() ? " The watch happened to show them one after the other, which "
                                 "the policy does not guarantee."
                               : " Observed: " + join(why, "; ") + ".");
  r.hint = hint;
  return r;
}

std::optional<CheckResult> relisted_in(const Observations& obs, const std::string& check_id,
                                       const Window& w) {
  std::vector<std::string> names;
  for (const WatchEvent* e : obs.timeline.of_kind("Pod", w.from, w.to))
    if (e->relist && ordinal_of(str_at(e->object, {"metadata", "name"}), obs.statefulset) >= 0)
      names.push_back(e->type + " " + str_at(e->object, {"metadata", "name"}) + " at " + seconds(e->t));
  if (names.empty()) return std::nullopt;
  CheckResult r = errored(check_id, "the grader's watch of pods broke during step `" + w.step +
                                        "` and was re-listed; the re-list delivered " + join(names) +
                                        " in name order at the time of the list, so the order "
                                        "the cluster handled them in cannot be told");
  r.evidence.push_back({"re-listed pod events", join(names, "\n"), -1});
  return r;
}

// ---- Preconditions ---------------------------------------------------------

namespace {
std::string failure_text(const StepFailure& f) {
  std::string s = "step `" + f.step + "` did not reach its goal";
  if (!f.waited_for.empty()) s += " (waited for " + f.waited_for + ")";
  if (!f.last_seen.empty()) s += "; last seen: " + f.last_seen;
  return s;
}
}  // namespace

std::optional<CheckResult> no_initial_snapshot(const Observations& obs, const std::string& check_id) {
  if (obs.snapshot("initial")) return std::nullopt;
  if (auto unmet = unmet_step(obs, check_id, "initial-ready")) return unmet;
  return skipped(check_id, "no snapshot \"initial\" was taken");
}

std::optional<CheckResult> unmet_step(const Observations& obs, const std::string& check_id,
                                      const std::string& step) {
  if (const StepFailure* f = obs.failure(step)) {
    if (f->infrastructure)
      return errored(check_id, failure_text(*f) + ", because of a cluster fault");
    return skipped(check_id, failure_text(*f));
  }
  if (obs.mark(step)) return std::nullopt;
  // The step never ran: say which failure stopped the scenario.
  std::string why = "step `" + step + "` never ran";
  if (!obs.failures.empty()) {
    const StepFailure& stop = obs.failures.front();
    why += ": the scenario stopped at " + failure_text(stop);
    if (stop.infrastructure) return errored(check_id, why + ", because of a cluster fault");
  }
  return skipped(check_id, why);
}

std::optional<CheckResult> infra_error(const std::string& check_id, const ExecRecord& exec,
                                       const std::string& what) {
  if (exec.error.empty()) return std::nullopt;
  return errored(check_id, what + " in pod " + exec.pod + " could not run: " +
                               bounded(exec.error, 300));
}

std::optional<CheckResult> no_pod_ready(const Observations& obs, const std::string& check_id) {
  if (any_pod_ready(obs)) return std::nullopt;
  if (auto unmet = unmet_step(obs, check_id, "initial-ready"); unmet && !obs.failures.empty())
    return unmet;
  return skipped(check_id, "no pod of StatefulSet " + obs.statefulset + " was ever Ready");
}

// ---- Volume content --------------------------------------------------------

std::map<std::string, std::string> full_files(const VolumeRead& r) {
  std::map<std::string, std::string> out = r.files;
  for (const auto& [path, content] : r.long_files) out[path] = content;
  return out;
}

bool claim_readable(const Observations& obs, const std::string& claim, const std::string& pod) {
  for (const ClaimTemplate& t : claim_templates(obs.statefulset_manifest))
    if (t.name + "-" + pod == claim) {
      if (t.app_mounted) return true;
      // A reader pod of the grader's own (via: reader-pod) reads those too.
      for (const VolumeRead& r : obs.volume_reads)
        if (r.claim == claim) return true;
      return false;
    }
  return true;
}

std::map<std::string, std::string> files_of(const std::vector<const VolumeRead*>& reads) {
  std::set<std::string> claims;
  for (const VolumeRead* r : reads) claims.insert(r->claim);
  std::map<std::string, std::string> out;
  for (const VolumeRead* r : reads)
    for (const auto& [path, content] : full_files(*r))
      out[claims.size() > 1 ? r->claim + ":" + path : path] = content;
  return out;
}

std::vector<const VolumeRead*> reads_of(const Observations& obs, const std::string& phase,
                                        const std::string& pod) {
  std::vector<const VolumeRead*> out;
  for (const VolumeRead* r : obs.reads(phase))
    if (r->pod == pod) out.push_back(r);
  return out;
}

const VolumeRead* read_of_claim(const Observations& obs, const std::string& phase,
                                const std::string& claim) {
  for (const VolumeRead* r : obs.reads(phase))
    if (r->claim == claim) return r;
  return nullptr;
}

namespace {
// Quoted one-line form of a text: newlines shown as \n.
std::string quoted(const std::string& s, size_t max) {
  std::string flat;
  for (char c : s) flat += c == '\n' ? std::string("\\n") : std::string(1, c);
  return "'" + bounded(flat, max) + "'";
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}
}  // namespace

std::string read_problem(const VolumeRead& r) {
  if (r.exec.exit_code == 0)
    return r.mount_path + " was not found in " + r.pod + " or its listing was incomplete";
  return "exit " + std::to_string(r.exec.exit_code) + ": " + bounded(r.exec.err, 200);
}

std::string describe_files(const std::map<std::string, std::string>& files) {
  if (files.empty()) return "(no files)";
  std::vector<std::string> lines;
  size_t shown = 0;
  for (const auto& [path, content] : files) {
    if (++shown > 6) {
      lines.push_back("… " + std::to_string(files.size() - 6) + " more files");
      break;
    }
    lines.push_back(path + ": " + quoted(content, 200));
  }
  return join(lines, "\n");
}

std::vector<std::string> content_changes(const std::map<std::string, std::string>& before,
                                         const std::map<std::string, std::string>& after) {
  std::vector<std::string> out;
  for (const auto& [path, old] : before) {
    auto it = after.find(path);
    if (it == after.end()) {
      out.push_back(path + " is gone");
      continue;
    }
    // Appended lines leave the original in place (a write-once-or-append proof).
    if (it->second.compare(0, old.size(), old) == 0) continue;
    std::vector<std::string> a = lines_of(old), b = lines_of(it->second);
    for (size_t i = 0; i < std::max(a.size(), b.size()) && out.size() < 12; ++i) {
      std::string from = i < a.size() ? quoted(a[i], 80) : "(none)";
      std::string to = i < b.size() ? quoted(b[i], 80) : "(none)";
      if (from != to) out.push_back(path + " line " + std::to_string(i + 1) + ": " + from +
                                    " -> " + to);
    }
  }
  return out;
}

std::string marker_write_problem(const MarkerWrite& w) {
  const std::string& e = w.exec.err + w.exec.out;
  if (e.find("Read-only file system") != std::string::npos)
    return "the container " + (w.exec.container.empty() ? std::string() : w.exec.container + " ") +
           "mounts " + w.claim + " readOnly";
  if (e.find("Permission denied") != std::string::npos)
    return "the container's user may not write " + w.claim +
           " (a non-root user without fsGroup)";
  if (w.exec.exit_code == 0) return "the marker read back differs from what was written";
  return "exit " + std::to_string(w.exec.exit_code) + ": " + bounded(w.exec.err, 120);
}

std::string marker_dropped_line(const MarkerWrite& w) {
  return w.claim + ": the grader could not write its marker (" + marker_write_problem(w) +
         "), which is legal; the marker assertion is dropped for this claim and the content "
         "and the PVC's identity decide";
}

const MarkerWrite* marker_before(const Observations& obs, const std::string& claim, double t) {
  const MarkerWrite* latest = nullptr;
  for (const MarkerWrite& w : obs.marker_writes)
    if (w.claim == claim && w.exec.t_start < t) latest = &w;
  return latest;
}

std::string rewritten_at_start(const std::string& pod, const std::vector<std::string>& changes,
                               const MarkerWrite& marker) {
  return "The volume was reattached: the marker the grader wrote at " +
         seconds(marker.exec.t_start) + " (" + marker.path + ") is still there, so " + pod +
         " mounts the same storage. But the app rewrote its file at start: " +
         join(changes, "; ") +
         ". A start command like `echo \"Pod: $HOSTNAME\" > index.html; echo \"Date: "
         "$(date)\" >> index.html` overwrites the proof every time the pod starts, so the "
         "volume no longer shows the original content.";
}

const char* const kWriteOnceHint =
    "Write the identity proof only if it is absent (e.g. `[ -f /data/id ] || echo \"Pod: "
    "$HOSTNAME, created $(date)\" > /data/id`) or append to it (`>>`), so a restarted pod "
    "shows the original content (Lab 04, 1.7 \"Verify Storage Persistence\").";

std::vector<std::string> failed_details(const std::vector<Assertion>& assertions) {
  std::vector<std::string> out;
  for (const Assertion& a : assertions)
    if (!a.passed) out.push_back(a.detail);
  return out;
}

void VolumeFindings::add_evidence(std::vector<Evidence>& ev, const std::string& markers_label) const {
  ev.push_back({"volume content", bounded(join(content_lines, "\n"), 3000), -1});
  ev.push_back({markers_label, join(marker_lines, "\n"), -1});
}

void VolumeFindings::add_unread(std::vector<Evidence>& ev) const {
  if (unread.empty()) return;
  ev.push_back({"claims not read",
                join(unread) + ": mounted only by an initContainer, which the grader cannot "
                               "read through; judged by the PVC's identity alone",
                -1});
}

void compare_content(VolumeFindings& f, const std::string& claim, const VolumeRead* before,
                     const VolumeRead& after, const std::string& prefix) {
  if (!after.ok) {
    f.changes.push_back(claim + " could not be read (" + after.phase + ": " + read_problem(after) + ")");
  } else if (before && !before->ok) {
    f.changes.push_back(claim + " could not be read (" + before->phase + ": " + read_problem(*before) + ")");
  } else if (before) {
    for (const std::string& ch : content_changes(full_files(*before), full_files(after)))
      f.changes.push_back(prefix + ch);
  }
  if (before)
    f.content_lines.push_back(claim + " before (" + seconds(before->exec.t_start) + "):\n" +
                              describe_files(before->files));
  f.content_lines.push_back(claim + " after (" + seconds(after.exec.t_start) + "):\n" + describe_files(after.files));
}

bool judge_marker(VolumeFindings& f, const MarkerWrite& w, const VolumeRead& after, const std::string& label,
                  const std::string& after_what) {
  if (!w.ok) {
    f.dropped.push_back(marker_dropped_line(w));
    f.marker_lines.push_back(f.dropped.back());
    return false;
  }
  ++f.marked;
  if (after.marker != w.token)
    f.marker_bad.push_back("the marker written into " + w.claim + " at " + seconds(w.exec.t_start) + " is " +
                           (after.marker.empty() ? "gone" : "replaced by '" + bounded(after.marker, 80) + "'"));
  else if (!f.survived)
    f.survived = &w;
  f.marker_lines.push_back(label + ": wrote '" + bounded(w.token, 120) + "' at " + seconds(w.exec.t_start) +
                           "; " + after_what + ": " +
                           (after.marker.empty() ? "(absent)" : "'" + bounded(after.marker, 120) + "'"));
  return true;
}

}  // namespace sts
