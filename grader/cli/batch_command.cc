#include <cstdio>
#include <filesystem>
#include <optional>

#include "grader/batch/lms_roster.h"
#include "grader/batch/roster.h"
#include "grader/batch/shard.h"
#include "grader/cli/commands.h"
#include "grader/grading/data_dir.h"
#include "grader/base/text.h"
#include "reports/class_reports.h"
#include "reports/lms_gradebook.h"

namespace fs = std::filesystem;

namespace sts {

int batch_and_reports(const BatchConfig& cfg) {
  const BatchResult run = run_batch(cfg);
  if (!run.complete) return run.status;
  auto say = [&](const std::string& s) {
    if (!cfg.quiet) fprintf(stderr, "batch: %s\n", s.c_str());
  };
  try {
    for (const std::string& p : write_class_reports(run)) fprintf(stderr, "sts-grader: %s\n", p.c_str());
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: cannot write the batch reports: %s\n", e.what());
    return kExitNotGradable;
  }
  const fs::path out = run.out;
  char wall[32];
  snprintf(wall, sizeof wall, "%.1f s", run.facts.wall_seconds);
  say(std::to_string(run.graded) + " graded, " + std::to_string(run.ungradable) + " not gradable" +
      (run.pending ? ", " + std::to_string(run.pending) + " pending" : "") + " in " + wall + "; wrote " +
      (out / "gradebook.csv").string() + ", " + (out / "class-summary.md").string() +
      " and results.json per graded student");
  if (run.facts.interrupted)
    say("interrupted: run the same command again to grade the " + std::to_string(run.pending) +
        " pending submission(s)");
  return run.status;
}

int batch_command(const Options& o) {
  BatchConfig cfg;
  cfg.roster = o.submission;
  cfg.out = o.out;
  cfg.parallel = o.parallel;
  cfg.retries = o.retries;
  cfg.regrade = o.regrade;
  cfg.regrade_only.insert(o.regrade_only.begin(), o.regrade_only.end());
  cfg.quiet = o.quiet;
  cfg.due = o.due;
  cfg.kubeconfig = o.kubeconfig;
  cfg.context = o.context;
  if (!o.shard.empty()) cfg.shard = parse_shard(o.shard);
  cfg.merge = o.merge;
  std::error_code ec;
  auto absolute = [&](const std::string& p) { return fs::absolute(p, ec).string(); };
  if (!o.rubric.empty()) {
    cfg.rubric = absolute(o.rubric);
    cfg.grade_args.insert(cfg.grade_args.end(), {"--rubric", cfg.rubric});
  }
  if (!o.scenario.empty()) {
    cfg.scenario = absolute(o.scenario);
    cfg.grade_args.insert(cfg.grade_args.end(), {"--scenario", cfg.scenario});
  }
  if (!o.kubeconfig.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--kubeconfig", absolute(o.kubeconfig)});
  if (!o.context.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--context", o.context});
  if (!o.kubectl.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--kubectl", o.kubectl});
  if (!o.statefulset.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--statefulset", o.statefulset});
  if (!o.helm.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--helm", o.helm});
  // A values file here is the instructor's; one that is not is each repository's own (relative to it).
  for (const std::string& v : o.values) {
    std::error_code ec;
    cfg.grade_args.insert(cfg.grade_args.end(), {"--values", fs::is_regular_file(v, ec) ? absolute(v) : v});
  }
  for (const std::string& v : o.set) cfg.grade_args.insert(cfg.grade_args.end(), {"--set", v});
  for (const std::string& v : o.set_string) cfg.grade_args.insert(cfg.grade_args.end(), {"--set-string", v});
  if (!o.chart.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--chart", o.chart});
  if (!o.release.empty()) cfg.grade_args.insert(cfg.grade_args.end(), {"--release", o.release});
  for (const std::string& m : o.image_maps) cfg.grade_args.insert(cfg.grade_args.end(), {"--image-map", m});
  if (!o.storage_class.empty())
    cfg.grade_args.insert(cfg.grade_args.end(), {"--storage-class", o.storage_class});
  if (o.lms.empty()) return batch_and_reports(cfg);

  // --lms: the export is checked before anything is graded, like the roster.
  const Lms lms = *lms_from_name(o.lms);
  std::optional<LmsRoster> lms_export;
  std::string column = o.lms_column;
  try {
    if (!o.lms_roster.empty()) lms_export = load_lms_roster(o.lms_roster, lms);
    if (column.empty())
      column = load_rubric(rubric_path_or_default(cfg.rubric)).title;
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: %s\n", e.what());
    return kExitUsage;
  }
  const int status = batch_and_reports(cfg);
  if (status == kExitUsage) return status;
  try {
    std::vector<std::pair<std::string, std::string>> wheres;
    for (const RosterEntry& e : load_roster(cfg.roster).entries) wheres.emplace_back(e.student, e.where);
    for (const std::string& line :
         write_lms_gradebook(cfg.out, lms, lms_export ? &*lms_export : nullptr, column, wheres))
      fprintf(stderr, "sts-grader: %s\n", line.c_str());
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: no %s gradebook: %s\n", o.lms.c_str(), e.what());
  }
  return status;
}

}  // namespace sts
