// sts-grader: grades Kubernetes StatefulSet lab submissions on a live cluster.
#include <cstdio>

#include "grader/base/version.h"
#include "grader/cli/cli.h"
#include "grader/cli/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  sts::Options opts;
  try {
    opts = sts::parse_args(args);
  } catch (const sts::HelpRequested& help) {
    fputs(help.what(), stdout);
    return 0;
  } catch (const sts::UsageError& e) {
    // A command's own mistake points at that command's help, not the whole overview.
    const std::string command = args.empty() ? "" : args[0];
    if (command == "grade" || command == "lint" || command == "batch" || command == "gradescope-package")
      fprintf(stderr, "sts-grader: %s\nSee 'sts-grader %s --help' for its options.\n", e.what(),
              command.c_str());
    else
      fprintf(stderr, "sts-grader: %s\n\n%s", e.what(), sts::usage().c_str());
    return sts::kExitUsage;
  }
  if (opts.command == "help") {
    fputs(sts::usage().c_str(), stdout);
    return 0;
  }
  if (opts.command == "version") {
    printf("sts-grader %s\n", sts::kVersion);
    return 0;
  }
  if (opts.command == "lint") return sts::lint_command(opts);
  if (opts.command == "batch") return sts::batch_command(opts);
  if (opts.command == "gradescope-package") return sts::gradescope_package_command(opts);
  return sts::grade_command(opts);
}
