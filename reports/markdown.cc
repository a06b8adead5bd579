#include "reports/markdown.h"

#include <algorithm>
#include <sstream>

#include "reports/debug_text.h"
#include "reports/gantt.h"
#include "reports/xml_text.h"
#include "reports/markdown_text.h"
#include "grader/base/text.h"
#include "reports/verdict.h"

namespace sts {

namespace {

// Bounds on student content, so one chatty volume cannot bury the report.
constexpr size_t kMaxFileBytes = 2000;
constexpr size_t kMaxFilesPerRead = 8;
constexpr size_t kMaxKubectlBytes = 12000;
constexpr size_t kMaxEvidenceBytes = 6000;

std::string status_badge(const ScoredItem& it) {
  const std::string s = item_status(it);
  if (s == "pass") return "✅ pass";
  if (s == "fail") return "❌ fail";
  if (s == "error") return "⚠️ error";
  if (s == "skipped") return "⏭️ skipped";
  return "📝 manual";
}

std::string points_cell(const ScoredItem& it) {
  if (it.item.manual) return "–/" + format_points(it.item.points);
  return format_points(it.earned) + "/" + format_points(it.item.points);
}

// A scalar of a manifest as text: strings as they are, numbers and booleans
// as JSON writes them, "" when absent.
std::string scalar_text(const Json& n) {
  if (n.is_string()) return n.get<std::string>();
  if (n.is_number() || n.is_boolean()) return n.dump();
  return "";
}

std::string or_default(const std::string& v, const std::string& fallback) {
  return v.empty() ? fallback + " (default)" : v;
}

const ScoredItem* find_item(const Score& score, const std::string& check) {
  for (const auto& it : score.items)
    if (it.item.check == check) return &it;
  return nullptr;
}

void heading(std::ostream& out, const std::string& text) { out << "\n## " << text << "\n\n"; }

void verdict_and_table(std::ostream& out, const RunInfo& run, const Score& score) {
  const std::string title = run.rubric_title.empty() ? run.rubric_id : run.rubric_title;
  out << "# StatefulSet report: " << md_text(title) << "\n\n";
  out << "**" << md_text(verdict_line(score)) << "**\n\n";
  if (std::string share = machine_share_line(score); !share.empty()) out << md_text(share) << ".\n\n";
  if (!score.gradable)
    out << "An infrastructure fault stopped the grader from judging this submission; "
           "no points were taken for it. The statuses below are for diagnosis only.\n\n";
  out << "| Check | Status | Points | Summary |\n|---|---|---|---|\n";
  for (const auto& it : score.items) {
    const std::string summary = item_summary(it);
    out << "| " << md_text(item_title(it)) << " | " << status_badge(it) << " | " << points_cell(it)
        << " | " << md_text(clip(summary, 300)) << " |\n";
  }
}

void overview(std::ostream& out, const Observations& obs) {
  heading(out, "StatefulSet Overview");
  out << "A StatefulSet, not a Deployment: each pod needs a stable name, its own "
         "PersistentVolumeClaim that follows it across restarts, and a stable DNS name, "
         "which a Deployment's interchangeable replicas do not have.\n\n";
  const Json& sts = obs.statefulset_manifest;
  if (!sts.is_object()) {
    out << "_No StatefulSet manifest was found in the submission._\n";
    return;
  }
  const Json& spec = node_at(sts, {"spec"});
  std::string update = or_default(str_at(spec, {"updateStrategy", "type"}), "RollingUpdate");
  const std::string partition = scalar_text(node_at(spec, {"updateStrategy", "rollingUpdate", "partition"}));
  if (!partition.empty()) update += ", partition " + partition;
  const std::string retention =
      "whenDeleted " + or_default(str_at(spec, {"persistentVolumeClaimRetentionPolicy", "whenDeleted"}), "Retain") +
      ", whenScaled " + or_default(str_at(spec, {"persistentVolumeClaimRetentionPolicy", "whenScaled"}), "Retain");

  std::vector<std::string> images;
  const Json& containers = node_at(spec, {"template", "spec", "containers"});
  if (containers.is_array())
    for (const auto& c : containers) images.push_back(str_at(c, {"name"}) + ": " + str_at(c, {"image"}));
  std::string image_text;
  for (const auto& i : images) image_text += (image_text.empty() ? "" : "; ") + i;

  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Name", str_at(sts, {"metadata", "name"})},
      {"Replicas", or_default(scalar_text(node_at(spec, {"replicas"})), "1")},
      {"serviceName", scalar_text(node_at(spec, {"serviceName"}))},
      {"podManagementPolicy", or_default(str_at(spec, {"podManagementPolicy"}), "OrderedReady")},
      {"updateStrategy", update},
      {"PVC retention policy", retention},
      {"Image", image_text},
  };
  out << "| Field | Value |\n|---|---|\n";
  for (const auto& [k, v] : rows) out << "| " << k << " | " << md_text(v.empty() ? "(not set)" : v) << " |\n";

