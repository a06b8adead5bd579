// Submission discovery, the parts that only read files
// (docs/submission-discovery.md): §2 the walk, §3 the units, §6 a chart's
// overlay scope and §11 the ranking of the Markdown report. Nothing here runs
// helm or kubectl.
#include "grader/submission/discovery.h"

#include "grader/base/yaml_documents.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string_view>
#include <tuple>

namespace fs = std::filesystem;

namespace sts::discovery {
namespace {

// Folders deeper than this below R are not read (§2).
constexpr int kMaxDepth = 8;
const char* const kKustomizationFiles[] = {"kustomization.yaml", "kustomization.yml", "Kustomization"};

// ---- paths relative to R ----------------------------------------------------

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> components(const std::string& rel) {
  std::vector<std::string> out;
  if (rel.empty() || rel == ".") return out;
  size_t start = 0;
  for (size_t slash; (slash = rel.find('/', start)) != std::string::npos; start = slash + 1)
    out.push_back(rel.substr(start, slash - start));
  out.push_back(rel.substr(start));
  return out;
}

// Byte order of path components, the order the walk visits (§2): "a/b"
// before "a-b" although '-' sorts before '/'.
bool path_less(const std::string& a, const std::string& b) {
  const std::vector<std::string> ca = components(a), cb = components(b);
  return std::lexicographical_compare(ca.begin(), ca.end(), cb.begin(), cb.end());
}

std::string child_path(const std::string& dir, const std::string& name) { return dir == "." ? name : dir + "/" + name; }

std::string parent_of(const std::string& rel) {
  const size_t slash = rel.rfind('/');
  return slash == std::string::npos ? "." : rel.substr(0, slash);
}

std::string file_name(const std::string& rel) { return rel.substr(rel.rfind('/') + 1); }

// Folder steps from one folder of R to another: up to their common ancestor, then down.
int steps_between(const std::string& a, const std::string& b) {
  const std::vector<std::string> ca = components(a), cb = components(b);
  size_t common = 0;
  while (common < ca.size() && common < cb.size() && ca[common] == cb[common]) ++common;
  return static_cast<int>(ca.size() + cb.size() - 2 * common);
}

// `p` (a kustomize resource, a file:// dependency) resolved against the folder
// `base`; nullopt when it is absolute or leaves R.
std::optional<std::string> resolve_inside(const std::string& base, const std::string& p) {
  if (p.empty() || p[0] == '/') return std::nullopt;
  std::string n = (fs::path(base) / p).lexically_normal().generic_string();
  while (n.size() > 1 && n.back() == '/') n.pop_back();
  if (n == ".." || n.rfind("../", 0) == 0) return std::nullopt;
  return n.empty() ? "." : n;
}

// ---- the file system, never throwing ----------------------------------------

bool skipped_name(const std::string& name) {
  return name.empty() || name[0] == '.' || name == "node_modules" || name == "__pycache__" || name == "venv";
}

// The entries of a folder the walk reads, in byte order of their names.
std::vector<std::string> listed_names(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!skipped_name(name)) out.push_back(std::move(name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A folder link is not followed: every file is then seen once, and no loop walked.
bool is_folder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(fs::symlink_status(p, ec));
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_yaml_name(const std::string& name) { return ends_with(name, ".yaml") || ends_with(name, ".yml"); }

bool is_kustomization_name(const std::string& name) {
  return std::find(std::begin(kKustomizationFiles), std::end(kKustomizationFiles), name) != std::end(kKustomizationFiles);
}

std::string kustomization_file(const fs::path& dir) {
  for (const char* f : kKustomizationFiles)
    if (is_file(dir / f)) return f;
  return "";
}

// ---- YAML ----------------------------------------------------------------------

struct ParsedYaml {
  std::vector<YAML::Node> documents;  // empty documents (a lone `---`) left out
  int error_line = 0;                 // 1-based line of the parse error; 0 it parsed
  std::string error;
};

ParsedYaml parse_yaml(const std::string& text) {
  ParsedYaml out;
  try {
    for (const YAML::Node& d : load_yaml_documents(text))
      if (!d.IsNull()) out.documents.push_back(d);
  } catch (const YAML::Exception& e) {
    out.documents.clear();
    out.error_line = std::max(1, e.mark.line + 1);
    out.error = e.msg;
  }
  return out;
}

// The value helm and kubectl see for `key`. yaml-cpp accepts a duplicated key,
// keeps both pairs and node[key] answers the first; they keep the last (H2).
// (Emplaced: assigning to a YAML::Node that holds a node would overwrite that
// node inside the document.)
std::optional<YAML::Node> last_value(const YAML::Node& map, const std::string& key) {
  std::optional<YAML::Node> found;
  if (!map.IsMap()) return found;
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) found.emplace(kv.second);
  return found;
}

std::string scalar_of(const std::optional<YAML::Node>& n) { return n && n->IsScalar() ? n->Scalar() : ""; }

// A scalar that decodes to a JSON string as sigs.k8s.io/yaml (YAML 1.1)
// decodes it: quoted, tagged !!str, or plain and no null, boolean or number.
bool is_string_scalar(const std::optional<YAML::Node>& n) {
  if (!n || !n->IsScalar()) return false;
  if (n->Tag() == "!" || n->Tag() == "tag:yaml.org,2002:str") return true;
  if (n->Tag() != "?") return false;
  static const std::regex not_string(
      "~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
      "|[-+]?[0-9][0-9_]*|0x[0-9a-fA-F_]+|[-+]?(\\.[0-9]+|[0-9][0-9_]*\\.[0-9_]*)([eE][-+]?[0-9]+)?"
      "|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  return !std::regex_match(n->Scalar(), not_string);
}

bool is_kubernetes_object(const YAML::Node& doc) {
  return doc.IsMap() && is_string_scalar(last_value(doc, "apiVersion")) && is_string_scalar(last_value(doc, "kind"));
}

bool any_line(const std::string& text, const std::regex& re) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, re)) return true;
  return false;
}

// §9 step 2: the file declares a StatefulSet, whether or not it renders.
bool bears_statefulset(const std::string& text) {
  static const std::regex kind_line(R"(^\s*kind:\s*["']?StatefulSet["']?\s*$)");
  return any_line(text, kind_line);
}

