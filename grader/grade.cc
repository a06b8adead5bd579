#include "grader/grade.h"
#include "source_paths.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

#include "grader/api_client.h"
#include "grader/documents.h"
#include "grader/exit_status.h"
#include "grader/image_map.h"
#include "grader/interrupt.h"
#include "grader/isolation.h"
#include "grader/judge.h"
#include "grader/kubeconfig.h"
#include "grader/kubectl.h"
#include "grader/lint.h"
#include "grader/observations_io.h"
#include "grader/preflight.h"
#include "grader/progress.h"
#include "grader/quota.h"
#include "reports/text.h"
#include "grader/rubric.h"
#include "grader/run_info.h"
#include "grader/runner.h"
#include "grader/scenario.h"
#include "grader/storage_classes.h"
#include "grader/submission_source.h"
#include "grader/version.h"
#include "reports/step_summary.h"
#include "reports/summary.h"
#include "reports/writer.h"

namespace fs = std::filesystem;

namespace sts {

std::string data_dir() {
  if (const char* env = getenv("STS_GRADER_DATA"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "sts-grader";
    if (fs::exists(share / "rubrics", ec)) return share.string();
  }
  return STS_SOURCE_DIR;
}

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

}  // namespace

int grade_command(const Options& o) {
  install_interrupt_handlers();
  auto wall_start = std::chrono::steady_clock::now();
  // rusage survives exec: a script that built things and then exec'd us would
  // have its compilers' CPU counted as ours. Count only what accrues from here.
  const double self_cpu_start = cpu_seconds(RUSAGE_SELF);
  const double children_cpu_start = cpu_seconds(RUSAGE_CHILDREN);
  Progress progress(stderr, o.quiet);
  RunInfo info;
  info.grader_version = kVersion;
  info.submission = o.submission;
  info.started_at = utc_now();

  // 1. Everything that can be wrong with the inputs, before the cluster.
  Rubric rubric;
  Scenario scenario;
  Placement placed;
  const Manifest* sts = nullptr;
  ClusterCredentials creds;
  std::string report_document;
  try {
    std::string rubric_path =
        o.rubric.empty() ? data_dir() + "/rubrics/lab04-section3.yaml" : o.rubric;
    rubric = load_rubric(rubric_path);
    std::vector<std::string> problems = validate_rubric(rubric);
    if (!problems.empty()) throw NotGradable(problems.front());
    std::string scenario_path =
        !o.scenario.empty() ? o.scenario
                            : (fs::path(rubric_path).parent_path() / ".." / "scenarios" /
                               (rubric.scenario + ".yaml")).lexically_normal().string();
    scenario = load_scenario(scenario_path);
    info.rubric_id = rubric.id;
    info.rubric_title = rubric.title;
    info.rubric_path = rubric_path;
    info.scenario_id = scenario.id;
    info.required_namespace = rubric.required_namespace;
    SubmissionReading reading = read_repository(o.submission, submission_options(o, rubric.required_namespace));
    std::vector<Manifest> manifests = std::move(reading.manifests);
    if (reading.discovery) {
      info.discovery = reading.discovery->to_json();
      info.reading = discovery::reading_lines(*reading.discovery);
      report_document = reading.discovery->reading->report;
    }
    // The instructor's image substitutions, after the rendering, before the policy.
    std::vector<ImageMapping> maps;
    for (const std::string& m : o.image_maps) maps.push_back(parse_image_mapping(m));
    for (const std::string& n : apply_image_map(manifests, maps)) {
      info.notes.push_back(n);
      info.reading.push_back("image " + n);
    }
    if (!maps.empty()) info.discovery["image_map"] = o.image_maps;
    for (const std::string& l : info.reading) progress.line("submission: " + l);
    info.namespace_ = "sts-grader-" + random_suffix();
    placed = place(manifests, info.namespace_);
    info.lint = lint(manifests, lint_config(rubric));  // explains; never scores
    sts = choose_statefulset(placed, o.statefulset, rubric.lint.statefulset_names);
    creds = load_kubeconfig({o.kubeconfig, o.context, std::nullopt, std::nullopt});
    info.cluster_server = creds.server;
    info.cluster_context = creds.context_name;
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: not gradable: %s\n", terminal_safe(e.what()).c_str());
    return kExitNotGradable;
  }
  if (!o.quiet) print_diagnostics(stderr, info.lint, false);
  for (const std::string& n : placed.notes) info.notes.push_back(n);
  if (!rubric.required_namespace.empty())
    for (const std::string& ns : placed.submitted_namespaces)
      if (ns != rubric.required_namespace)
        info.notes.push_back("the lab asks for namespace " + rubric.required_namespace +
                             "; the submission uses " + ns);

  // 2. Preflight: is this cluster able to run a lab at all?
  try {
    // A shorter retry budget than the run's: a student without a cluster
    // should hear so in seconds, while a blip still gets retried.
    ApiClient api(creds, {}, RetryPolicy{std::chrono::milliseconds(250), std::chrono::seconds(2),
                                          std::chrono::seconds(10)});
    // Claims on a class this cluster has (grader/storage_classes.h), before
    // preflight judges them and before anything is applied.
    StorageClassPlacement classes = place_storage_classes(
        placed.objects, api.list(collection_path(resource_kind("StorageClass"))), o.storage_class);
    if (!classes.problem.empty()) {
      fprintf(stderr, "sts-grader: not gradable: %s\n", terminal_safe(classes.problem).c_str());
      return kExitNotGradable;
    }
    for (const std::string& n : classes.notes) {
      progress.line("storage: " + n);
      info.notes.push_back(n);
    }
    PreflightResult pre = preflight(api, sts ? sts->object : Json(), placed.objects,
                                    &info.cluster_version);
    for (const std::string& n : pre.notices) progress.line("preflight: " + n);
    if (!pre.problems.empty()) {
      for (const std::string& p : pre.problems) fprintf(stderr, "sts-grader: not gradable: %s\n", p.c_str());
      return kExitNotGradable;
    }
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: not gradable: cluster %s unreachable: %s\n",
            creds.server.c_str(), e.what());
    return kExitNotGradable;
  }
  progress.line("grading " + o.submission + " with " + rubric.id + " on " + creds.server + " (" +
                info.cluster_version + ") in namespace " + info.namespace_);

