// Command-line parsing with CLI11 subcommands: each command declares only the
// options it reads, so a misplaced option is a usage error (exit 64) instead
// of being silently ignored, and `COMMAND --help` is generated from them.
#include "grader/cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <sstream>

#include "grader/submission/image_map.h"
#include "grader/batch/shard.h"

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
              [--helm PATH] [--scenario FILE] [--out autograder.zip|DIR],
              see docs/integrations.md
  version     print the version
  help [COMMAND]
              this text, or COMMAND's options only (as `COMMAND --help`)

Each command takes only its own options: `sts-grader COMMAND --help` lists them.

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
  --keep[=on-failure] leave the grading namespace for inspection (on-failure:
                      only when a check did not pass or the run was not gradable)
  --no-wait-cleanup   ask for the namespace's deletion and exit without waiting
                      until it and its volumes are gone (students' own clusters)
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
  --storage-class NAME
                      place every claim of the submission on this StorageClass
                      (default: claims keep theirs; one the cluster lacks goes
                      to its default class, named in the reports)
  --min-score N[%]    exit 0 when the score reaches N points (or N percent of
                      the machine-graded points) instead of requiring every
                      check to pass; for CI gates
  --quota             bound the grading namespace with a ResourceQuota and a
                      LimitRange (batch does this for every submission)

batch options (and --rubric, --scenario, --kubeconfig, --context, --kubectl,
--statefulset, --helm, --chart, --values, --set, --set-string, --release,
--image-map, --storage-class, --quiet as for grade; roster columns of the same names override
them per student):
  --out DIR           output folder (default: sts-grader-batch)
  --parallel N        grade N submissions at once (default: 1)
  --retries N         grade a not-gradable run again, up to N more times (default: 2)
  --regrade           grade again the submissions already graded in DIR
                      (a score graded with another version of the rubric, its
                      scenario or the grader is graded again anyway)
  --regrade-only ID   (repeatable) grade again only these students
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

namespace {

// -- Option kinds. --

// One value; given twice, the last wins.
CLI::Option* text(CLI::App& c, const std::string& name, std::string& to, const std::string& type,
                  const std::string& help) {
  return c.add_option(name, to, help)->type_name(type)->take_last();
}

// Repeatable with one value each (`--values a --values b`): a greedy vector
// would swallow the submission in `--values a.yaml DIR`.
CLI::Option* list(CLI::App& c, const std::string& name, std::vector<std::string>& to, const std::string& type,
                  const std::string& help) {
  return c.add_option(name, to, help)->type_name(type)->expected(1)->allow_extra_args(false)->take_all();
}

// One value that `set` converts and checks, throwing UsageError with our own message.
CLI::Option* checked(CLI::App& c, const std::string& name, const std::string& type, const std::string& help,
                     std::function<void(const std::string&)> set) {
  return c.add_option_function<std::string>(name, std::move(set), help)->type_name(type)->take_last();
}

// image_map.h and shard.h say what is wrong with std::invalid_argument.
void as_usage_error(const std::function<void()>& check) {
  try {
    check();
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

// -- Values. --

int whole_number(const std::string& option, const std::string& v, int lo, int hi) {
  size_t used = 0;
  int n = lo - 1;
  try {
    n = std::stoi(v, &used);
  } catch (const std::exception&) {
  }
  if (used != v.size() || n < lo || n > hi)
    throw UsageError(option + " needs a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", got \"" + v + "\"");
  return n;
}

void set_min_score(Options& o, const std::string& v) {
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
}

std::vector<std::string> report_formats(const std::string& list) {
  std::vector<std::string> formats;
  std::istringstream in(list);
  for (std::string f; std::getline(in, f, ',');) {
    if (f != "markdown" && f != "json" && f != "junit" && f != "prairielearn" && f != "gradescope")
      throw UsageError("unknown format \"" + f + "\" (markdown, json, junit, prairielearn, gradescope)");
    formats.push_back(f);
  }
  // Both write results.json: refuse now rather than after a whole run.
  if (std::count(formats.begin(), formats.end(), "prairielearn") &&
      std::count(formats.begin(), formats.end(), "gradescope"))
    throw UsageError("--format prairielearn and gradescope both write results.json: ask for one");
  return formats;
}

std::string lint_format(const std::string& f) {
  if (f != "text" && f != "json" && f != "sarif" && f != "github")
    throw UsageError("unknown lint format \"" + f + "\" (text, json, sarif, github)");
  return f;
}

// -- Options that mean the same in every command that takes them. --

void add_common(CLI::App& c, Options& o, std::initializer_list<std::string> names) {
  for (const std::string& n : names) {
    if (n == "--rubric") text(c, n, o.rubric, "FILE", "rubric (default: rubrics/lab04-section3.yaml)");
    else if (n == "--scenario") text(c, n, o.scenario, "FILE", "scenario (default: the one the rubric names)");
    else if (n == "--kubeconfig")
      text(c, n, o.kubeconfig, "FILE", "kubeconfig (default: $KUBECONFIG, then ~/.kube/config)");
    else if (n == "--context") text(c, n, o.context, "NAME", "kubeconfig context (default: current-context)");
    else if (n == "--kubectl") text(c, n, o.kubectl, "PATH", "kubectl binary (default: kubectl on PATH)");
    else if (n == "--statefulset")
      text(c, n, o.statefulset, "NAME", "the StatefulSet to grade when the submission has several");
    else if (n == "--quiet") c.add_flag("-q,--quiet", o.quiet, "no progress on stderr");
    else if (n == "--helm")
      text(c, n, o.helm, "PATH",
           "helm binary for Helm chart submissions (default: $STS_HELM,\n"
           "then helm on PATH; scripts/helm.sh builds the pinned one)");
    else if (n == "--chart")
      text(c, n, o.chart, "DIR",
           "the chart to grade in a repository with several (relative\n"
           "to the submission); otherwise discovery finds it");
    else if (n == "--values")
      list(c, n, o.values, "FILE",
           "a values file for `helm template` (repeatable); with\n"
           "--set/--set-string the rendering is exactly these\n"
           "(otherwise discovery tries defaults, the Markdown's helm\n"
           "commands and values-statefulset-like overlays)");
    else if (n == "--set") list(c, n, o.set, "K=V", "as helm's (repeatable)");
    else if (n == "--set-string") list(c, n, o.set_string, "K=V", "as helm's (repeatable)");
    else if (n == "--release")
      text(c, n, o.release, "NAME",
           "the Helm release name (default: the Markdown's, else\n"
           "the chart's name)");
    else if (n == "--image-map")
      list(c, n, o.image_maps, "FROM=TO",
           "run image FROM as TO (repeatable; FROM without a tag\n"
           "matches every tag): grade a chart whose image the cluster\n"
           "cannot pull with one it has; named in every report")
          ->each([](const std::string& v) { as_usage_error([&] { parse_image_mapping(v); }); });
    else if (n == "--storage-class")
      text(c, n, o.storage_class, "NAME",
           "place every claim of the submission on this StorageClass\n"
           "(default: claims keep theirs; one the cluster lacks goes\n"
           "to its default class, named in the reports)");
    else throw std::logic_error("no common option " + n);
  }
}

// A command's one argument; its description completes "<command> needs …".
void add_argument(CLI::App& c, const std::string& name, std::string& to, const std::string& what) {
  c.add_option(name, to, what)->type_name("")->required();
}

// -- Rejecting what a command does not take. --

// Why `option` is not one of `command`'s: the commands that take it, or that no command does.
std::string not_taken(CLI::App& app, const std::string& command, const std::string& option) {
  if (command == "batch" && (option == "--keep" || option == "--record"))
    return option + " is for one submission, not a batch";
  // The gradebook's "pass" means every check passed, as grade's exit 0 does without it.
  if (command == "batch" && option == "--min-score") return "--min-score is for one submission in CI, not a batch";
  std::string owners;
  for (const CLI::App* c : app.get_subcommands([](CLI::App*) { return true; }))
    if (c->get_option_no_throw(option)) owners += (owners.empty() ? "" : ", ") + c->get_name();
  if (owners.empty()) return "unknown option " + option + " for " + command;
  return option + " is for " + owners + ", not " + command;
}

// CLI11 keeps what a command does not take (allow_extras) for our own message.
// An unknown option's value is left over too: name the option, not the value.
void reject_extras(CLI::App& app, const CLI::App& c) {
  const std::vector<std::string> rest = c.remaining();
  if (rest.empty()) return;
  for (const std::string& a : rest)
    if (a.size() > 1 && a[0] == '-') throw UsageError(not_taken(app, c.get_name(), a.substr(0, a.find('='))));
  if (c.get_name() == "gradescope-package")
    throw UsageError("gradescope-package takes no submission (it grades /autograder/submission)");
  throw UsageError("unexpected argument \"" + rest.front() + "\" for " + c.get_name());
}

// After parsing: first what the command does not take, then its own checks.
void on_parsed(CLI::App& app, CLI::App& c, std::function<void()> check = {}) {
  c.allow_extras();
  c.callback([&app, &c, check] {
    reject_extras(app, c);
    if (check) check();
  });
}

// -- The commands, each with only the options it reads. --

void add_grade(CLI::App& app, Options& o) {
  CLI::App& c = *app.add_subcommand("grade",
                                    "deploy the submission in DIR into a fresh namespace, drive the rubric's\n"
                                    "scenario, judge every check, write reports");
  add_argument(c, "DIR", o.submission, "a submission folder");
  add_common(c, o, {"--rubric", "--scenario", "--kubeconfig", "--context"});
  text(c, "--out", o.out, "DIR", "report folder (default: sts-grader-report)");
  checked(c, "--format", "LIST",
          "markdown,json,junit (default: all three); prairielearn\n"
          "or gradescope write results.json for that platform's\n"
          "autograder (docs/integrations.md)",
          [&o](const std::string& v) { o.formats = report_formats(v); });
  add_common(c, o, {"--statefulset", "--kubectl"});
  c.add_flag("--keep{always}", o.keep_mode,
             "--keep: leave the grading namespace for inspection;\n"
             "--keep=on-failure: only when a check did not pass or\n"
             "the run was not gradable")
      ->check(CLI::IsMember({"always", "on-failure"}))
      ->each([&o](const std::string& v) {
        o.keep = v == "always";
        o.keep_on_failure = v == "on-failure";
      });
  c.add_flag("--no-wait-cleanup", o.no_wait_cleanup,
             "ask for the namespace's deletion and exit without waiting\n"
             "until it and its volumes are gone (students' own clusters)");
  text(c, "--record", o.record, "FILE",
       "also write the run's observations to FILE as JSON\n"
       "(sts-grader/observations/v1, managedFields dropped), for\n"
       "replaying into the checks in unit tests");
  add_common(c, o, {"--quiet", "--helm", "--chart", "--values", "--set", "--set-string", "--release", "--image-map",
                    "--storage-class"});
  checked(c, "--min-score", "N[%]",
          "exit 0 when the score reaches N points (or N percent of\n"
          "the machine-graded points) instead of requiring every\n"
          "check to pass; for CI gates",
          [&o](const std::string& v) { set_min_score(o, v); });
  c.add_flag("--quota", o.quota,
             "bound the grading namespace with a ResourceQuota and a\n"
             "LimitRange (batch does this for every submission)");
  // Internal, from batch: whether --chart/--release came from the roster row (named in the reading).
  text(c, "--overrides-from", o.overrides_from, "cli|roster", "")->group("")->each([](const std::string& v) {
    if (v != "cli" && v != "roster") throw UsageError("--overrides-from is cli or roster");
  });
  c.footer(
      "exit status: 0 every check passed, 1 a check failed, 2 not gradable\n"
      "(cluster unreachable, invalid input, infrastructure fault), 64 usage error,\n"
      "130 interrupted (the namespace is cleaned up first).");
  on_parsed(app, c);
}

void add_lint(CLI::App& app, Options& o) {
  CLI::App& c = *app.add_subcommand("lint",
                                    "read the submission and report problems without a cluster\n"
                                    "(the rules: docs/lint-rules.md)");
  add_argument(c, "DIR", o.submission, "a submission folder");
  add_common(c, o, {"--rubric"});
  checked(c, "--format", "FORMAT",
          "text (default, compiler style), json (sts-grader/lint/v1),\n"
          "sarif (SARIF 2.1.0) or github (workflow annotations)",
          [&o](const std::string& v) { o.lint_format = lint_format(v); });
  add_common(c, o, {"--helm", "--chart", "--values", "--set", "--set-string", "--release", "--kubectl"});
  c.footer(
      "A submission is a file or a folder: plain manifests, a Helm chart (Chart.yaml,\n"
      "rendered with `helm template`), a kustomization (`kubectl kustomize`), or a\n"
      "whole course repository holding them among other files; discovery picks\n"
      "the chart, values and release and every report names them\n"
      "(docs/submission-discovery.md).\n"
      "exit status: 0 no errors, 1 errors, 2 unreadable or refused (as grade would).");
  on_parsed(app, c);
}

void add_batch(CLI::App& app, Options& o) {
  CLI::App& c = *app.add_subcommand("batch",
                                    "grade a class: every submission of ROSTER (a CSV file or a\n"
                                    "folder of submission folders), see docs/batch.md");
  add_argument(c, "ROSTER", o.submission, "a roster (a CSV file or a folder)");
  c.preparse_callback([&o](size_t) { o.out = "sts-grader-batch"; });
  add_common(c, o, {"--rubric", "--scenario", "--kubeconfig", "--context", "--kubectl", "--statefulset", "--helm",
                    "--chart", "--values", "--set", "--set-string", "--release", "--image-map", "--quiet",
                    "--storage-class"});
  text(c, "--out", o.out, "DIR", "output folder (default: sts-grader-batch)");
  checked(c, "--parallel", "N", "grade N submissions at once (default: 1)",
          [&o](const std::string& v) { o.parallel = whole_number("--parallel", v, 1, 64); });
  checked(c, "--retries", "N",
          "grade a not-gradable run again, up to N more times\n"
          "(default: 2)",
          [&o](const std::string& v) { o.retries = whole_number("--retries", v, 0, 10); });
  c.add_flag("--regrade", o.regrade, "grade again the submissions already graded in DIR");
  list(c, "--regrade-only", o.regrade_only, "ID",
       "(repeatable) grade again only these students (roster ids);\n"
       "the others keep an earlier score");
  text(c, "--due", o.due, "TIME",
       "deadline, e.g. 2026-03-01T23:59:00+01:00 (default: the\n"
       "rubric's `due`); late days are counted from it");
  text(c, "--lms", o.lms, "canvas|moodle",
       "also write DIR/<lms>-gradebook.csv in that LMS's own\n"
       "import layout (docs/integrations.md)")
      ->each([](const std::string& v) {
        if (v != "canvas" && v != "moodle") throw UsageError("unknown LMS \"" + v + "\" (canvas, moodle)");
      });
  text(c, "--lms-roster", o.lms_roster, "FILE",
       "the LMS's gradebook export: students are matched to its\n"
       "rows, mismatches listed as file:line");
  text(c, "--lms-column", o.lms_column, "NAME",
       "the assignment column (default: the rubric's title;\n"
       "for Canvas its export's header, e.g. Lab 04 (1201))");
  text(c, "--shard", o.shard, "I/N",
       "grade only the I-th of N shares of the roster: entry k\n"
       "(0-based, roster order) is in share k % N + 1; every\n"
       "student is in exactly one share")
      ->each([](const std::string& v) { as_usage_error([&] { parse_shard(v); }); });
  list(c, "--merge", o.merge, "DIR",
       "(repeatable) grade nothing: gather the --out folders of\n"
       "the shards into --out, with the gradebook, results and\n"
       "class summary of one batch of the whole ROSTER");
  c.footer(
      "Roster columns named like the grade options (chart, values, set, set_string,\n"
      "release, image_map) override them per student (docs/batch.md).\n"
      "exit status: 0 every submission graded (whatever the scores), 2 some were not\n"
      "gradable, 64 invalid roster (nothing graded), 130 interrupted (every grading\n"
      "namespace cleaned up; run it again to resume).");
  on_parsed(app, c, [&o] {
    if ((!o.lms_roster.empty() || !o.lms_column.empty()) && o.lms.empty())
      throw UsageError("--lms-roster and --lms-column need --lms canvas|moodle");
    if (!o.merge.empty() && !o.shard.empty()) throw UsageError("--merge gathers every shard; no --shard with it");
    if (o.regrade && !o.regrade_only.empty()) throw UsageError("--regrade grades everyone again; no --regrade-only with it");
    // A shard's LMS file would list only its share; the whole class is one gradebook.
    if (!o.shard.empty() && !o.lms.empty()) throw UsageError("--lms is for the whole class, not one --shard");
  });
}

void add_gradescope_package(CLI::App& app, Options& o) {
  CLI::App& c = *app.add_subcommand("gradescope-package",
                                    "write a Gradescope autograder (setup.sh, run_autograder, this\n"
                                    "binary, kubectl, the rubric, the kubeconfig) for one rubric,\n"
                                    "see docs/integrations.md");
  c.preparse_callback([&o](size_t) { o.out = "autograder.zip"; });
  add_common(c, o, {"--rubric", "--scenario", "--kubeconfig", "--context", "--kubectl", "--helm"});
  text(c, "--out", o.out, "ZIP|DIR", "the package: a .zip file or a folder (default: autograder.zip)");
  on_parsed(app, c);
}

void add_version(CLI::App& app) {
  CLI::App& c = *app.add_subcommand("version", "print the version");
  on_parsed(app, c);
}

CLI::App* find_command(CLI::App& app, const std::string& name) {
  std::vector<CLI::App*> found = app.get_subcommands([&](CLI::App* c) { return c->get_name() == name; });
  return found.empty() ? nullptr : found.front();
}

std::string command_help(CLI::App& app, const std::string& command) {
  std::string help = app.get_subcommand(command)->help("sts-grader");
  // CLI11 leaves a blank line for grade's hidden option group: one is enough.
  for (size_t at; (at = help.find("\n\n\n")) != std::string::npos;) help.erase(at, 1);
  return help;
}

void add_help(CLI::App& app) {
  CLI::App& c = *app.add_subcommand("help", "every command and option, or COMMAND's options");
  auto topic = std::make_shared<std::string>();
  c.add_option("COMMAND", *topic, "one command")->type_name("");
  on_parsed(app, c, [&app, topic] {
    if (topic->empty()) return;  // main prints usage()
    if (!find_command(app, *topic)) throw UsageError("unknown command \"" + *topic + "\"");
    throw HelpRequested(command_help(app, *topic));
  });
}

}  // namespace

Options parse_args(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) throw UsageError("no command given");
  o.command = args[0];
  if (o.command == "-h" || o.command == "--help") o.command = "help";
  if (o.command == "--version") o.command = "version";

  CLI::App app("", "sts-grader");
  app.get_formatter()->column_width(22);  // as usage()
  app.require_subcommand(1);  // a second command name is an argument (a folder called lint), not a command
  add_grade(app, o);
  add_lint(app, o);
  add_batch(app, o);
  add_gradescope_package(app, o);
  add_version(app);
  add_help(app);
  if (!find_command(app, o.command)) throw UsageError("unknown command \"" + o.command + "\"");

  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 takes them last first
  reversed.push_back(o.command);
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    throw HelpRequested(command_help(app, o.command));
  } catch (const CLI::RequiredError&) {
    // Only a command's argument is required. `grade --bogus`: name the option, not the missing DIR.
    CLI::App& c = *app.get_subcommand(o.command);
    reject_extras(app, c);
    const CLI::Option* arg = c.get_options([](const CLI::Option* opt) { return opt->get_positional(); }).at(0);
    throw UsageError(o.command + " needs " + arg->get_description());
  } catch (const CLI::ParseError& e) {
    throw UsageError(o.command + ": " + e.what());
  }
  return o;
}

SubmissionOptions submission_options(const Options& o, const std::string& namespace_) {
  SubmissionOptions s;
  s.helm = o.helm;
  s.kubectl = o.kubectl;
  s.values = o.values;
  s.set = o.set;
  s.set_string = o.set_string;
  s.chart = o.chart;
  s.release = o.release;
  s.overrides_from = o.overrides_from;
  if (!namespace_.empty()) s.namespace_ = namespace_;
  return s;
}

}  // namespace sts
