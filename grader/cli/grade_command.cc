#include "grader/cli/commands.h"
#include "grader/grading/data_dir.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

#include "grader/cluster/api_client.h"
#include "grader/submission/read_documents.h"
#include "grader/grading/exit_status.h"
#include "grader/submission/image_map.h"
#include "grader/base/interrupt.h"
#include "grader/submission/isolation.h"
#include "grader/grading/judge.h"
#include "grader/cluster/kubeconfig.h"
#include "grader/cluster/kubectl.h"
#include "grader/lint/lint.h"
#include "grader/model/observations_io.h"
#include "grader/scenario/preflight.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/quota.h"
#include "grader/base/text.h"
#include "grader/grading/rubric.h"
#include "grader/grading/rubric_version.h"
#include "grader/model/run_info.h"
#include "grader/scenario/runner.h"
#include "grader/scenario/scenario.h"
#include "grader/submission/storage_classes.h"
#include "grader/submission/submission_source.h"
#include "grader/base/version.h"
#include "reports/step_summary.h"
#include "reports/summary.h"
#include "reports/writer.h"

namespace fs = std::filesystem;

namespace sts {

namespace {

// Inputs that are wrong stop the run before the cluster is touched.
struct NotGradable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Judge and score; a cluster fault makes the run not gradable whatever the checks say.
Score judge_run(const Rubric& rubric, const RunResult& run) {
  std::vector<CheckResult> results = judge_all(rubric, run.obs);
  Score sc = score(rubric, results);
  if (run.infrastructure) {
    sc.gradable = false;
    sc.not_gradable_reason = run.infrastructure_reason;
  }
  return sc;
}

// `progress` names each file written; null for the quiet final rewrite.
void write_all_reports(const std::string& out, const std::vector<std::string>& formats,
                       const RunInfo& info, const Score& sc, const Observations& obs,
                       Progress* progress) {
  try {
    std::vector<std::string> written = write_reports(out, formats, info, sc, obs);
    if (progress)
      for (const std::string& f : written) progress->line("wrote " + f);
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: cannot write reports: %s\n", e.what());
  }
}

std::string random_suffix() {
  std::random_device rd;
  static const char* kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 6; ++i) s += kAlphabet[rd() % 36];
  return s;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

double cpu_seconds(int who) {
  rusage ru{};
  getrusage(who, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

const Manifest* choose_statefulset(const Placement& p, const std::string& wanted,
                                   const std::vector<std::string>& lab_names) {
  std::vector<const Manifest*> sets;
  for (const Manifest& m : p.objects)
    if (m.kind() == "StatefulSet") sets.push_back(&m);
  if (!wanted.empty()) {
    for (const Manifest* m : sets)
      if (m->name() == wanted) return m;
    throw NotGradable("--statefulset " + wanted + ": no StatefulSet of that name in the submission");
  }
  // Several: the one the lab names (rubric lint.statefulset_names), so a
  // batch needs no --statefulset per student; only when exactly one matches.
  if (sets.size() > 1) {
    std::vector<const Manifest*> named;
    for (const Manifest* m : sets)
      if (std::find(lab_names.begin(), lab_names.end(), m->name()) != lab_names.end()) named.push_back(m);
    if (named.size() == 1) return named[0];
  }
  if (sets.size() > 1) {
    std::string names;
    for (const Manifest* m : sets) names += " " + m->name() + " (" + m->pos.str() + ")";
    throw NotGradable("the submission has several StatefulSets:" + names +
                      "; name the one to grade with --statefulset");
  }
  return sets.empty() ? nullptr : sets[0];
}

// One `grade` run, in the order it happens. Each step either succeeds or
// ends the run with its exit status (`status_`).
class Grading {
 public:
  explicit Grading(const Options& o)
      : o_(o),
        wall_start_(std::chrono::steady_clock::now()),
        // rusage survives exec: a script that built things and then exec'd us
        // would have its compilers' CPU counted as ours. Count only from here.
        self_cpu_start_(cpu_seconds(RUSAGE_SELF)),
        children_cpu_start_(cpu_seconds(RUSAGE_CHILDREN)),
        progress_(stderr, o.quiet) {
    info_.grader_version = kVersion;
    info_.submission = o.submission;
    info_.started_at = utc_now();
  }

  int run() {
    if (!read_inputs() || !check_cluster()) return status_;
    return run_scenario_and_report();
  }

 private:
  bool stop(int status) {
    status_ = status;
    return false;
  }

  // 1. Everything that can be wrong with the inputs, before the cluster: the
  // rubric, its scenario, the submission read, mapped, placed and linted.
  bool read_inputs() {
    try {
      const std::string rubric_path = rubric_path_or_default(o_.rubric);
      rubric_ = load_rubric(rubric_path);
      std::vector<std::string> problems = validate_rubric(rubric_);
      if (!problems.empty()) throw NotGradable(problems.front());
      const std::string scenario_path = scenario_path_or_default(o_.scenario, rubric_path, rubric_);
      scenario_ = load_scenario(scenario_path);
      info_.rubric_hash = rubric_fingerprint(rubric_path, scenario_path);
      info_.rubric_id = rubric_.id;
      info_.rubric_title = rubric_.title;
      info_.rubric_path = rubric_path;
      info_.scenario_id = scenario_.id;
      info_.required_namespace = rubric_.required_namespace;
      SubmissionReading reading =
          read_repository(o_.submission, submission_options(o_, rubric_.required_namespace));
      std::vector<Manifest> manifests = std::move(reading.manifests);
      if (reading.discovery) {
        info_.discovery = reading.discovery->to_json();
        info_.reading = discovery::reading_lines(*reading.discovery);
        report_document_ = reading.discovery->reading->report;
      }
      // The instructor's image substitutions, after the rendering, before the policy.
      std::vector<ImageMapping> maps;
      for (const std::string& m : o_.image_maps) maps.push_back(parse_image_mapping(m));
      for (const std::string& n : apply_image_map(manifests, maps)) {
        info_.notes.push_back(n);
        info_.reading.push_back("image " + n);
      }
      if (!maps.empty()) info_.discovery["image_map"] = o_.image_maps;
      for (const std::string& l : info_.reading) progress_.line("submission: " + l);
      info_.namespace_ = "sts-grader-" + random_suffix();
      placed_ = place(manifests, info_.namespace_);
      info_.lint = lint(manifests, lint_config(rubric_));  // explains; never scores
      sts_ = choose_statefulset(placed_, o_.statefulset, rubric_.lint.statefulset_names);
      creds_ = load_kubeconfig({o_.kubeconfig, o_.context, std::nullopt, std::nullopt});
      info_.cluster_server = creds_.server;
      info_.cluster_context = creds_.context_name;
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: not gradable: %s\n", terminal_safe(e.what()).c_str());
      return stop(kExitNotGradable);
    }
    if (!o_.quiet) print_diagnostics(stderr, info_.lint, false);
    for (const std::string& n : placed_.notes) info_.notes.push_back(n);
    if (!rubric_.required_namespace.empty())
      for (const std::string& ns : placed_.submitted_namespaces)
        if (ns != rubric_.required_namespace)
          info_.notes.push_back("the lab asks for namespace " + rubric_.required_namespace +
                                "; the submission uses " + ns);
    return true;
  }

  // 2. Is this cluster able to run the lab at all? Claims go on a class it
  // has (grader/submission/storage_classes.h), then preflight judges them,
  // all before anything is applied.
  bool check_cluster() {
    try {
      ApiClient api(creds_, {}, RetryPolicy::quick());
      StorageClassPlacement classes = place_storage_classes(
          placed_.objects, api.list(collection_path(resource_kind("StorageClass"))), o_.storage_class);
      if (!classes.problem.empty()) {
        fprintf(stderr, "sts-grader: not gradable: %s\n", terminal_safe(classes.problem).c_str());
        return stop(kExitNotGradable);
      }
      for (const std::string& n : classes.notes) {
        progress_.line("storage: " + n);
        info_.notes.push_back(n);
      }
      PreflightResult pre = preflight(api, sts_ ? sts_->object : Json(), placed_.objects, &info_.cluster_version);
      for (const std::string& n : pre.notices) progress_.line("preflight: " + n);
      if (!pre.problems.empty()) {
        for (const std::string& p : pre.problems) fprintf(stderr, "sts-grader: not gradable: %s\n", p.c_str());
        return stop(kExitNotGradable);
      }
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: not gradable: cluster %s unreachable: %s\n", creds_.server.c_str(),
              e.what());
      return stop(kExitNotGradable);
    }
    progress_.line("grading " + o_.submission + " with " + rubric_.id + " on " + creds_.server + " (" +
                   info_.cluster_version + ") in namespace " + info_.namespace_);
    return true;
  }

  // 3. The scenario, with guaranteed cleanup; the verdict as soon as the
  // evidence is complete (on_evidence), the final reports after cleanup.
  int run_scenario_and_report() {
    Kubectl kubectl(o_.kubectl, o_.kubeconfig, creds_.context_name, &interrupted());
    RunRequest req;
    req.scenario = &scenario_;
    req.creds = creds_;
    req.kubectl = &kubectl;
    req.progress = &progress_;
    req.objects = placed_.objects;
    req.ns = info_.namespace_;
    req.statefulset = sts_ ? sts_->name() : "";
    req.keep = o_.keep;
    req.no_wait_cleanup = o_.no_wait_cleanup;
    // Every run is bounded, `grade` too (docs/security.md): sized for this
    // submission's own requests at the scenario's peak, so a legal one fits.
    const Json& initial = sts_ ? node_at(sts_->object, {"spec", "replicas"}) : Json();
    const GradingQuota quota = quota_for(placed_.objects, req.statefulset,
                                         scenario_peak_replicas(scenario_, initial.is_number() ? initial.get<int>() : 1));
    req.quota = &quota;
    info_.statefulset = req.statefulset;
    info_.kept = o_.keep;
    // Read before the run: what was submitted, not what the run leaves behind.
    documents_ = read_documents(o_.submission, {o_.out});
    req.on_evidence = [this](RunResult& run) { report_verdict(run); };
    RunResult run = run_scenario(req);
    record(run);
    info_.cleaned_up = run.cleaned_up;
    info_.cleanup_pending = o_.no_wait_cleanup && !info_.kept;
    info_.cleanup_seconds = run.cleanup_seconds;
    for (const std::string& n : run.notes) info_.notes.push_back(n);
    if (!judged_) {
      // Interrupted: no verdict, the evidence is incomplete.
      fprintf(stderr, "sts-grader: interrupted (signal %d); namespace %s %s\n", interrupt_signal(),
              info_.namespace_.c_str(), run.cleaned_up ? "cleaned up" : "NOT fully cleaned up");
      return kExitInterrupted;
    }
    // 5. The final reports, now with the cleanup's outcome and the whole wall time.
    measure(run);
    write_all_reports(o_.out, o_.formats, info_, score_, run.obs, nullptr);
    append_step_summary();
    if (!info_.kept) fputs(terminal_safe(cleanup_line(info_)).c_str(), stdout);
    return grade_exit_status(score_, PassBar{o_.min_score, o_.min_score_percent});
  }

  // 4. Judged, scored, reported and printed while the namespace is still
  // being deleted; the reports are written again once cleanup is confirmed.
  void report_verdict(RunResult& run) {
    run.obs.cluster_version = info_.cluster_version;
    run.obs.documents = std::move(documents_);
    run.obs.report_document = report_document_;
    score_ = judge_run(rubric_, run);
    // --keep=on-failure: what a student or instructor inspects is the run
    // that went wrong, left as the checks saw it.
    if (o_.keep_on_failure && grade_exit_status(score_, PassBar{o_.min_score, o_.min_score_percent}) != kExitPass) {
      run.keep = true;
      info_.kept = true;
    }
    measure(run);
    info_.verdict_seconds = info_.wall_seconds;
    info_.scenario_seconds = run.scenario_seconds;
    info_.scenario_waiting_seconds = run.scenario_waiting_seconds;
    info_.cleanup_pending = !info_.kept;
    write_all_reports(o_.out, o_.formats, info_, score_, run.obs, &progress_);
    fputs(terminal_safe(terminal_summary(info_, score_, run.obs)).c_str(), stdout);
    fflush(stdout);
    judged_ = true;
  }

  void measure(const RunResult& run) {
    info_.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
    info_.grader_cpu_seconds = cpu_seconds(RUSAGE_SELF) - self_cpu_start_;
    info_.kubectl_cpu_seconds = cpu_seconds(RUSAGE_CHILDREN) - children_cpu_start_;
    info_.waiting_seconds = run.waiting_seconds;
  }

  // --record FILE: the run's observations, for replaying into the checks.
  void record(const RunResult& run) {
    if (o_.record.empty()) return;
    try {
      ObservationsJsonOptions record_opt;
      record_opt.strip_managed_fields = true;   // no check reads them; most of the bytes
      write_observations_file(o_.record, run.obs, record_opt);
      progress_.line("recorded observations to " + o_.record);
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: cannot record observations: %s\n", e.what());
    }
  }

  // GitHub Actions: the job summary, appended as the runner expects.
  void append_step_summary() const {
    const char* summary = getenv("GITHUB_STEP_SUMMARY");
    if (!summary || !*summary) return;
    if (FILE* f = fopen(summary, "a")) {
      std::string md = render_step_summary(info_, score_);
      fwrite(md.data(), 1, md.size(), f);
      fclose(f);
    } else {
      fprintf(stderr, "sts-grader: cannot append to $GITHUB_STEP_SUMMARY (%s)\n", summary);
    }
  }

  const Options& o_;
  const std::chrono::steady_clock::time_point wall_start_;
  const double self_cpu_start_, children_cpu_start_;
  Progress progress_;
  RunInfo info_;
  int status_ = kExitNotGradable;
  Rubric rubric_;
  Scenario scenario_;
  Placement placed_;
  const Manifest* sts_ = nullptr;    // into placed_
  ClusterCredentials creds_;
  std::string report_document_;
  std::map<std::string, std::string> documents_;
  Score score_;
  bool judged_ = false;
};

}  // namespace

int grade_command(const Options& o) {
  install_interrupt_handlers();
  return Grading(o).run();
}

}  // namespace sts