  out << "\n**volumeClaimTemplates**\n\n";
  const Json& templates = node_at(spec, {"volumeClaimTemplates"});
  if (!templates.is_array() || templates.empty()) {
    out << "- _none: pods have no per-pod persistent storage_\n";
    return;
  }
  for (const auto& t : templates) {
    const std::string name = str_at(t, {"metadata", "name"});
    std::string modes;
    const Json& am = node_at(t, {"spec", "accessModes"});
    if (am.is_array())
      for (const auto& m : am) modes += (modes.empty() ? "" : ", ") + scalar_text(m);
    std::string mounts;
    if (containers.is_array())
      for (const auto& c : containers) {
        const Json& vm = node_at(c, {"volumeMounts"});
        if (!vm.is_array()) continue;
        for (const auto& m : vm)
          if (str_at(m, {"name"}) == name)
            mounts += (mounts.empty() ? "" : ", ") + str_at(c, {"name"}) + ":" + str_at(m, {"mountPath"});
      }
    out << "- " << md_text(name) << ": " << md_text(or_default(str_at(t, {"spec", "resources", "requests", "storage"}), "no size"))
        << ", " << md_text(modes.empty() ? "no access modes" : modes) << ", storage class "
        << md_text(or_default(str_at(t, {"spec", "storageClassName"}), "cluster default")) << "; mounted at "
        << md_text(mounts.empty() ? "(not mounted by any container)" : mounts) << "\n";
  }
}

void resource_verification(std::ostream& out, const Observations& obs) {
  heading(out, "Resource Verification");
  out << "`kubectl get po,sts,svc,pvc -o wide` as the grader saw it.\n";
  for (const char* id : {"initial", "final"}) {
    out << "\n### " << id << "\n\n";
    const Snapshot* snap = obs.snapshot(id);
    if (!snap || snap->kubectl_get.empty()) {
      out << "_Not captured._\n";
      continue;
    }
    out << "At " << format_seconds(snap->t) << ":\n\n" << md_code_block(clip(snap->kubectl_get, kMaxKubectlBytes), "text");
  }
}

// The IP the pod had while the lookup ran, "" when unknown.
std::string expected_ip(const std::vector<PodLife>& lives, const DnsLookup& d) {
  if (d.expect_pod.empty()) return "";
  std::string ip;
  for (const auto& l : lives) {
    if (l.name != d.expect_pod || l.ip.empty() || !l.created) continue;
    const bool alive = l.created->t <= d.exec.t_end && (!l.deleted || l.deleted->t >= d.exec.t_start);
    if (alive) return l.ip;
    ip = l.ip;  // fall back to the latest life
  }
  return ip;
}

void network_identity(std::ostream& out, const Observations& obs, const std::vector<PodLife>& lives) {
  heading(out, "Network Identity");
  if (obs.dns.empty()) {
    out << "_No DNS lookups were made._\n";
    return;
  }
  out << "Lookups from a probe pod in the namespace.\n\n";
  out << "| Phase | Name | Resolved to | Expected pod | Expected IP | Match |\n|---|---|---|---|---|---|\n";
  for (const auto& d : obs.dns) {
    std::string addrs;
    for (const auto& a : d.addresses) addrs += (addrs.empty() ? "" : ", ") + a;
    const std::string ip = expected_ip(lives, d);
    std::string match = d.addresses.empty() ? "❌ not found" : "–";
    if (!ip.empty() && !d.addresses.empty())
      match = std::find(d.addresses.begin(), d.addresses.end(), ip) != d.addresses.end() ? "✅" : "❌";
    out << "| " << md_text(d.phase) << " | " << md_text(d.name) << " | " << md_text(addrs.empty() ? "(nothing)" : addrs)
        << " | " << md_text(d.expect_pod.empty() ? "(service)" : d.expect_pod) << " | " << md_text(ip) << " | " << match
        << " |\n";
  }
}

void volume_read(std::ostream& out, const VolumeRead& r) {
  out << "\n### " << md_text(r.pod) << "\n\n";
  out << "- claim: " << md_text(r.claim) << "\n- mount path: " << md_text(r.mount_path) << "\n- pod UID: "
      << md_text(r.pod_uid) << "\n";
  if (!r.ok) {
    std::string why = !r.exec.error.empty() ? r.exec.error : r.exec.err;
    out << "- **the read failed**: " << md_text(clip(why.empty() ? "exit code " + std::to_string(r.exec.exit_code) : why, 500))
        << "\n";
    return;
  }
  if (r.files.empty()) out << "- _the volume holds no files_\n";
  size_t shown = 0;
  for (const auto& [path, content] : r.files) {
    if (shown++ == kMaxFilesPerRead) {
      out << "\n_… and " << r.files.size() - kMaxFilesPerRead << " more files._\n";
      break;
    }
    out << "\n" << md_code(path) << ":\n\n" << md_code_block(clip(content, kMaxFileBytes));
  }
  if (r.truncated) out << "\n_The volume holds more than the grader read._\n";
}

// The requests the grader made to the app (op http), e.g. Lab 15's visit counters.
void http_exchanges(std::ostream& out, const Observations& obs) {
  if (obs.http.empty()) return;
  out << "\n### HTTP requests to the app\n\nFrom the grader's probe pod, in order.\n\n";
  out << "| At | Phase | Pod | Request | Answer |\n|---|---|---|---|---|\n";
  size_t shown = 0;
  for (const HttpExchange& x : obs.http) {
    if (shown++ == 60) {
      out << "\n_… and " << obs.http.size() - 60 << " more requests (report.json)._\n";
      break;
    }
    std::string answer = x.ok ? std::to_string(x.status) + " " + x.body : x.error;
    out << "| " << format_seconds(x.t) << " | " << md_text(x.phase) << " | " << md_text(x.pod.empty() ? "–" : x.pod)
        << " | " << md_text(x.method + " " + x.url) << " | " << md_text(clip(answer, 160)) << " |\n";
  }
}

// The submission's own documents: listed; what they say is the instructor's to read.
void documents(std::ostream& out, const Observations& obs) {
  if (obs.documents.empty()) return;
  heading(out, "Submitted documents");
  out << "Markdown files of the submission. Checks judge that they and their sections are there; "
         "their content is for the instructor.\n\n";
  for (const auto& [path, text] : obs.documents) {
    size_t headings = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) headings += line.starts_with("#");
    out << "- " << md_code(path) << ": " << text.size() << " bytes, " << headings << " headings\n";
  }
}

