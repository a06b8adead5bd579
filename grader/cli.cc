#include "grader/cli.h"

#include <sstream>

namespace sts {

std::string usage() {
  return R"(usage: sts-grader <command> [options]

commands:
  grade DIR   deploy the submission in DIR into a fresh namespace, drive the
              rubric's scenario, judge every check, write reports
  lint DIR    read the submission and report problems without a cluster
  version     print the version

grade options:
  --rubric FILE       rubric (default: rubrics/lab04-section3.yaml)
  --scenario FILE     scenario (default: the one the rubric names)
  --kubeconfig FILE   kubeconfig (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME      kubeconfig context (default: current-context)
  --out DIR           report folder (default: sts-grader-report)
  --format LIST       markdown,json,junit (default: all three)
  --statefulset NAME  the StatefulSet to grade when the submission has several
  --kubectl PATH      kubectl binary (default: kubectl on PATH)
  --keep              leave the grading namespace for inspection
  --record FILE       also write the run's observations to FILE as JSON
                      (sts-grader/observations/v1, managedFields dropped), for
                      replaying into the checks in unit tests
  --quiet             no progress on stderr

exit status: 0 every check passed, 1 a check failed, 2 not gradable
(cluster unreachable, invalid input, infrastructure fault), 64 usage error,
130 interrupted (the namespace is cleaned up first).
)";
}

Options parse_args(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) throw UsageError("no command given");
  o.command = args[0];
  if (o.command == "-h" || o.command == "--help") o.command = "help";
  if (o.command == "--version") o.command = "version";
  if (o.command != "grade" && o.command != "lint" && o.command != "version" && o.command != "help")
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
    else if (a == "--out") o.out = take();
    else if (a == "--kubectl") o.kubectl = take();
    else if (a == "--statefulset") o.statefulset = take();
    else if (a == "--record") o.record = take();
    else if (a == "--format") {
      o.formats.clear();
      std::istringstream in(take());
      for (std::string f; std::getline(in, f, ',');) {
        if (f != "markdown" && f != "json" && f != "junit")
          throw UsageError("unknown format \"" + f + "\" (markdown, json, junit)");
        o.formats.push_back(f);
      }
    } else if (a == "--keep") o.keep = true;
    else if (a == "--quiet" || a == "-q") o.quiet = true;
    else if (a == "-h" || a == "--help") o.command = "help";
    else if (!a.empty() && a[0] == '-') throw UsageError("unknown option " + a);
    else if (o.submission.empty()) o.submission = a;
    else throw UsageError("unexpected argument \"" + a + "\"");
  }
  if ((o.command == "grade" || o.command == "lint") && o.submission.empty())
    throw UsageError(o.command + " needs a submission folder");
  return o;
}

}  // namespace sts
