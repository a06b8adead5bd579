// Facts about one grading run that reports show beside the score.
#pragma once
#include <string>
#include <vector>

#include "grader/base/json.h"

#include "grader/model/lint_diagnostic.h"

namespace sts {

struct RunInfo {
  std::string grader_version;
  std::string submission;            // path as given
  std::string rubric_id, rubric_title, rubric_path;
  std::string rubric_hash;           // the rubric and scenario files' content (grader/grading/rubric_version.h)
  std::string scenario_id;
  std::string cluster_server;        // API server URL
  std::string cluster_context;
  std::string cluster_version;
  std::string namespace_;
  std::string required_namespace;    // what the lab asks for; rewritten to namespace_
  std::string statefulset;
  std::string started_at;            // RFC 3339, UTC
  double wall_seconds = 0;           // whole run (so far, while cleanup_pending)
  double verdict_seconds = 0;        // start to the verdict: evidence complete, judged
  double cleanup_seconds = 0;        // deleting the namespace until it and its PVs are gone
  // The first step begun until the evidence was complete, and how much of
  // it was spent waiting on the cluster: the rest is the grader's own time.
  double scenario_seconds = 0, scenario_waiting_seconds = 0;
  double grader_cpu_seconds = 0;     // the grader's own CPU time (user+sys)
  double kubectl_cpu_seconds = 0;    // CPU time of the kubectl processes it ran
  double waiting_seconds = 0;        // time spent waiting on the cluster
  bool kept = false;                 // --keep: namespace left for inspection
  bool cleaned_up = false;           // namespace and PVs confirmed gone
  // The verdict is reported before cleanup finishes; the reports are written
  // again when it has (grade.cc), so only a --no-wait-cleanup run keeps this.
  bool cleanup_pending = false;
  std::vector<std::string> notes;    // e.g. namespace rewrites, cleanup problems
  std::vector<Diagnostic> lint;      // manifest analysis before the run: explains, never scores
  // Submission discovery (docs/submission-discovery.md): what was graded and
  // what was tried, as report.json's submission_discovery; null for a file.
  Json discovery;
  std::vector<std::string> reading;  // the same, one line per fact, for the Markdown and terminal
};

}  // namespace sts
