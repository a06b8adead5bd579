// `sts-grader gradescope-package`: a Gradescope autograder (setup.sh +
// run_autograder at the root, per Gradescope's autograder specification)
// that grades /autograder/submission with one rubric against the course's
// cluster and writes /autograder/results/results.json (grade --format
// gradescope; reports/gradescope.h).
//
// The package is hermetic: this very sts-grader binary and the shared
// libraries it loads (all but the C library's own, which the image provides:
// use an image whose glibc is at least this machine's), kubectl (and helm
// when found, for chart submissions), the rubric and its scenario, and the
// kubeconfig to grade with (give it a restricted identity: it ships inside
// the package). run_autograder honours $AUTOGRADER_ROOT (default
// /autograder) so it can be tried in a folder laid out like Gradescope's.
#pragma once
#include <string>
#include <vector>

namespace sts {

struct PackageSpec {
  std::string rubric;                // rubric file
  std::string scenario;              // its scenario file
  std::string kubeconfig;            // copied in as `kubeconfig`
  std::string context;               // "" -> the kubeconfig's current-context
  std::string grader;                // the sts-grader binary
  std::string kubectl;               // kubectl binary
  std::string helm;                  // "" -> none
  std::vector<std::string> libraries;  // shared libraries to ship beside the binary
};

// The two scripts, as text (tests read them; the package writes them).
std::string package_setup_sh();
std::string package_run_autograder(const std::string& rubric_file, const std::string& context, bool helm);

// Lays the package out in `dir` (created; must not exist or be empty).
// Returns the paths written, relative to dir. Throws std::runtime_error.
std::vector<std::string> write_package_dir(const PackageSpec& spec, const std::string& dir);

// The shared libraries `binary` loads (ldd), without the C library's own.
std::vector<std::string> shipped_libraries(const std::string& binary);

// The package at `out`: a folder, or a zip archive when it ends in .zip.
// Returns the files written; throws std::runtime_error.
std::vector<std::string> write_package(const PackageSpec& spec, const std::string& out);

}  // namespace sts
