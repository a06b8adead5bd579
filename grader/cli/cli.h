// Command-line parsing. Usage errors exit 64 (EX_USAGE).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/base/exit_codes.h"
#include "grader/submission/submission_source.h"

namespace sts {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `sts-grader COMMAND --help` (or `help COMMAND`): what() is that command's
// help, for stdout and exit 0. A bare `help` or `--help` is command "help".
struct HelpRequested : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string command;               // grade, lint, batch, gradescope-package, version, help
  std::string submission;            // for batch: the roster (CSV file or folder)
  std::string rubric;                // path; "" -> the default lab04-section3
  std::string scenario;              // path; "" -> from the rubric
  std::string kubeconfig;
  std::string context;
  std::string out = "sts-grader-report";
  std::string kubectl;               // "" -> kubectl on PATH
  std::string statefulset;           // when a submission has several
  std::string record;                // "" -> none; else write the run's observations (JSON) here
  std::vector<std::string> formats = {"markdown", "json", "junit"};
  std::string lint_format = "text";  // lint: text, json, sarif, github
  std::string helm;                  // "" -> $STS_HELM, then helm on PATH (Helm chart submissions)
  std::vector<std::string> values;   // helm --values files, in order
  std::vector<std::string> set, set_string;  // helm --set / --set-string, in order
  std::string chart;                 // the chart folder to grade (relative to the submission)
  std::string release;               // the Helm release name
  std::vector<std::string> image_maps;  // --image-map FROM=TO, in order (grader/submission/image_map.h)
  std::string overrides_from = "cli";  // cli | roster (batch passes roster for a row's own columns)
  double min_score = -1;             // --min-score; < 0: every check must pass
  bool min_score_percent = false;    // min_score is a percentage of machine-graded points
  bool keep = false;                 // --keep (=always)
  bool keep_on_failure = false;      // --keep=on-failure
  std::string keep_mode;             // as given: "", always, on-failure
  bool no_wait_cleanup = false;      // grade: ask for the namespace deletion, do not wait for it
  std::string storage_class;         // grade, batch: every claim on this StorageClass (grader/submission/storage_classes.h)
  bool quiet = false;
  bool quota = false;                // grade: bound the namespace (grader/scenario/quota.h)
  int parallel = 1;                  // batch: gradings at once
  int retries = 2;                   // batch: new attempts for a not-gradable run
  bool regrade = false;              // batch: grade again what is graded already
  std::vector<std::string> regrade_only;  // batch: grade again only these students
  std::string due;                   // batch: deadline (RFC 3339), overrides the rubric's
  std::string lms;                   // batch: "canvas" or "moodle": also write its gradebook import
  std::string lms_roster;            // batch: the LMS's gradebook export, to match students
  std::string lms_column;            // batch: the assignment column; "" -> the rubric's title
  std::string shard;                 // batch: "I/N", grade the I-th of N shares of the roster (grader/batch/shard.h)
  std::vector<std::string> merge;    // batch: shard output folders to gather into one gradebook
};

Options parse_args(const std::vector<std::string>& args);

// The options `grade` and `lint` pass to the submission reader: --helm,
// --values, --kubectl; helm renders into `namespace_`.
SubmissionOptions submission_options(const Options& o, const std::string& namespace_);
std::string usage();

}  // namespace sts