void per_pod_storage(std::ostream& out, const Observations& obs) {
  heading(out, "Per-Pod Storage Evidence");
  const auto reads = obs.reads("initial");
  if (reads.empty()) {
    out << "_No volume was read._\n";
  } else {
    out << "What each pod's own volume held after the StatefulSet first became ready.\n";
    for (const VolumeRead* r : reads) volume_read(out, *r);
  }
  http_exchanges(out, obs);
}

void assertions_and_evidence(std::ostream& out, const CheckResult& r) {
  for (const auto& a : r.assertions) {
    out << "- [" << (a.passed ? "x" : " ") << "] " << md_text(a.description.empty() ? a.id : a.description);
    if (!a.detail.empty()) out << " — " << md_text(clip(a.detail, 500));
    out << "\n";
  }
  for (const auto& e : r.evidence) {
    out << "\n**" << md_text(e.label) << "**";
    if (e.t >= 0) out << " (at " << format_seconds(e.t) << ")";
    out << "\n\n" << md_code_block(clip(e.text, kMaxEvidenceBytes), "text");
  }
}

void persistence_test(std::ostream& out, const Observations& obs, const Score& score) {
  heading(out, "Persistence Test");
  out << "A pod is deleted; its replacement must come back with the same name, the same "
         "claim and the original content. The grader's marker file tells reattached storage "
         "apart from an app that rewrites its files at start.\n\n";
  // The pod the scenario deleted; 1 is the scenarios' default, as in the check.
  std::string pod;
  const Json& ord = node_at(obs.scenario_params, {"delete_ordinal"});
  if (!obs.statefulset.empty())
    pod = obs.statefulset + "-" + std::to_string(ord.is_number_integer() ? ord.get<int>() : 1);

  std::vector<const VolumeRead*> reads;
  for (const auto& r : obs.volume_reads)
    if (r.pod == pod) reads.push_back(&r);
  if (!reads.empty()) {
    const VolumeRead* initial = reads.front();
    out << "| Phase | Pod UID | Claim | Marker | Files same as first read |\n|---|---|---|---|---|\n";
    for (const VolumeRead* r : reads)
      out << "| " << md_text(r->phase) << " | " << md_text(r->pod_uid) << " | " << md_text(r->claim) << " | "
          << md_text(r->marker.empty() ? "(absent)" : r->marker) << " | "
          << (!r->ok ? "read failed" : r == initial ? "–" : r->files == initial->files ? "yes" : "**no**") << " |\n";
    out << "\n";
  }

  const ScoredItem* it = find_item(score, "identity-persistence");
  if (!it) {
    if (reads.empty()) out << "_Not part of this run._\n";
    return;
  }
  out << "Verdict: " << status_badge(*it) << " — " << md_text(it->result.summary) << "\n\n";
  if (!it->item.hidden) assertions_and_evidence(out, it->result);
}