// ---- plain YAML (§3.3) ---------------------------------------------------------

enum class YamlKind { kKubernetes, kNotKubernetes, kBroken };

struct YamlClass {
  YamlKind kind = YamlKind::kNotKubernetes;
  int error_line = 0;  // kBroken
};

YamlClass classify_yaml(const std::string& text) {
  const ParsedYaml parsed = parse_yaml(text);
  if (parsed.error_line) {
    // Only a file that reads as an object is the student's broken manifest;
    // anything else that fails (Jinja in Ansible, say) is simply not Kubernetes.
    static const std::regex api(R"(^apiVersion:\s*\S)"), kind(R"(^kind:\s*\S)");
    if (any_line(text, api) && any_line(text, kind)) return {YamlKind::kBroken, parsed.error_line};
    return {};
  }
  for (const YAML::Node& d : parsed.documents)
    if (is_kubernetes_object(d)) return {YamlKind::kKubernetes};
  return {};
}

// ---- charts (§3.1) and kustomizations (§3.2) ------------------------------------

struct Chart {
  Unit unit;
  bool library = false;
  bool vendored = false;
  std::vector<std::string> file_dependencies;  // file:// paths resolved inside R
};

std::vector<std::string> file_dependencies(const fs::path& root, const std::string& chart, const YAML::Node& meta) {
  // Helm reads a v1 chart's dependencies from requirements.yaml, a v2 chart's from Chart.yaml.
  std::optional<YAML::Node> list = last_value(meta, "dependencies");
  if (scalar_of(last_value(meta, "apiVersion")) == "v1") {
    const ParsedYaml req = parse_yaml(read_text(root / chart / "requirements.yaml"));
    list = req.documents.empty() ? std::nullopt : last_value(req.documents.front(), "dependencies");
  }
  std::vector<std::string> out;
  if (!list || !list->IsSequence()) return out;
  for (const YAML::Node& dep : *list) {
    const std::string repo = scalar_of(last_value(dep, "repository"));
    if (repo.rfind("file://", 0) != 0) continue;
    if (std::optional<std::string> p = resolve_inside(chart, repo.substr(7))) out.push_back(*p);
  }
  return out;
}

