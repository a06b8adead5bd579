#include "reports/json_report.h"

#include "grader/model/observations_io.h"
#include "reports/debug_text.h"
#include "reports/lint_json.h"
#include "reports/verdict.h"

namespace sts {

namespace {

Json at_json(const std::optional<PodLife::At>& at) {
  if (!at) return nullptr;
  return {{"seq", at->seq}, {"t", at->t}};
}

Json run_json(const RunInfo& run) {
  Json j = {{"grader_version", run.grader_version},
          {"submission", run.submission},
          {"rubric", {{"id", run.rubric_id}, {"title", run.rubric_title}, {"path", run.rubric_path},
                      {"content_hash", run.rubric_hash}}},
          {"scenario", run.scenario_id},
          {"cluster",
           {{"server", run.cluster_server}, {"context", run.cluster_context}, {"version", run.cluster_version}}},
          {"namespace", run.namespace_},
          {"required_namespace", run.required_namespace},
          {"statefulset", run.statefulset},
          {"started_at", run.started_at},
          {"wall_seconds", run.wall_seconds},
          {"verdict_seconds", run.verdict_seconds},
          {"cleanup_seconds", run.cleanup_seconds},
          {"scenario_seconds", run.scenario_seconds},
          {"scenario_waiting_seconds", run.scenario_waiting_seconds},
          {"grader_cpu_seconds", run.grader_cpu_seconds},
          {"kubectl_cpu_seconds", run.kubectl_cpu_seconds},
          {"waiting_seconds", run.waiting_seconds},
          {"kept", run.kept},
          {"cleaned_up", run.cleaned_up},
          {"cleanup_pending", run.cleanup_pending},
          {"notes", run.notes}};
  if (!run.discovery.is_null()) j["submission_discovery"] = run.discovery;
  return j;
}

Json score_json(const Score& s) {
  int manual = 0;
  for (const auto& it : s.items) manual += it.item.manual;
  return {{"earned", s.gradable ? Json(s.earned) : Json(nullptr)},
          {"possible", s.possible},
          {"machine_possible", s.machine_possible},
          {"bonus_possible", s.bonus_possible},
          {"machine_share", machine_share_line(s)},
          {"gradable", s.gradable},
          {"reason", s.not_gradable_reason},
          {"verdict", verdict_line(s)},
          {"counts",
           {{"passed", s.passed}, {"failed", s.failed}, {"errors", s.errors}, {"skipped", s.skipped}, {"manual", manual}}}};
}

Json check_json(const ScoredItem& it, bool debug_shown) {
  Json assertions = Json::array(), evidence = Json::array();
  const bool shown = !it.item.hidden;
  if (shown) {
    for (const auto& a : it.result.assertions) {
      auto w = it.item.assertion_weights.find(a.id);
      assertions.push_back({{"id", a.id},
                            {"description", a.description},
                            {"passed", a.passed},
                            {"detail", a.detail},
                            {"weight", w == it.item.assertion_weights.end() ? 1.0 : w->second}});
    }
    for (const auto& e : it.result.evidence)
      evidence.push_back({{"label", e.label}, {"text", e.text}, {"t", e.t >= 0 ? Json(e.t) : Json(nullptr)}});
  }
  return {{"id", it.item.check},
          {"title", item_title(it)},
          {"status", item_status(it)},
          {"points", it.item.points},
          {"earned", it.earned},
          {"partial", it.item.partial},
          {"manual", it.item.manual},
          {"hidden", it.item.hidden},
          {"requires", it.item.requires_},
          {"bonus", it.item.bonus},
          {"summary", item_summary(it)},
          {"assertions", assertions},
          {"evidence", evidence},
          {"explanation", shown ? it.result.explanation : ""},
          {"hint", shown ? it.result.hint : ""},
          {"debug_evidence", debug_shown && shows_debug_evidence(it)}};
}

// The run's debug evidence, for the items whose debug_evidence is true; null
// when no item shows it (all passed, or only hidden items failed).
Json debug_json(const Score& score, const Observations& obs) {
  if (!debug_evidence_shown(score, obs)) return nullptr;
  return {{"t", obs.debug.t},
          {"pods", records_json(obs.debug.pods, pod_debug_json, RecordView::kReport)},
          {"events", obs.debug.events},
          {"error", obs.debug.error}};
}

// The observations section: the model's own records (grader/model/observations_io.h,
// RecordView::kReport), plus each pod's lives, which only the report derives.
Json observations_json(const Observations& obs) {
  Json lives = Json::array(), snapshots = Json::array(), documents = Json::array();
  for (const auto& l : obs.timeline.pod_lives())
    lives.push_back({{"name", l.name},
                     {"uid", l.uid},
                     {"ordinal", l.ordinal},
                     {"ip", l.ip},
                     {"claims", l.claims},
                     {"created", at_json(l.created)},
                     {"running", at_json(l.running)},
                     {"ready", at_json(l.ready)},
                     {"terminating", at_json(l.terminating)},
                     {"deleted", at_json(l.deleted)},
                     {"restarts", l.restarts},
                     {"last_phase", l.last_phase},
                     {"last_reason", l.last_reason},
                     {"creation_timestamp", l.creation_timestamp}});
  for (const auto& [id, s] : obs.snapshots) snapshots.push_back({{"id", id}, {"t", s.t}, {"seq", s.seq}});
  for (const auto& [path, text] : obs.documents) documents.push_back({{"path", path}, {"bytes", text.size()}});
  return {{"namespace", obs.namespace_},
          {"statefulset", obs.statefulset},
          {"namespace_rewrites", obs.namespace_rewrites},
          {"cluster_version", obs.cluster_version},
          {"started_at_unix", obs.started_at_unix},
          {"scenario_params", obs.scenario_params.is_null() ? Json::object() : obs.scenario_params},
          {"marks", records_json(obs.marks, mark_json, RecordView::kReport)},
          {"snapshots", snapshots},
          {"pod_lives", lives},
          {"volume_reads", records_json(obs.volume_reads, volume_read_json, RecordView::kReport)},
          {"dns_lookups", records_json(obs.dns, dns_lookup_json, RecordView::kReport)},
          {"http_exchanges", records_json(obs.http, http_exchange_json, RecordView::kReport)},
          {"documents", documents},
          {"failures", records_json(obs.failures, step_failure_json, RecordView::kReport)}};
}

}  // namespace

Json report_json(const RunInfo& run, const Score& score, const Observations& obs) {
  Json checks = Json::array();
  const bool debug_shown = debug_evidence_shown(score, obs);
  for (const auto& it : score.items) checks.push_back(check_json(it, debug_shown));
  Json lint = Json::array();
  for (const Diagnostic& d : run.lint) lint.push_back(diagnostic_json(d));
  return {{"schema", kReportSchema},
          {"run", run_json(run)},
          {"score", score_json(score)},
          {"checks", checks},
          {"lint", lint},
          {"debug_evidence", debug_json(score, obs)},
          {"observations", observations_json(obs)}};
}

std::string render_json(const RunInfo& run, const Score& score, const Observations& obs) {
  // Student content may be any bytes; replace rather than throw on bad UTF-8.
  return report_json(run, score, obs).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sts
