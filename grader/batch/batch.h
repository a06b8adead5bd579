// `sts-grader batch ROSTER`: grades a class, N submissions at a time.
//
// Each submission is graded by a child `sts-grader grade` process (this same
// binary) with --quota, in its own namespace, its output in
// DIR/students/<id>/ (reports and grader.log). The child is the unit of
// isolation: its namespace, its cleanup, its exit status. run_batch reads
// each child's report.json into the class's outcomes; the command
// (grader/cli/batch_command.h) has them written as DIR/gradebook.csv,
// DIR/students/<id>/results.json (Gradescope) and DIR/class-summary.md.
//
// Resumable: DIR/students/<id>/batch.json records what was graded (the
// submission's fingerprint, the rubric's id and content hash, the grader's
// version); a student whose record and report.json show a gradable result
// for the same submission, rubric version and grader is kept on the next
// run, unless --regrade (everyone) or --regrade-only ID... Not-gradable
// results are retried.
//
// Ctrl-C / SIGTERM: forwarded to every child (each in its own process group,
// so the signal reaches it once, from the batch); the batch waits for them to
// clean up their namespaces, then exits 130. A child that outlives the
// deadline is killed, and its namespace named as possibly left.
#pragma once
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "grader/batch/batch_outcome.h"
#include "grader/grading/rubric.h"
#include "grader/batch/shard.h"

namespace sts {

struct BatchConfig {
  std::string roster;
  std::string out = "sts-grader-batch";
  int parallel = 1;
  // A run the cluster spoiled (not gradable: a stall, a registry hiccup) is
  // graded again in a fresh namespace, up to this many more times.
  int retries = 2;
  bool regrade = false;
  std::set<std::string> regrade_only;  // --regrade-only ID...: these students again, whatever they have
  std::string scenario;              // --scenario; "" the rubric's (also in grade_args)
  bool quiet = false;
  std::string due;                   // --due; "" the rubric's
  std::string rubric;                // "" the default rubric
  std::string kubeconfig, context;   // for the cluster check (and passed on)
  std::vector<std::string> grade_args;  // passed to every child after its own
  std::string grader;                // child binary; "" this executable
  bool check_cluster = true;         // fail fast when the cluster is unreachable
  Shard shard;                       // --shard I/N: grade only that share (grader/batch/shard.h)
  std::vector<std::string> merge;    // --merge DIR...: the shards' outputs; grade nothing, gather
  // Past this after a forwarded signal a child is killed. A child's own
  // cleanup is bounded (runner: 4 min, then 1 min for released volumes).
  std::chrono::seconds kill_after{360};
};

// What a batch run ends with: the outcome of every student on the roster,
// ready for the class reports, or (complete false) why it stopped before
// grading anyone (an invalid roster, rubric or --due: kExitUsage; an
// unreachable cluster: kExitNotGradable).
struct BatchResult {
  int status = 0;                    // the exit status for this run
  bool complete = false;             // outcomes, rubric and facts are set
  std::string out;                   // the output folder, absolute
  Rubric rubric;
  std::vector<StudentOutcome> outcomes;  // roster order
  BatchFacts facts;
  int graded = 0, ungradable = 0, pending = 0;
};

BatchResult run_batch(const BatchConfig& cfg);

// What identifies a submission's content: the git tree id for a ref, else a
// hash of the folder's file names and contents ("" and *error on failure).
std::string submission_fingerprint(const std::string& path, const std::string& ref,
                                   std::string* error);

}  // namespace sts