// A template of the chart, at any depth of templates/, declares a StatefulSet.
bool templates_bear_statefulset(const fs::path& chart_dir) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(chart_dir / "templates", ec), end; !ec && it != end; it.increment(ec))
    if (is_file(it->path()) && bears_statefulset(read_text(it->path()))) return true;
  return false;
}

Chart read_chart(const fs::path& root, const std::string& rel, bool vendored) {
  Chart c;
  c.unit.path = rel;
  c.unit.kind = UnitKind::kHelm;
  c.vendored = vendored;
  c.unit.statefulset_bearing = templates_bear_statefulset(root / rel);
  const std::string file = child_path(rel, "Chart.yaml");
  const ParsedYaml parsed = parse_yaml(read_text(root / file));
  if (parsed.error_line) {
    c.unit.chart_error = file + ":" + std::to_string(parsed.error_line) + ": " + parsed.error;
    return c;
  }
  if (parsed.documents.empty()) return c;  // helm names what is missing when it renders
  const YAML::Node& meta = parsed.documents.front();
  c.unit.chart_name = scalar_of(last_value(meta, "name"));
  c.library = scalar_of(last_value(meta, "type")) == "library";
  c.file_dependencies = file_dependencies(root, rel, meta);
  return c;
}

// §3.1: library, vendored, then dependency-of the first chart (path order)
// naming it through file://. The naming charts are those neither library nor
// vendored.
void mark_skipped(std::vector<Chart>& charts) {
  std::map<std::string, std::string> dependent_of;
  for (const Chart& c : charts) {
    if (c.library || c.vendored) continue;
    for (const std::string& d : c.file_dependencies)
      if (d != c.unit.path) dependent_of.emplace(d, c.unit.path);
  }
  for (Chart& c : charts) {
    const auto dep = dependent_of.find(c.unit.path);
    c.unit.why = c.library ? "library" : c.vendored ? "vendored" : dep != dependent_of.end() ? "dependency-of " + dep->second : "";
    if (!c.unit.why.empty()) c.unit.status = "skipped";
  }
}

struct Kustomization {
  Unit unit;
  std::vector<std::string> references;  // local resources, bases, components resolved inside R
};

Kustomization read_kustomization(const fs::path& root, const std::string& rel, const std::string& file) {
  Kustomization k;
  k.unit.path = rel;
  k.unit.kind = UnitKind::kKustomize;
  const ParsedYaml parsed = parse_yaml(read_text(root / rel / file));
  if (parsed.documents.empty()) return k;
  for (const char* field : {"resources", "bases", "components"}) {
    const std::optional<YAML::Node> list = last_value(parsed.documents.front(), field);
    if (!list || !list->IsSequence()) continue;
    for (const YAML::Node& r : *list)
      if (std::optional<std::string> p = resolve_inside(rel, r.IsScalar() ? r.Scalar() : "")) k.references.push_back(*p);
  }
  return k;
}

// §3.2: a kustomization another one references is its base, rendered through it.
void mark_bases(std::vector<Kustomization>& ks) {
  std::map<std::string, std::string> base_of;
  for (const Kustomization& k : ks)
    for (const std::string& r : k.references)
      if (r != k.unit.path) base_of.emplace(r, k.unit.path);
  for (Kustomization& k : ks)
    if (const auto b = base_of.find(k.unit.path); b != base_of.end()) {
      k.unit.status = "skipped";
      k.unit.why = "kustomize-base-of " + b->second;
    }
}

// ---- the walk (§2) ---------------------------------------------------------------

// One depth-first pass over R; each list fills in path order.
class Walker {
 public:
  explicit Walker(fs::path root) : root_(std::move(root)) { manifests_.path = "."; }

  // An ordinary folder: charts, kustomizations, Markdown and plain YAML.
  void folder(const std::string& rel, int depth) {
    if (is_file(root_ / rel / "Chart.yaml")) {
      chart(rel, depth, false);
      return;
    }
    if (const std::string k = kustomization_file(root_ / rel); !k.empty()) {
      kustomizations_.push_back(read_kustomization(root_, rel, k));
      unit_folder(rel, depth, Inside::kOther);
      return;
    }
    for (const std::string& name : listed_names(root_ / rel)) {
      const std::string child = child_path(rel, name);
      if (is_folder(root_ / child)) {
        if (depth < kMaxDepth) folder(child, depth + 1);
      } else if (is_file(root_ / child)) {
        if (ends_with(name, ".md")) walk_.markdown.push_back(child);
        else if (is_yaml_name(name)) plain_yaml(child);
      }
    }
  }

