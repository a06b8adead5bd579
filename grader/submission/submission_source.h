// What a submission folder is — plain manifests, a Helm chart or a
// kustomization — and reading it into manifests. Charts are rendered with
// `helm template`, kustomizations with `kubectl kustomize`; each rendered
// object keeps the file it came from, its positions marked "(rendered)".
// A render that fails is a ManifestError naming the file and line the tool
// reports: the run is not gradable and nothing is applied.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grader/submission/discovery.h"
#include "grader/submission/manifest.h"

namespace sts {

enum class SourceKind { kManifests, kHelm, kKustomize };

struct SubmissionSource {
  SourceKind kind = SourceKind::kManifests;
  std::string path;                  // the submission as given
  std::string dir;                   // chart or kustomization folder (path joined with relative)
  std::string relative;              // that folder relative to path; "" the root
  std::string kind_name() const;     // manifests, helm, kustomize
};

// What a submission may hold and render to; past a bound it is refused
// (SubmissionRefused, rule source/…) before any tool runs on it.
struct SourceLimits {
  size_t max_files = 2000;                       // .git not counted
  std::uintmax_t max_total_bytes = 32u << 20;
  std::uintmax_t max_file_bytes = 4u << 20;
  size_t max_render_bytes = 16u << 20;           // helm template / kubectl kustomize output
};

struct SubmissionOptions {
  std::string helm;                  // "" -> $STS_HELM, then helm on PATH
  std::string kubectl;               // "" -> kubectl on PATH
  std::vector<std::string> values;   // helm --values files, in order
  std::vector<std::string> set, set_string;  // helm --set / --set-string, in order
  std::string chart;                 // --chart: the folder (relative to the repository) to grade
  std::string overrides_from = "cli";  // cli | roster: named in the reading
  std::string namespace_ = "default";  // helm --namespace (the grader rewrites it anyway)
  std::string release;               // "" -> the chart's name
  std::chrono::milliseconds timeout{60000};     // each helm / kustomize run
  SourceLimits limits;
};

// A chart (Chart.yaml) or kustomization (kustomization.yaml/.yml, Kustomization)
// at the root or in a subfolder up to two levels down (k8s/, charts/<name>/);
// otherwise plain manifests. Throws ManifestError when it finds several.
SubmissionSource detect(const std::string& path);

std::vector<Manifest> read_submission(const std::string& path, const SubmissionOptions& opts);
std::vector<Manifest> read_submission(const SubmissionSource& source, const SubmissionOptions& opts);

// A folder read through submission discovery (docs/submission-discovery.md):
// the chart at any depth, its overlays and the Markdown's helm commands, or a
// kustomization, or the plain Kubernetes YAML among other files. A file is
// read as before. Throws ManifestError (the refusal, file:line first) when
// nothing gradable is found; nothing is applied then.
struct SubmissionReading {
  SubmissionSource source;
  std::vector<Manifest> manifests;
  std::optional<discovery::Discovery> discovery;  // absent for a single file
};
SubmissionReading read_repository(const std::string& path, const SubmissionOptions& opts);

// Discovery's tools running the real helm, isolated from the grading host's
// helm configuration (HELM_*_HOME under `scratch`), offline for dependencies.
discovery::Tools helm_tools(const SubmissionOptions& o, const std::string& scratch);

// Refuses, before helm or kustomize read anything: a symlink whose target
// leaves `root` (or dangles, or loops), a FIFO, socket or device, and a tree
// past `limits`. Never throws std::filesystem_error.
void check_tree(const std::string& root, const SourceLimits& limits = {});
// Refuses what `kubectl kustomize` would fetch or run: remote resources,
// bases or components (URLs, github.com/…), local paths leaving `root`,
// generators/transformers/validators plugins, helmCharts. Follows local
// bases. `dir` holds the kustomization.
void check_kustomization(const std::string& dir, const std::string& root);

// Exposed for tests. `helm template` output: each document mapped to the
// template named by its "# Source: <chart>/templates/x.yaml" comment under
// `chart_dir`, lines counted from the template's first rendered line.
std::vector<Manifest> parse_helm_output(const std::string& out, const std::string& chart_dir);
// helm's error text as "file:line:col: helm template failed: message", the
// file mapped under `chart_dir`.
std::string helm_error(const std::string& err, const std::string& chart_dir);
// `kubectl kustomize` output: each object mapped to the file under `dir` that
// declares the same kind and name, else to the kustomization itself.
std::vector<Manifest> parse_kustomize_output(const std::string& out, const std::string& dir,
                                             const std::string& kustomization_file);

}  // namespace sts
