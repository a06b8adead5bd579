// Submission discovery (issue 16, docs/submission-discovery.md): a student's
// whole repository becomes one reading — which chart, values files, --set
// flags, release and report — or a refusal saying what was tried.
// The pieces, one file each:
//   discovery_walk.cc      §2 walk, §3 units, §6 overlay scope, §11 report ranking
//   markdown_commands.cc   §5 helm/cd commands in fenced blocks of Markdown
//   discovery.cc           §4 dependencies, §7–§10 attempts, choice, release
// Paths are relative to the repository root R, '/' separators, no "./".
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/submission/manifest.h"

namespace sts::discovery {

// ---- §2/§3: the walk -------------------------------------------------------
enum class UnitKind { kHelm, kKustomize, kManifests };
const char* unit_kind_name(UnitKind k);  // helm, kustomize, manifests

struct Unit {
  std::string path;               // chart / kustomization folder; "." for manifests
  UnitKind kind = UnitKind::kManifests;
  // chosen | no-statefulset | renders-statefulset | error | not-tried | skipped
  std::string status;
  std::string why;                // skipped: library | vendored | dependency-of <p> | kustomize-base-of <p>
  std::string chart_name;         // helm: Chart.yaml name ("" when it does not parse)
  std::string chart_error;        // helm: "Chart.yaml:line: message" when it does not parse
  std::vector<std::string> files; // manifests: its Kubernetes YAML files, path order
  bool statefulset_bearing = false;  // a template/manifest line `kind: StatefulSet` (§9.2)
};

struct Walk {
  // Charts in path order, then kustomizations, then the one manifests unit
  // (only when some file is Kubernetes). Skipped charts are listed too.
  std::vector<Unit> units;
  std::vector<std::string> markdown;          // every *.md, path order
  std::vector<std::string> not_kubernetes;    // YAML outside units with no object
  std::vector<std::string> broken_manifests;  // "path:line": looks like an object, does not parse
};

// Walks R (byte order of path components, at most 8 levels; skips names
// starting with '.', node_modules, __pycache__, venv). Call after check_tree.
Walk walk_repository(const std::string& root);

// ---- §6: overlays ----------------------------------------------------------
struct OverlayScope {
  std::vector<std::string> candidates;  // in trial order (rank, fewer tokens, path)
  std::vector<std::string> bonus;       // partition overlays first, then OnDelete
  std::vector<std::string> others;      // values files that are neither (reported not_tried: name)
};
OverlayScope overlay_scope(const std::string& root, const std::string& chart);

// ---- §11: the Markdown report ---------------------------------------------
struct ReportChoice {
  std::string report;                   // "" none
  std::vector<std::string> others;      // the other files of ranks 1–4 (several-reports)
};
// `chart` is the chosen unit's folder ("" before a unit is chosen: rank 2 is
// skipped and nearness is measured from R).
ReportChoice rank_reports(const std::vector<std::string>& markdown, const std::string& chart);

// ---- §5: Markdown commands ----------------------------------------------
struct AppChart {
  std::string path;                     // relative to R
  std::string name;                     // Chart.yaml name
};

struct MarkdownCommand {
  std::string at;                       // "path:line" of the word helm / cd
  std::string verb;                     // install | upgrade | upgrade --install | template | cd | lint | dependency update | …
  std::string ignored;                  // "" a render command; else not-a-render | changes-folder | chart-not-in-repository | shell-expansion | values-file-missing <tok> | remote-values | too-many-arguments | no-chart | post-renderer
  std::string folder;                   // cd: the resolved folder ("" unknown)
  std::string release;                  // NAME ("" none given)
  std::string chart;                    // resolved chart path
  bool chart_by_name = false;           // resolved through a name, not a path
  std::string namespace_;               // -n
  std::vector<std::string> values, set, set_string, set_file, set_json, set_literal;
};

// Every helm and cd command of fenced code blocks, files in the given order
// (the report first), at most 200 files, 1 MiB each, 100 commands.
std::vector<MarkdownCommand> markdown_commands(const std::string& root,
                                               const std::vector<std::string>& markdown_in_order,
                                               const std::vector<AppChart>& charts);

// ---- §4, §7–§10: attempts and the reading ----------------------------------
struct Overrides {
  std::string chart;                    // "" discover
  std::string chart_from = "cli";       // cli | roster
  std::vector<std::string> values, set, set_string;
  bool values_given = false;            // any of values/set/set_string: the rendering is exactly that
  std::string release;
  std::string release_from = "cli";
};

struct Attempt {
  std::string chart;
  std::string source;                   // override | default | markdown | overlay | bonus | manifests
  std::string origin;                   // the command's at, or the overlay file
  std::string release;
  std::vector<std::string> values, set, set_string;
  std::string result;                   // statefulset | no-statefulset | error | same-as-attempt | not-reached
  int same_as = 0;                      // 1-based
  std::vector<std::string> objects;     // Kind/name, regular objects, helm's order
  std::string error;
};

struct Dependency {
  std::string chart, name, version, repository;
  std::string from, built_from, missing, at;
};

struct Reading {
  std::string chart, chart_from, release, release_from, source, origin;
  std::vector<std::string> values, set, set_string;
  std::string bonus;
  std::vector<std::string> objects;
  std::string report;
  std::string kind;                     // helm | kustomize | manifests
  Json statefulset;                     // {name, replicas, update_strategy}; null when none rendered
};

// The tools discovery runs, as seams: submission_source.cc runs the real
// helm; a test may substitute recorded renderings.
struct RenderRequest {
  std::string chart_dir;                // absolute (possibly a scratch copy)
  std::string source_dir;               // the same chart in R: positions name its files
  std::string release;
  std::vector<std::string> values;      // absolute
  std::vector<std::string> set, set_string;
};
struct Rendered {
  std::vector<Manifest> manifests;      // every document, hooks included
  std::string error;                    // helm's words ("Error: …", first line); "" rendered
  std::string error_at;                 // "file:line: helm template failed: …" (absolute file)
};
struct Tools {
  std::function<Rendered(const RenderRequest&)> helm_template;
  // `helm dependency build` (then `update` when the lock is out of sync) in
  // `chart_dir`, offline; returns "" or the error.
  std::function<std::string(const std::string& chart_dir)> helm_dependency_build;
};

struct DiscoverOptions {
  Overrides overrides;
  std::vector<std::string> kinds = {"helm", "kustomize", "manifests"};  // the rubric's order (§9)
  std::string scratch;                  // a folder discovery may write its copies into
  Tools tools;
};

struct Discovery {
  Walk walk;
  std::vector<MarkdownCommand> markdown;
  std::vector<Dependency> dependencies;
  std::vector<Attempt> attempts;
  std::vector<std::pair<std::string, std::string>> not_tried;  // file, why
  std::optional<Reading> reading;       // absent: `refusal` says why
  std::string refusal;                  // the exact §17 text
  std::string refusal_at;               // "path:line" when the refusal names one
  Json to_json() const;                 // the fields of an expected.yaml entry
  // The graded rendering, ready to place: regular objects and install hooks
  // (helm tests dropped), positions naming the submission's own files.
  std::vector<Manifest> manifests;
  std::string render_root;              // where the chosen unit was rendered (R, or the scratch copy)
};

// Runs the algorithm on R. Never throws for a student's mistake: the
// refusal says it. Throws ManifestError only when a tool cannot run at all.
Discovery discover(const std::string& root, const DiscoverOptions& options);

// The reading in a few lines (§16): chart, rendered flags, objects, report,
// what else was tried and skipped.
std::vector<std::string> reading_lines(const Discovery& d);

// A name made a Helm release name: a DNS-1123 label of at most 53 characters.
std::string release_name(std::string s);

// Kind/name of the regular objects (no hooks), in order.
std::vector<std::string> regular_objects(const std::vector<Manifest>& ms);
bool is_hook(const Manifest& m);
bool is_helm_test(const Manifest& m);

}  // namespace sts::discovery