  Walk result() {
    mark_skipped(charts_);
    mark_bases(kustomizations_);
    for (Chart& c : charts_) walk_.units.push_back(std::move(c.unit));
    for (Kustomization& k : kustomizations_) walk_.units.push_back(std::move(k.unit));
    if (!manifests_.files.empty()) walk_.units.push_back(std::move(manifests_));
    return std::move(walk_);
  }

 private:
  enum class Inside { kChart, kChartsFolder, kOther };

  void chart(const std::string& rel, int depth, bool vendored) {
    charts_.push_back(read_chart(root_, rel, vendored));
    unit_folder(rel, depth, Inside::kChart);
  }

  // Inside a chart or kustomization the YAML is the tool's, not plain
  // manifests; only its Markdown is read, and the charts of a chart's charts/.
  void unit_folder(const std::string& rel, int depth, Inside where) {
    for (const std::string& name : listed_names(root_ / rel)) {
      const std::string child = child_path(rel, name);
      if (is_folder(root_ / child)) {
        if (depth >= kMaxDepth) continue;
        if (where == Inside::kChartsFolder && is_file(root_ / child / "Chart.yaml"))
          chart(child, depth + 1, true);
        else
          unit_folder(child, depth + 1, where == Inside::kChart && name == "charts" ? Inside::kChartsFolder : Inside::kOther);
      } else if (ends_with(name, ".md") && is_file(root_ / child)) {
        walk_.markdown.push_back(child);
      }
    }
  }

  // A broken manifest stays in the manifests unit: graded, that unit fails
  // with its file:line rather than silently losing an object (§3.3).
  void plain_yaml(const std::string& rel) {
    const std::string text = read_text(root_ / rel);
    const YamlClass c = classify_yaml(text);
    if (c.kind == YamlKind::kNotKubernetes) {
      walk_.not_kubernetes.push_back(rel);
      return;
    }
    if (c.kind == YamlKind::kBroken) walk_.broken_manifests.push_back(rel + ":" + std::to_string(c.error_line));
    manifests_.files.push_back(rel);
    manifests_.statefulset_bearing = manifests_.statefulset_bearing || bears_statefulset(text);
  }

  fs::path root_;
  std::vector<Chart> charts_;
  std::vector<Kustomization> kustomizations_;
  Unit manifests_;
  Walk walk_;  // markdown, not_kubernetes, broken_manifests; units at the end
};

// ---- overlays (§6) ---------------------------------------------------------------

// The folders whose YAML files may be values files of `chart`.
std::vector<std::string> scope_folders(const fs::path& root, const std::string& chart) {
  std::vector<std::string> out{chart, child_path(chart, "values")};
  const std::string parent = parent_of(chart);
  if (chart != "." && !is_file(root / parent / "Chart.yaml")) out.push_back(parent);
  return out;
}

// (Chart.lock, also excluded by §6, is never a *.yaml file of the scope.)
bool is_values_file(const fs::path& root, const std::string& rel) {
  const std::string name = file_name(rel);
  if (name == "values.yaml" || name == "Chart.yaml" || is_kustomization_name(name)) return false;
  const ParsedYaml p = parse_yaml(read_text(root / rel));
  return !p.error_line && p.documents.size() == 1 && p.documents[0].IsMap() && !is_kubernetes_object(p.documents[0]);
}

struct OverlayName {
  bool partition = false;
  bool ondelete = false;
  int rank = 0;       // 1 statefulset, 2 stateful / sts, 3 lab15; 0 no candidate
  size_t tokens = 0;
};