void checks(std::ostream& out, const Score& score, bool debug_shown) {
  heading(out, "Checks");
  for (const auto& it : score.items) {
    out << "### " << md_text(item_title(it)) << " — " << status_badge(it) << " (" << points_cell(it) << ")\n\n";
    if (it.item.manual) {
      out << "_Judged by the instructor._\n\n";
      if (!it.item.check.empty() && !it.result.summary.empty())
        out << md_code(it.item.check) << " did not apply: " << md_text(it.result.summary) << "\n\n";
      continue;
    }
    out << md_code(it.item.check) << ": " << md_text(it.result.summary) << "\n\n";
    if (it.item.hidden) {
      out << "_The details of this check are hidden._\n\n";
      continue;
    }
    assertions_and_evidence(out, it.result);
    if (!it.result.explanation.empty()) out << "\n**Why:** " << md_text(it.result.explanation) << "\n";
    if (!it.result.hint.empty()) out << "\n**Hint:** " << md_text(it.result.hint) << "\n";
    if (debug_shown && shows_debug_evidence(it))
      out << "\nContainer logs, events and pod states at the end of the scenario: "
             "[Debug evidence](#debug-evidence).\n";
    out << "\n";
  }
}

// A collapsed block: GitHub renders no Markdown inside <summary>, so its text
// is HTML-escaped; the body after a blank line is Markdown again.
void details(std::ostream& out, const std::string& summary, const std::string& body) {
  std::string line = summary;  // a blank line would end the HTML block and let the rest be Markdown
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  out << "<details>\n<summary>" << xml_escape(line) << "</summary>\n\n" << body << "\n</details>\n\n";
}