  // 3. The scenario, with guaranteed cleanup.
  Kubectl kubectl(o.kubectl, o.kubeconfig, creds.context_name, &interrupted());
  RunRequest req;
  req.scenario = &scenario;
  req.creds = creds;
  req.kubectl = &kubectl;
  req.progress = &progress;
  req.objects = placed.objects;
  req.ns = info.namespace_;
  req.statefulset = sts ? sts->name() : "";
  req.keep = o.keep;
  // Every run is bounded, `grade` too (docs/security.md): sized for this
  // submission's own requests at the scenario's peak, so a legal one fits.
  const Json& initial = sts ? node_at(sts->object, {"spec", "replicas"}) : Json();
  const GradingQuota quota = quota_for(placed.objects, req.statefulset,
                                       scenario_peak_replicas(scenario, initial.is_number() ? initial.get<int>() : 1));
  req.quota = &quota;
  // Read before the run: what was submitted, not what the run leaves behind.
  std::map<std::string, std::string> documents = read_documents(o.submission, {o.out});
  Score sc;
  bool judged = false;
  auto measure = [&](const RunResult& run) {
    info.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    info.grader_cpu_seconds = cpu_seconds(RUSAGE_SELF) - self_cpu_start;
    info.kubectl_cpu_seconds = cpu_seconds(RUSAGE_CHILDREN) - children_cpu_start;
    info.waiting_seconds = run.waiting_seconds;
  };
  // 4. The verdict as soon as the evidence is complete: judged, scored,
  // reported and printed while the namespace is still being deleted. The
  // reports are written again once cleanup is confirmed (or not), below.
  req.on_evidence = [&](RunResult& run) {
    run.obs.cluster_version = info.cluster_version;
    run.obs.documents = std::move(documents);
    run.obs.report_document = report_document;
    sc = judge_run(rubric, run);
    measure(run);
    info.verdict_seconds = info.wall_seconds;
    info.scenario_seconds = run.scenario_seconds;
    info.scenario_waiting_seconds = run.scenario_waiting_seconds;
    info.statefulset = req.statefulset;
    info.kept = o.keep;
    info.cleanup_pending = !o.keep;
    write_all_reports(o.out, o.formats, info, sc, run.obs, &progress);
    fputs(terminal_safe(terminal_summary(info, sc, run.obs)).c_str(), stdout);
    fflush(stdout);
    judged = true;
  };
  req.no_wait_cleanup = o.no_wait_cleanup;
  RunResult run = run_scenario(req);
  if (!o.record.empty()) {
    try {
      ObservationsJsonOptions record_opt;
      record_opt.strip_managed_fields = true;   // no check reads them; most of the bytes
      write_observations_file(o.record, run.obs, record_opt);
      progress.line("recorded observations to " + o.record);
    } catch (const std::exception& e) {
      fprintf(stderr, "sts-grader: cannot record observations: %s\n", e.what());
    }
  }
  info.statefulset = req.statefulset;
  info.kept = o.keep;
  info.cleaned_up = run.cleaned_up;
  info.cleanup_pending = o.no_wait_cleanup && !o.keep;
  info.cleanup_seconds = run.cleanup_seconds;
  for (const std::string& n : run.notes) info.notes.push_back(n);
  if (!judged) {
    // Interrupted: no verdict, the evidence is incomplete.
    fprintf(stderr, "sts-grader: interrupted (signal %d); namespace %s %s\n", interrupt_signal(),
            info.namespace_.c_str(), run.cleaned_up ? "cleaned up" : "NOT fully cleaned up");
    return kExitInterrupted;
  }

  // 5. The final reports, now with the cleanup's outcome and the whole wall time.
  measure(run);
  write_all_reports(o.out, o.formats, info, sc, run.obs, nullptr);
  // GitHub Actions: the job summary, appended as the runner expects.
  if (const char* summary = getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
    if (FILE* f = fopen(summary, "a")) {
      std::string md = render_step_summary(info, sc);
      fwrite(md.data(), 1, md.size(), f);
      fclose(f);
    } else {
      fprintf(stderr, "sts-grader: cannot append to $GITHUB_STEP_SUMMARY (%s)\n", summary);
    }
  }
  if (!o.keep) fputs(terminal_safe(cleanup_line(info)).c_str(), stdout);
  return grade_exit_status(sc, o);
}

}  // namespace sts
