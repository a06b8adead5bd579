#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "grader/base/process.h"
#include "grader/batch/gradescope_package.h"
#include "grader/cli/commands.h"
#include "grader/grading/data_dir.h"
#include "grader/grading/rubric.h"

namespace fs = std::filesystem;

namespace sts {

int gradescope_package_command(const Options& o) {
  PackageSpec spec;
  try {
    spec.rubric = rubric_path_or_default(o.rubric);
    Rubric rubric = load_rubric(spec.rubric);
    spec.scenario = scenario_path_or_default(o.scenario, spec.rubric, rubric);
    if (!fs::exists(spec.scenario)) throw std::runtime_error("scenario " + spec.scenario + " not found");
    spec.kubeconfig = o.kubeconfig.empty() ? (getenv("KUBECONFIG") ? getenv("KUBECONFIG") : "") : o.kubeconfig;
    if (spec.kubeconfig.empty() || spec.kubeconfig.find(':') != std::string::npos)
      throw std::runtime_error("--kubeconfig FILE: the one kubeconfig the package grades with (a restricted identity)");
    spec.context = o.context;
    // It is written into run_autograder between double quotes.
    if (spec.context.find_first_of("\"$`\\\n") != std::string::npos)
      throw std::runtime_error("--context " + spec.context + ": quotes, $, ` or \\ cannot go into run_autograder");
    spec.grader = fs::read_symlink("/proc/self/exe").string();
    spec.kubectl = find_program(o.kubectl.empty() ? "kubectl" : o.kubectl);
    if (spec.kubectl.empty()) throw std::runtime_error("kubectl not found on PATH (--kubectl PATH)");
    const char* env_helm = getenv("STS_HELM");
    spec.helm = find_program(!o.helm.empty() ? o.helm : env_helm && *env_helm ? env_helm : "helm");
    spec.libraries = shipped_libraries(spec.grader);
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: gradescope-package: %s\n", e.what());
    return kExitUsage;
  }
  try {
    const std::vector<std::string> files = write_package(spec, o.out);
    printf("wrote %s: %zu files (setup.sh, run_autograder, bin/sts-grader, bin/kubectl%s, %zu libraries, rubric %s)\n",
           o.out.c_str(), files.size(), spec.helm.empty() ? "" : ", bin/helm", spec.libraries.size(),
           fs::path(spec.rubric).filename().c_str());
    printf("the kubeconfig inside grants its identity to whoever has the package: give it a restricted one\n");
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: gradescope-package: %s\n", e.what());
    return kExitNotGradable;
  }
  return 0;
}

}  // namespace sts