void log_block(std::ostringstream& body, const std::string& label, const std::string& log) {
  body << label << ":\n\n" << md_code_block(log.empty() ? "(empty)" : log, "text");
}

// Logs, events and pod states for the failed checks; pods in trouble first.
void debug_evidence(std::ostream& out, const DebugEvidence& d) {
  heading(out, "Debug evidence");
  out << "Taken at " << format_seconds(d.t) << ", at the end of the scenario and before cleanup, as "
         "`kubectl describe pod`, `kubectl logs [--previous]` and `kubectl get events` would have shown it "
         "(logs: the last " << kDebugLogLines << " lines, at most " << kDebugLogBytes / 1024 << " KiB each).\n\n";
  if (!d.error.empty()) out << "Not everything could be collected: " << md_text(d.error) << "\n\n";
  if (d.pods.empty()) out << "_No pods of the submission existed at the end of the scenario._\n\n";
  std::vector<const PodDebug*> order;
  for (bool trouble : {true, false})
    for (const PodDebug& p : d.pods)
      if (pod_in_trouble(p) == trouble) order.push_back(&p);
  for (const PodDebug* p : order) {
    std::ostringstream body;
    if (!p->conditions.empty()) {
      body << "Conditions:\n\n";
      for (const std::string& c : p->conditions) body << "- " << md_text(c) << "\n";
      body << "\n";
    }
    for (const ContainerDebug& c : p->containers) {
      body << "**" << md_text(c.name) << "**" << (c.init ? " (init container)" : "") << ": " << md_text(c.state)
           << (c.restarts > 0 ? ", " + std::to_string(c.restarts) + " restarts" : "");
      if (!c.last_state.empty()) body << "; previous instance: " << md_text(c.last_state);
      body << "\n\n";
      if (!c.log_error.empty()) body << "No log: " << md_text(c.log_error) << "\n\n";
      if (c.restarts > 0 && !c.previous_log.empty()) log_block(body, "Log of the previous instance (`--previous`)", c.previous_log);
      if (c.log_error.empty() || !c.log.empty()) log_block(body, "Log", c.log);
    }
    details(out, "Pod " + pod_headline(*p), body.str());
  }
  std::ostringstream events;
  if (d.events.empty()) events << "_None._\n";
  else events << md_code_block([&] {
    std::string all;
    for (const std::string& e : d.events) all += e + "\n";
    return all;
  }(), "text");
  details(out, "Events of the namespace (" + std::to_string(d.events.size()) + ")", events.str());
}

double end_of_run(const RunInfo& run, const Observations& obs) {
  double end = 0;
  for (const auto& e : obs.timeline.events()) end = std::max(end, e.t);
  for (const auto& m : obs.marks) end = std::max(end, m.t);
  return end > 0 ? end : run.wall_seconds;
}

void lifecycle(std::ostream& out, const RunInfo& run, const Observations& obs, const std::vector<PodLife>& lives) {
  heading(out, "Pod lifecycle");
  out << md_code_block(pod_lifecycle_gantt(lives, end_of_run(run, obs), obs.started_at_unix), "mermaid");
  if (!obs.marks.empty()) {
    out << "\nScenario steps:\n\n";
    for (const auto& m : obs.marks) out << "- " << format_seconds(m.t) << " " << md_text(m.id) << ": " << md_text(m.what) << "\n";
  }
}

