#include "grader/cli.h"

#include "grader/image_map.h"

#include <algorithm>
#include <sstream>

#include "grader/shard.h"

namespace sts {

std::string usage() {
  return R"(usage: sts-grader <command> [options]

commands:
  grade DIR   deploy the submission in DIR into a fresh namespace, drive the
              rubric's scenario, judge every check, write reports
  lint DIR    read the submission and report problems without a cluster
              (the rules: docs/lint-rules.md)
  batch ROSTER
              grade a class: every submission of ROSTER (a CSV file or a
              folder of submission folders), see docs/batch.md
  gradescope-package
              write a Gradescope autograder (setup.sh, run_autograder, this
              binary, kubectl, the rubric, the kubeconfig) for one rubric:
              --rubric FILE --kubeconfig FILE [--context NAME] [--kubectl PATH]
              [--helm PATH] [--out autograder.zip|DIR], see docs/integrations.md
  version     print the version

grade options:
  --rubric FILE       rubric (default: rubrics/lab04-section3.yaml)
  --scenario FILE     scenario (default: the one the rubric names)
  --kubeconfig FILE   kubeconfig (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME      kubeconfig context (default: current-context)
  --out DIR           report folder (default: sts-grader-report)
  --format LIST       markdown,json,junit (default: all three); prairielearn
                      or gradescope write results.json for that platform's
                      autograder (docs/integrations.md)
  --statefulset NAME  the StatefulSet to grade when the submission has several
  --kubectl PATH      kubectl binary (default: kubectl on PATH)
  --keep              leave the grading namespace for inspection
  --record FILE       also write the run's observations to FILE as JSON
                      (sts-grader/observations/v1, managedFields dropped), for
                      replaying into the checks in unit tests
  --quiet             no progress on stderr
  --helm PATH         helm binary for Helm chart submissions (default: $STS_HELM,
                      then helm on PATH; scripts/helm.sh builds the pinned one)
  --chart DIR         the chart to grade in a repository with several (relative
                      to the submission); otherwise discovery finds it
  --values FILE       a values file for `helm template` (repeatable); with
                      --set/--set-string the rendering is exactly these
                      (otherwise discovery tries defaults, the Markdown's helm
                      commands and values-statefulset-like overlays)
  --set K=V, --set-string K=V   as helm's (repeatable)
  --release NAME      the Helm release name (default: the Markdown's, else the chart's name)
  --image-map FROM=TO run image FROM as TO (repeatable; FROM without a tag
                      matches every tag): grade a chart whose image the cluster
                      cannot pull with one it has; named in every report
  --min-score N[%]    exit 0 when the score reaches N points (or N percent of
                      the machine-graded points) instead of requiring every
                      check to pass; for CI gates
  --quota             bound the grading namespace with a ResourceQuota and a
                      LimitRange (batch does this for every submission)

batch options (and --rubric, --scenario, --kubeconfig, --context, --kubectl,
--statefulset, --helm, --chart, --values, --set, --set-string, --release,
--quiet as for grade; roster columns of the same names override them per student):
  --out DIR           output folder (default: sts-grader-batch)
  --parallel N        grade N submissions at once (default: 1)
  --retries N         grade a not-gradable run again, up to N more times (default: 2)
  --regrade           grade again the submissions already graded in DIR
  --due TIME          deadline, e.g. 2026-03-01T23:59:00+01:00 (default: the
                      rubric's `due`); late days are counted from it
  --lms canvas|moodle also write DIR/<lms>-gradebook.csv in that LMS's own
                      import layout (docs/integrations.md)
  --lms-roster FILE   the LMS's gradebook export: students are matched to its
                      rows, mismatches listed as file:line
  --lms-column NAME   the assignment column (default: the rubric's title;
                      for Canvas its export's header, e.g. Lab 04 (1201))
  --shard I/N         grade only the I-th of N shares of the roster: entry k
                      (0-based, roster order) is in share k % N + 1; every
                      student is in exactly one share
  --merge DIR         (repeatable) grade nothing: gather the --out folders of
                      the shards into --out, with the gradebook, results and
                      class summary of one batch of the whole ROSTER

lint options (and --rubric, --helm, --chart, --values, --set, --set-string,
--release, --kubectl as for grade):
  --format FORMAT     text (default, compiler style), json (sts-grader/lint/v1),
                      sarif (SARIF 2.1.0) or github (workflow annotations)
  A submission is a file or a folder: plain manifests, a Helm chart (Chart.yaml,
  rendered with `helm template`), a kustomization (`kubectl kustomize`), or a
  whole course repository holding them among other files; discovery picks
  the chart, values and release and every report names them
  (docs/submission-discovery.md).

exit status: 0 every check passed, 1 a check failed, 2 not gradable
(cluster unreachable, invalid input, infrastructure fault), 64 usage error,
130 interrupted (the namespace is cleaned up first).
batch: 0 every submission graded (whatever the scores), 2 some were not
gradable, 64 invalid roster (nothing graded), 130 interrupted (every grading
namespace cleaned up; run it again to resume).
lint: 0 no errors, 1 errors, 2 unreadable or refused (as grade would).
)";
}

Options parse_args(const std::vector<std::string>& args) {
  Options o;
  bool out_given = false;
  if (args.empty()) throw UsageError("no command given");
  o.command = args[0];
  if (o.command == "-h" || o.command == "--help") o.command = "help";
  if (o.command == "--version") o.command = "version";
  if (o.command != "grade" && o.command != "lint" && o.command != "batch" && o.command != "version" &&
      o.command != "help" && o.command != "gradescope-package")
    throw UsageError("unknown command \"" + o.command + "\"");
  for (size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_value = false;
    if (a.rfind("--", 0) == 0) {
      size_t eq = a.find('=');
      if (eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
        has_value = true;
      }
    }
    auto take = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      return args[++i];
    };
    if (a == "--rubric") o.rubric = take();
    else if (a == "--scenario") o.scenario = take();
    else if (a == "--kubeconfig") o.kubeconfig = take();
    else if (a == "--context") o.context = take();
    else if (a == "--out") o.out = take(), out_given = true;
    else if (a == "--kubectl") o.kubectl = take();
    else if (a == "--statefulset") o.statefulset = take();
    else if (a == "--record") o.record = take();
    else if (a == "--helm") o.helm = take();
    else if (a == "--values") o.values.push_back(take());
    else if (a == "--set") o.set.push_back(take());
    else if (a == "--set-string") o.set_string.push_back(take());
    else if (a == "--chart") o.chart = take();
    else if (a == "--release") o.release = take();
    else if (a == "--image-map") {
      o.image_maps.push_back(take());
      try {
        parse_image_mapping(o.image_maps.back());
      } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
      }
    }
    else if (a == "--overrides-from") {
      o.overrides_from = take();  // batch's own: a roster row's columns
      if (o.overrides_from != "cli" && o.overrides_from != "roster")
        throw UsageError("--overrides-from is cli or roster");
    }
    else if (a == "--format" && o.command == "lint") {
      o.lint_format = take();
      if (o.lint_format != "text" && o.lint_format != "json" && o.lint_format != "sarif" &&
          o.lint_format != "github")
        throw UsageError("unknown lint format \"" + o.lint_format + "\" (text, json, sarif, github)");
    } else if (a == "--format") {
      o.formats.clear();
      std::istringstream in(take());
      for (std::string f; std::getline(in, f, ',');) {
        if (f != "markdown" && f != "json" && f != "junit" && f != "prairielearn" && f != "gradescope")
          throw UsageError("unknown format \"" + f + "\" (markdown, json, junit, prairielearn, gradescope)");
        o.formats.push_back(f);
      }
    } else if (a == "--retries") {
      std::string v = take();
      size_t used = 0;
      int n = -1;
      try {
        n = std::stoi(v, &used);
      } catch (const std::exception&) {
      }
      if (used != v.size() || n < 0 || n > 10)
        throw UsageError("--retries needs a whole number from 0 to 10, got \"" + v + "\"");
      o.retries = n;
    } else if (a == "--parallel") {
      std::string v = take();
      size_t used = 0;
      int n = 0;
      try {
        n = std::stoi(v, &used);
      } catch (const std::exception&) {
      }
      if (used != v.size() || n < 1 || n > 64)
        throw UsageError("--parallel needs a whole number from 1 to 64, got \"" + v + "\"");
      o.parallel = n;
    } else if (a == "--min-score") {
      std::string v = take();
      bool percent = !v.empty() && v.back() == '%';
      std::string num = percent ? v.substr(0, v.size() - 1) : v;
      size_t used = 0;
      double n = -1;
      try {
        n = std::stod(num, &used);
      } catch (const std::exception&) {
      }
      if (num.empty() || used != num.size() || n < 0 || (percent && n > 100))
        throw UsageError("--min-score needs points (8.5) or a percentage (85%), got \"" + v + "\"");
      o.min_score = n;
      o.min_score_percent = percent;
    } else if (a == "--due") o.due = take();
    else if (a == "--lms") {
      o.lms = take();
      if (o.lms != "canvas" && o.lms != "moodle")
        throw UsageError("unknown LMS \"" + o.lms + "\" (canvas, moodle)");
    } else if (a == "--lms-roster") o.lms_roster = take();
    else if (a == "--lms-column") o.lms_column = take();
    else if (a == "--shard") {
      o.shard = take();
      try {
        parse_shard(o.shard);
      } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
      }
    }
    else if (a == "--merge") o.merge.push_back(take());
    else if (a == "--regrade") o.regrade = true;
    else if (a == "--quota") o.quota = true;
    else if (a == "--keep") o.keep = true;
    else if (a == "--quiet" || a == "-q") o.quiet = true;
    else if (a == "-h" || a == "--help") o.command = "help";
    else if (!a.empty() && a[0] == '-') throw UsageError("unknown option " + a);
    else if (o.submission.empty()) o.submission = a;
    else throw UsageError("unexpected argument \"" + a + "\"");
  }
  if ((o.command == "grade" || o.command == "lint") && o.submission.empty())
    throw UsageError(o.command + " needs a submission folder");
  if (o.command == "gradescope-package") {
    if (!o.submission.empty()) throw UsageError("gradescope-package takes no submission (it grades /autograder/submission)");
    if (!out_given) o.out = "autograder.zip";
  }
  if (o.command == "batch") {
    if (o.submission.empty()) throw UsageError("batch needs a roster (a CSV file or a folder)");
    if (o.keep) throw UsageError("--keep is for one submission, not a batch");
    if (!o.record.empty()) throw UsageError("--record is for one submission, not a batch");
    // The gradebook's "pass" means every check passed, as grade's exit 0 does without it.
    if (o.min_score >= 0) throw UsageError("--min-score is for one submission in CI, not a batch");
    if (!out_given) o.out = "sts-grader-batch";
  }
  // Both write results.json: refuse now rather than after a whole run.
  if (std::count(o.formats.begin(), o.formats.end(), "prairielearn") &&
      std::count(o.formats.begin(), o.formats.end(), "gradescope"))
    throw UsageError("--format prairielearn and gradescope both write results.json: ask for one");
  if ((!o.lms_roster.empty() || !o.lms_column.empty()) && o.lms.empty())
    throw UsageError("--lms-roster and --lms-column need --lms canvas|moodle");
  if (!o.lms.empty() && o.command != "batch") throw UsageError("--lms is for batch");
  if (!o.shard.empty() && o.command != "batch") throw UsageError("--shard is for batch");
  if (!o.merge.empty() && o.command != "batch") throw UsageError("--merge is for batch");
  if (!o.merge.empty() && !o.shard.empty()) throw UsageError("--merge gathers every shard; no --shard with it");
  // A shard's LMS file would list only its share; the whole class is one gradebook.
  if (!o.shard.empty() && !o.lms.empty()) throw UsageError("--lms is for the whole class, not one --shard");
  return o;
}

}  // namespace sts