OverlayName overlay_name(const std::string& rel) {
  std::string stem = lower(file_name(rel));
  stem.erase(stem.rfind('.'));
  std::vector<std::string> tokens;
  for (size_t start = 0, end; start <= stem.size(); start = end + 1) {
    end = std::min(stem.find_first_of("-_.", start), stem.size());
    if (end > start) tokens.push_back(stem.substr(start, end - start));
  }
  const auto has = [&](const char* s) { return stem.find(s) != std::string::npos; };
  static const std::regex lab15("lab[-_]?15");
  OverlayName n;
  n.tokens = tokens.size();
  n.partition = has("partition");
  n.ondelete = has("ondelete") || has("on-delete") || has("on_delete");
  if (has("statefulset")) n.rank = 1;
  else if (has("stateful") || std::find(tokens.begin(), tokens.end(), "sts") != tokens.end()) n.rank = 2;
  else if (std::regex_search(stem, lab15)) n.rank = 3;
  return n;
}

// ---- the report (§11) ------------------------------------------------------------

bool is_same_or_ancestor(const std::string& folder, const std::string& of) {
  return folder == "." || folder == of || of.rfind(folder + "/", 0) == 0;
}

// 1 k8s/STATEFULSET.md, 2 one beside the chart or above it, 3 any other
// STATEFULSET.md, 4 a name saying statefulset or lab15; 0 not a report.
int report_rank(const std::string& md, const std::string& chart) {
  const std::string name = lower(file_name(md));
  if (name == "statefulset.md") {
    const std::string folder = parent_of(md);
    if (folder == "k8s") return 1;
    if (!chart.empty() && is_same_or_ancestor(folder, chart)) return 2;
    return 3;
  }
  static const std::regex lab15("lab[-_]?15");
  const std::string stem = name.substr(0, name.rfind('.'));
  return stem.find("statefulset") != std::string::npos || std::regex_search(stem, lab15) ? 4 : 0;
}

}  // namespace

const char* unit_kind_name(UnitKind k) {
  switch (k) {
    case UnitKind::kHelm: return "helm";
    case UnitKind::kKustomize: return "kustomize";
    case UnitKind::kManifests: break;
  }
  return "manifests";
}

Walk walk_repository(const std::string& root) {
  Walker w(root);
  std::error_code ec;
  if (fs::is_directory(root, ec)) w.folder(".", 0);  // R itself may be a link (a temporary folder's)
  return w.result();
}

OverlayScope overlay_scope(const std::string& root, const std::string& chart) {
  std::vector<std::string> files;
  for (const std::string& folder : scope_folders(root, chart))
    for (const std::string& name : listed_names(fs::path(root) / folder)) {
      const std::string rel = child_path(folder, name);
      if (is_yaml_name(name) && is_file(fs::path(root) / rel) && is_values_file(root, rel)) files.push_back(rel);
    }
  std::sort(files.begin(), files.end(), path_less);

  OverlayScope out;
  std::vector<std::string> ondelete;
  std::vector<std::pair<OverlayName, std::string>> candidates;
  for (const std::string& f : files) {
    const OverlayName n = overlay_name(f);
    if (n.partition) out.bonus.push_back(f);
    else if (n.ondelete) ondelete.push_back(f);
    else if (n.rank) candidates.emplace_back(n, f);
    else out.others.push_back(f);
  }
  out.bonus.insert(out.bonus.end(), ondelete.begin(), ondelete.end());
  // Stable: equal rank and tokens keep the path order of `files`.
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.rank, a.first.tokens) < std::tie(b.first.rank, b.first.tokens);
  });
  for (const auto& c : candidates) out.candidates.push_back(c.second);
  return out;
}

ReportChoice rank_reports(const std::vector<std::string>& markdown, const std::string& chart) {
  struct Ranked {
    int rank, steps;
    std::string path;
  };
  // Nearness is measured from the chosen unit, or from R before one is chosen.
  const std::string from = chart.empty() ? "." : chart;
  std::vector<Ranked> ranked;
  for (const std::string& md : markdown)
    if (const int r = report_rank(md, chart)) ranked.push_back({r, steps_between(parent_of(md), from), md});
  ReportChoice out;
  const auto best = std::min_element(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.steps != b.steps) return a.steps < b.steps;
    return path_less(a.path, b.path);
  });
  if (best == ranked.end()) return out;
  out.report = best->path;
  for (const Ranked& r : ranked)
    if (r.path != out.report) out.others.push_back(r.path);
  return out;
}

}  // namespace sts::discovery