// What lint found in the manifests before the run: it explains results, it never scores.
void manifest_analysis(std::ostream& out, const RunInfo& run) {
  heading(out, "Manifest analysis");
  if (run.lint.empty()) {
    out << "Read before the run: no findings.\n";
    return;
  }
  out << "Read before the run (`sts-grader lint`); these findings explain the results above and "
         "change no points.\n\n";
  for (const Diagnostic& d : run.lint) {
    out << "- `" << md_text(d.pos.str()) << "` **" << d.severity << "** " << md_text(d.message) << " `"
        << d.rule << "`\n";
    if (!d.fix.empty()) out << "  - fix: " << md_text(d.fix) << "\n";
  }
}

void run_section(std::ostream& out, const RunInfo& run, const Observations& obs) {
  heading(out, "Run");
  std::string ns = run.namespace_;
  if (!run.required_namespace.empty() && run.required_namespace != run.namespace_)
    ns += " (the lab's " + run.required_namespace + ", rewritten)";
  out << "- Namespace: " << md_text(ns) << "\n";
  for (const auto& r : obs.namespace_rewrites) out << "  - rewrite: " << md_text(r) << "\n";
  out << "- Rubric: " << md_text(run.rubric_id) << " (" << md_text(run.rubric_path) << ")\n";
  out << "- Scenario: " << md_text(run.scenario_id) << "\n";
  out << "- Submission: " << md_text(run.submission) << "\n";
  for (const std::string& l : run.reading) out << "  - " << md_text(l) << "\n";
  out << "- Cluster: " << md_text(run.cluster_server) << (run.cluster_context.empty() ? "" : " (context " + md_text(run.cluster_context) + ")")
      << ", Kubernetes " << md_text(run.cluster_version.empty() ? obs.cluster_version : run.cluster_version) << "\n";
  out << "- Started: " << md_text(run.started_at) << "\n";
  out << "- Wall time: " << format_seconds(run.wall_seconds) << " (waiting on the cluster " << format_seconds(run.waiting_seconds)
      << (run.verdict_seconds > 0 ? "; verdict after " + format_seconds(run.verdict_seconds) : std::string())
      << (run.cleanup_seconds > 0 ? "; cleanup " + format_seconds(run.cleanup_seconds) : std::string()) << ")\n";
  out << "- Grader CPU time: " << format_seconds(run.grader_cpu_seconds) << " (kubectl processes "
      << format_seconds(run.kubectl_cpu_seconds) << ")\n";
  out << "- Cleanup: "
      << (run.kept ? "namespace kept for inspection (--keep)"
                   : run.cleanup_pending ? "namespace and volumes being deleted (not waited for)"
                   : run.cleaned_up ? "namespace and volumes removed" : "**not confirmed**: the namespace or its volumes may remain")
      << "\n";
  out << "- Grader: " << md_text(run.grader_version) << "\n";
  if (!obs.failures.empty()) {
    out << "- Steps that did not reach their goal:\n";
    for (const auto& f : obs.failures)
      out << "  - " << md_text(f.step) << (f.infrastructure ? " (infrastructure)" : "") << ": waited for "
          << md_text(f.waited_for) << "; last seen: " << md_text(f.last_seen) << "\n";
  }
  if (!run.notes.empty()) {
    out << "- Notes:\n";
    for (const auto& n : run.notes) out << "  - " << md_text(n) << "\n";
  }
}

}  // namespace

std::string render_markdown(const RunInfo& run, const Score& score, const Observations& obs) {
  const std::vector<PodLife> lives = obs.timeline.pod_lives();
  std::ostringstream out;
  verdict_and_table(out, run, score);
  overview(out, obs);
  resource_verification(out, obs);
  network_identity(out, obs, lives);
  per_pod_storage(out, obs);
  persistence_test(out, obs, score);
  const bool debug_shown = debug_evidence_shown(score, obs);
  checks(out, score, debug_shown);
  if (debug_shown) debug_evidence(out, obs.debug);
  manifest_analysis(out, run);
  documents(out, obs);
  lifecycle(out, run, obs, lives);
  run_section(out, run, obs);
  return out.str();
}

}  // namespace sts
