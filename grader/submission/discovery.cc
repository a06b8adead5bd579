// §4 dependencies, §7 attempts, §8 bonus layering, §9 choosing the unit,
// §10 release name, §17 refusals of docs/submission-discovery.md.
#include "grader/submission/discovery.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "grader/base/process.h"
#include "grader/base/text.h"

namespace fs = std::filesystem;

namespace sts::discovery {

namespace {

constexpr int kRendersPerChart = 12;
constexpr int kRendersPerRepository = 40;

std::string read_text(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string abs_in(const std::string& root, const std::string& rel) {
  return rel == "." || rel.empty() ? root : (fs::path(root) / rel).string();
}


const Manifest* first_statefulset(const std::vector<Manifest>& ms) {
  for (const Manifest& m : ms)
    if (!is_hook(m) && m.kind() == "StatefulSet") return &m;
  return nullptr;
}

// "RollingUpdate partition 2", "OnDelete", "RollingUpdate".
std::string update_strategy(const Manifest& sts) {
  const Json& st = node_at(sts.object, {"spec", "updateStrategy"});
  std::string type = str_at(st, {"type"});
  if (type.empty()) type = "RollingUpdate";
  const Json& p = node_at(st, {"rollingUpdate", "partition"});
  if (type == "RollingUpdate" && p.is_number_integer() && p.get<long>() > 0)
    return type + " partition " + std::to_string(p.get<long>());
  return type;
}

// §8: a bonus strategy is OnDelete, or a partition above the first ordinal.
bool has_bonus_strategy(const Manifest& sts) {
  const Json& st = node_at(sts.object, {"spec", "updateStrategy"});
  if (str_at(st, {"type"}) == "OnDelete") return true;
  const Json& p = node_at(st, {"rollingUpdate", "partition"});
  const Json& start = node_at(sts.object, {"spec", "ordinals", "start"});
  const long first = start.is_number_integer() ? start.get<long>() : 0;
  return p.is_number_integer() && p.get<long>() > first;
}

std::string rel_to(const fs::path& p, const std::string& root) {
  return p.lexically_normal().lexically_relative(fs::path(root).lexically_normal()).generic_string();
}

// ---- §4 -------------------------------------------------------------------

struct ChartDeps {
  std::vector<Dependency> deps;
  bool missing = false;
  bool needs_build = false;
  std::string refusal, refusal_at;
};

// The `name` of the Chart.yaml inside a .tgz (helm matches archives by it).
std::string archive_chart_name(const fs::path& tgz) {
  ProcessResult r = run_process({"tar", "-xzOf", tgz.string(), "--wildcards", "*/Chart.yaml"}, "",
                                std::chrono::seconds(20));
  if (r.exit_code != 0) return "";
  static const std::regex kName(R"((?:^|\n)name:\s*["']?([^"'\s#]+))");
  std::smatch m;
  return std::regex_search(r.out, m, kName) ? m[1].str() : "";
}

ChartDeps resolve_dependencies(const std::string& root, const Unit& chart) {
  ChartDeps out;
  const fs::path dir = abs_in(root, chart.path);
  const std::string chart_file = chart.path + "/Chart.yaml";
  std::map<std::string, SourcePos> positions;
  Json meta;
  try {
    meta = parse_yaml_document(read_text(dir / "Chart.yaml"), chart_file, positions);
  } catch (const ManifestError&) {
    return out;  // the attempts report the Chart.yaml error
  }
  Json list = node_at(meta, {"dependencies"});
  if (!list.is_array() && str_at(meta, {"apiVersion"}) == "v1") {
    try {
      std::map<std::string, SourcePos> p2;
      list = node_at(parse_yaml_document(read_text(dir / "requirements.yaml"), chart.path + "/requirements.yaml", p2),
                     {"dependencies"});
    } catch (const ManifestError&) {
    }
  }
  if (!list.is_array()) return out;
  // Archives and unpacked folders in charts/, by their inner chart name.
  std::map<std::string, std::string> archived;  // name -> charts/<entry>
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator e(dir / "charts", ec); !ec && e != fs::directory_iterator(); e.increment(ec))
    entries.push_back(e->path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& e : entries) {
    std::error_code st;
    if (e.extension() == ".tgz" && fs::is_regular_file(e, st)) {
      const std::string n = archive_chart_name(e);
      if (!n.empty()) archived.emplace(n, rel_to(e, root));
    } else if (fs::is_regular_file(e / "Chart.yaml", st)) {
      archived.emplace(e.filename().string(), rel_to(e, root));
    }
  }
  std::vector<std::string> problems;
  for (size_t i = 0; i < list.size(); ++i) {
    Dependency d;
    d.chart = chart.path;
    d.name = str_at(list[i], {"name"});
    d.version = str_at(list[i], {"version"});
    d.repository = str_at(list[i], {"repository"});
    auto pos = positions.find("/dependencies/" + std::to_string(i) + "/name");
    const std::string at = pos == positions.end() ? chart_file + ":1" : chart_file + ":" + std::to_string(pos->second.line);
    if (auto a = archived.find(d.name); a != archived.end()) {
      d.from = a->second;
    } else if (d.repository.rfind("file://", 0) == 0) {
      const fs::path target = (dir / d.repository.substr(7)).lexically_normal();
      const std::string rel = rel_to(target, root);
      const bool inside = !rel.empty() && rel.rfind("..", 0) != 0;
      std::error_code st;
      if (inside && fs::is_regular_file(target / "Chart.yaml", st)) {
        d.built_from = rel;
        out.needs_build = true;
      } else {
        d.missing = "no archive in " + chart.path + "/charts/ and " + (inside ? rel : d.repository.substr(7)) +
                    " is not in the repository";
      }
    } else {
      d.missing = "no archive in " + chart.path + "/charts/; a remote repository is never fetched";
    }
    if (!d.missing.empty()) {
      d.at = at;
      if (out.refusal_at.empty()) out.refusal_at = at;
      const bool remote = d.repository.rfind("file://", 0) != 0;
      problems.push_back("dependency " + d.name + " " + d.version + " (" + d.repository + ") is missing: " +
                         (remote ? "no archive in " + chart.path +
                                       "/charts/, and the grader fetches nothing over the network (helm needs it even "
                                       "with its condition false)"
                                 : d.missing));
    }
    out.deps.push_back(d);
  }
  if (!problems.empty()) {
    out.missing = true;
    out.refusal = out.refusal_at + ": " + join(problems, "; ") +
                  ". Commit the archives (helm dependency build) or the file:// chart.";
  }
  return out;
}

// A scratch copy of R (without .git) where dependencies may be built: the
// submission itself is never written.
std::string scratch_copy(const std::string& root, const std::string& scratch) {
  const fs::path dest = fs::path(scratch) / "repository";
  std::error_code ec;
  fs::remove_all(dest, ec);
  fs::create_directories(dest, ec);
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code st;
    if (it->is_directory(st) && name == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    const fs::path to = dest / it->path().lexically_relative(root);
    if (it->is_directory(st)) fs::create_directories(to, st);
    else if (it->is_regular_file(st)) fs::copy_file(it->path(), to, fs::copy_options::overwrite_existing, st);
  }
  return dest.string();
}

// An override's values file: relative to R, else to the chart folder; an
// absolute path as given (§1).
std::string override_values_path(const std::string& root, const std::string& chart, const std::string& v) {
  if (fs::path(v).is_absolute()) return v;
  std::error_code ec;
  if (fs::is_regular_file(fs::path(root) / v, ec)) return fs::path(v).lexically_normal().generic_string();
  return (fs::path(chart == "." ? "" : chart) / v).lexically_normal().generic_string();
}

// ---- attempts ---------------------------------------------------------------

struct ChartState {
  Unit* unit = nullptr;
  std::string release;
  std::string release_from;
  std::string render_root;
  int renders = 0;
  int first_attempt = 0;                 // index into Discovery::attempts
  int statefulset_attempt = -1;
  int bonus_attempt = -1;                // the layered attempt graded instead (§8)
  int default_attempt = -1;              // the defaults, when they rendered
  std::vector<Manifest> default_manifests;
  std::vector<Manifest> chosen_manifests;
  bool error_only = true;                // every attempt failed
  std::string first_error_at;            // the refusal of its first failed attempt
  std::string first_error;
};

struct Runner {
  const std::string& root;
  const DiscoverOptions& opt;
  Discovery& d;
  int renders = 0;

  bool same_lists(const Attempt& a, const Attempt& b) {
    return a.values == b.values && a.set == b.set && a.set_string == b.set_string;
  }

  // Renders one attempt (or records it as the same as an earlier one).
  void run(ChartState& c, Attempt a) {
    a.chart = c.unit->path;
    if (a.release.empty()) a.release = c.release;
    for (size_t i = c.first_attempt; i < d.attempts.size(); ++i)
      if (d.attempts[i].chart == a.chart && d.attempts[i].result != "not-reached" && same_lists(d.attempts[i], a)) {
        a.result = "same-as-attempt";
        a.same_as = static_cast<int>(i - c.first_attempt) + 1;
        d.attempts.push_back(a);
        return;
      }
    if (c.renders >= kRendersPerChart || renders >= kRendersPerRepository) {
      a.result = "not-reached";
      d.attempts.push_back(a);
      return;
    }
    ++c.renders;
    ++renders;
    RenderRequest req;
    req.chart_dir = abs_in(c.render_root, c.unit->path);
    req.source_dir = abs_in(root, c.unit->path);
    req.release = a.release;
    for (const std::string& v : a.values) req.values.push_back(abs_in(c.render_root, v));
    req.set = a.set;
    req.set_string = a.set_string;
    Rendered r = opt.tools.helm_template(req);
    if (!r.error.empty()) {
      a.result = "error";
      a.error = r.error;
      if (c.first_error.empty()) {
        c.first_error = r.error;
        c.first_error_at = r.error_at;
      }
    } else {
      c.error_only = false;
      a.objects = regular_objects(r.manifests);
      a.result = first_statefulset(r.manifests) ? "statefulset" : "no-statefulset";
      if (a.source == "default" || a.source == "override") {
        c.default_attempt = static_cast<int>(d.attempts.size());
        c.default_manifests = r.manifests;
      }
      if (a.result == "statefulset" && c.statefulset_attempt < 0) {
        c.statefulset_attempt = static_cast<int>(d.attempts.size());
        c.chosen_manifests = std::move(r.manifests);
      } else if (a.source == "bonus" && a.result == "statefulset") {
        c.chosen_manifests = std::move(r.manifests);
      }
    }
    d.attempts.push_back(std::move(a));
  }
};

// §10: the release of a chart.
void choose_release(ChartState& c, const DiscoverOptions& opt, const std::vector<MarkdownCommand>& md) {
  if (!opt.overrides.release.empty()) {
    c.release = opt.overrides.release;
    c.release_from = opt.overrides.release_from;
    return;
  }
  for (const MarkdownCommand& m : md)
    if (m.ignored.empty() && m.chart == c.unit->path && !m.release.empty()) {
      c.release = m.release;
      c.release_from = m.at;
      return;
    }
  c.release = release_name(c.unit->chart_name.empty() ? fs::path(c.unit->path).filename().string() : c.unit->chart_name);
  c.release_from = "chart-name";
}

std::string describe_attempt(const Attempt& a, const std::vector<Attempt>& all, size_t first) {
  std::string what = a.source == "default"    ? "defaults"
                     : a.source == "markdown" ? "markdown " + a.origin
                     : a.source == "overlay"  ? "overlay " + a.origin
                                              : a.source + (a.origin.empty() ? "" : " " + a.origin);
  std::vector<std::string> flags;
  for (const std::string& v : a.values) flags.push_back("-f " + v);
  for (const std::string& s : a.set) flags.push_back("--set " + s);
  for (const std::string& s : a.set_string) flags.push_back("--set-string " + s);
  if (a.source != "default" && a.source != "overlay" && !flags.empty()) what += ": " + join(flags, " ");
  if (a.result == "same-as-attempt") {
    const Attempt& e = all[first + a.same_as - 1];
    return what + ": the same as " + (e.source == "default" ? "defaults" : e.source + " " + e.origin);
  }
  if (a.result == "not-reached") return what + ": not reached (render bound)";
  if (a.result == "error") return what + ": " + a.error;
  return what + ": " + (a.objects.empty() ? "no objects" : join(a.objects, ", "));
}

// §8: the base's values plus each bonus overlay (partition first); the first
// that keeps the same StatefulSet and gives it a bonus strategy is graded.
void layer_bonus(Runner& runner, ChartState& c, const std::vector<std::string>& bonus, Discovery& d) {
  const Attempt base = d.attempts[c.statefulset_attempt];
  const std::string base_name = first_statefulset(c.chosen_manifests)->name();
  for (const std::string& f : bonus) {
    if (std::find(base.values.begin(), base.values.end(), f) != base.values.end()) continue;
    Attempt a;
    a.source = "bonus";
    a.origin = f;
    a.release = base.release;
    a.values = base.values;
    a.values.push_back(f);
    a.set = base.set;
    a.set_string = base.set_string;
    std::vector<Manifest> keep = c.chosen_manifests;
    runner.run(c, a);
    const Manifest* s = first_statefulset(c.chosen_manifests);
    if (d.attempts.back().result == "statefulset" && s && s->name() == base_name && has_bonus_strategy(*s)) {
      c.bonus_attempt = static_cast<int>(d.attempts.size()) - 1;
      for (const std::string& other : bonus)
        if (other != f) d.not_tried.push_back({other, "bonus-other"});
      return;
    }
    c.chosen_manifests = std::move(keep);
  }
}

// A values key whose path says statefulset, set false: the hint of §17.
std::string statefulset_switch_hint(const std::string& root, const Unit& chart) {
  const std::string file = chart.path + "/values.yaml";
  std::map<std::string, SourcePos> positions;
  try {
    Json v = parse_yaml_document(read_text(abs_in(root, file)), file, positions);
    std::string found;
    std::function<void(const Json&, const std::string&, const std::string&)> walk =
        [&](const Json& j, const std::string& dotted, const std::string& ptr) {
          if (!found.empty()) return;
          if (j.is_boolean() && !j.get<bool>()) {
            std::string lower = dotted;
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            if (lower.find("statefulset") != std::string::npos) {
              auto p = positions.find(ptr);
              found = file + ":" + std::to_string(p == positions.end() ? 1 : p->second.line) + " has " + dotted +
                      ": false; if it was deployed with it on, pass --set " + dotted + "=true (roster column set)";
            }
          }
          if (j.is_object())
            for (auto it = j.begin(); it != j.end(); ++it)
              walk(it.value(), dotted.empty() ? it.key() : dotted + "." + it.key(), ptr + "/" + it.key());
        };
    walk(v, "", "");
    return found;
  } catch (const ManifestError&) {
    return "";
  }
}

// The manifests unit: every Kubernetes file parsed on its own, so one broken
// file is named while the others still count (§3.3).
struct PlainRead {
  std::vector<Manifest> manifests;
  std::vector<std::string> file_lines;   // "file: Kind/name, …" or the file's error
  std::string first_error;
};

PlainRead read_plain(const std::string& root, const Unit& u, Discovery& d) {
  PlainRead out;
  Attempt a;
  a.chart = ".";
  a.source = "manifests";
  for (const std::string& f : u.files) {
    try {
      std::vector<Manifest> ms = parse_manifests(read_text(abs_in(root, f)), abs_in(root, f));
      std::vector<std::string> names;
      for (const Manifest& m : ms) names.push_back(m.kind() + "/" + m.name());
      a.objects.insert(a.objects.end(), names.begin(), names.end());
      out.file_lines.push_back(f + ": " + join(names, ", "));
      for (Manifest& m : ms) out.manifests.push_back(std::move(m));
    } catch (const SubmissionRefused&) {
      throw;  // a policy refusal (an alias bomb): the whole submission, not one file
    } catch (const ManifestError& e) {
      const std::string msg = e.what();  // "<R>/file:line:col: message"
      const std::string abs = abs_in(root, f);
      out.file_lines.push_back(msg.rfind(abs, 0) == 0 ? f + msg.substr(abs.size()) : msg);
      if (out.first_error.empty()) out.first_error = msg;
    }
  }
  a.result = first_statefulset(out.manifests) ? "statefulset" : "no-statefulset";
  d.attempts.push_back(a);
  return out;
}

// §4 and §7: one application chart's dependencies and attempts, in order,
// stopping at the first StatefulSet; then the bonus layering (§8).
ChartState attempt_chart(Runner& runner, Unit& u) {
  const std::string& root = runner.root;
  const DiscoverOptions& opt = runner.opt;
  const Overrides& ov = opt.overrides;
  Discovery& d = runner.d;
  ChartState c;
  c.unit = &u;
  c.render_root = root;
  c.first_attempt = static_cast<int>(d.attempts.size());
  choose_release(c, opt, d.markdown);
  ChartDeps deps = resolve_dependencies(root, u);
  for (Dependency& dep : deps.deps) d.dependencies.push_back(dep);
  if (deps.missing) {
    u.status = "error";
    c.first_error_at = deps.refusal;  // starts with its Chart.yaml line
    c.first_error = deps.refusal;
    return c;
  }
  if (deps.needs_build && !opt.scratch.empty()) {
    if (d.render_root == root) d.render_root = scratch_copy(root, opt.scratch);
    c.render_root = d.render_root;
    const std::string err = opt.tools.helm_dependency_build(abs_in(c.render_root, u.path));
    if (!err.empty()) {
      u.status = "error";
      c.first_error = err;
      c.first_error_at = u.path + "/Chart.yaml:1";
      return c;
    }
  }
  const OverlayScope scope = overlay_scope(root, u.path);
  if (ov.values_given) {
    Attempt a;
    a.source = "override";
    for (const std::string& v : ov.values) a.values.push_back(override_values_path(root, u.path, v));
    a.set = ov.set;
    a.set_string = ov.set_string;
    runner.run(c, a);
  } else {
    Attempt defaults;
    defaults.source = "default";
    runner.run(c, defaults);
    for (const MarkdownCommand& m : d.markdown) {
      if (c.statefulset_attempt >= 0) break;
      if (!m.ignored.empty() || m.chart != u.path) continue;
      Attempt a;
      a.source = "markdown";
      a.origin = m.at;
      a.release = m.release;
      a.values = m.values;
      a.set = m.set;
      a.set_string = m.set_string;
      runner.run(c, a);
    }
    auto overlays = [&](const std::vector<std::string>& files) {
      for (const std::string& f : files) {
        if (c.statefulset_attempt >= 0) return;
        Attempt a;
        a.source = "overlay";
        a.origin = f;
        a.values = {f};
        runner.run(c, a);
      }
    };
    overlays(scope.candidates);
    // Bonus overlays are bases only for a chart without candidates.
    if (scope.candidates.empty()) overlays(scope.bonus);
  }
  // §8: layer a bonus overlay onto a base without a bonus strategy.
  if (c.statefulset_attempt >= 0 && d.attempts[c.statefulset_attempt].source != "override" &&
      !scope.bonus.empty() && !has_bonus_strategy(*first_statefulset(c.chosen_manifests)))
    layer_bonus(runner, c, scope.bonus, d);
  // Values files of the scope no attempt rendered.
  auto rendered = [&](const std::string& f) {
    for (size_t i = c.first_attempt; i < d.attempts.size(); ++i) {
      const auto& v = d.attempts[i].values;
      if (std::find(v.begin(), v.end(), f) != v.end()) return true;
    }
    return false;
  };
  for (const std::string& f : scope.others)
    if (!rendered(f)) d.not_tried.push_back({f, "name"});
  for (const std::string& f : scope.candidates)
    if (!rendered(f)) d.not_tried.push_back({f, "not-reached"});
  u.status = c.statefulset_attempt >= 0          ? "renders-statefulset"
             : c.error_only && c.renders > 0     ? "error"
                                                 : "no-statefulset";
  return c;
}

}  // namespace

std::string release_name(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
  }
  s = s.substr(0, 53);
  while (!s.empty() && s.back() == '-') s.pop_back();
  while (!s.empty() && s.front() == '-') s.erase(s.begin());
  return s.empty() ? "release" : s;
}

bool is_hook(const Manifest& m) {
  return !str_at(m.object, {"metadata", "annotations", "helm.sh/hook"}).empty();
}

bool is_helm_test(const Manifest& m) {
  const std::string events = str_at(m.object, {"metadata", "annotations", "helm.sh/hook"});
  std::stringstream in(events);
  for (std::string e; std::getline(in, e, ',');) {
    e.erase(0, e.find_first_not_of(' '));
    e.erase(e.find_last_not_of(' ') + 1);
    if (e == "test" || e == "test-success") return true;
  }
  return false;
}

std::vector<std::string> regular_objects(const std::vector<Manifest>& ms) {
  std::vector<std::string> out;
  for (const Manifest& m : ms)
    if (!is_hook(m)) out.push_back(m.kind() + "/" + m.name());
  return out;
}

namespace {

// One discovery, in the order of docs/submission-discovery.md: the walk and
// the Markdown commands, then each kind of unit the options allow (helm,
// kustomize, manifests) until one decides, then the single-unit fallback,
// then the reading of what was chosen.
class DiscoveryRun {
 public:
  DiscoveryRun(const std::string& root, const DiscoverOptions& opt) : root(root), opt(opt), ov(opt.overrides) {}

  Discovery run() {
    d.walk = walk_repository(root);
    d.render_root = root;
    read_markdown();
    if (!chart_override_known()) return std::move(d);
    for (const std::string& kind : opt.kinds) {
      if (!decided_kind.empty()) break;
      if (kind == "helm") try_helm();
      else if (kind == "kustomize") try_kustomize();
      else if (kind == "manifests") try_manifests();
    }
    if (!chosen && d.refusal.empty()) fall_back_to_the_only_unit();
    for (Unit& u : d.walk.units)
      if (u.status.empty()) u.status = "not-tried";
    if (!d.refusal.empty()) return std::move(d);
    if (!chosen) {
      d.refusal = root + ": nothing renders a StatefulSet. Tried:\n" + join(tried_lines, "\n") +
                  (tried_lines.empty() ? "  (no chart, kustomization or Kubernetes manifest in the repository)" : "") +
                  "\nPass the chart with --chart and its values with --values/--set (roster columns chart, values, set).";
      return std::move(d);
    }
    d.reading = reading_of_chosen();
    return std::move(d);
  }

 private:
  // The report first (ranked before a unit is chosen), then the rest.
  void read_markdown() {
    for (const Unit& u : d.walk.units)
      if (u.kind == UnitKind::kHelm && u.status != "skipped") charts.push_back({u.path, u.chart_name});
    const ReportChoice early = rank_reports(d.walk.markdown, "");
    std::vector<std::string> md_order;
    if (!early.report.empty()) md_order.push_back(early.report);
    for (const std::string& m : d.walk.markdown)
      if (m != early.report) md_order.push_back(m);
    d.markdown = markdown_commands(root, md_order, charts);
  }

  // --chart (or the roster's chart column) names an application chart.
  bool chart_override_known() {
    if (ov.chart.empty()) return true;
    const std::string want = fs::path(ov.chart).lexically_normal().generic_string();
    if (std::any_of(charts.begin(), charts.end(), [&](const AppChart& c) { return c.path == want; })) return true;
    std::vector<std::string> names;
    for (const AppChart& c : charts) names.push_back(c.path);
    d.refusal = root + ": --chart " + ov.chart + " is not an application chart of the repository (charts: " +
                (names.empty() ? std::string("none") : join(names, ", ")) + ")";
    return false;
  }

  // Every chart, attempt by attempt (§9): one that renders a StatefulSet is
  // chosen; several are told apart by the report's helm commands.
  void try_helm() {
    states.clear();
    states.reserve(d.walk.units.size());
    for (Unit& u : d.walk.units) {
      if (u.kind != UnitKind::kHelm || u.status == "skipped") continue;
      if (!ov.chart.empty() && u.path != fs::path(ov.chart).lexically_normal().generic_string()) {
        u.status = "not-tried";
        u.why = "roster chart";
        continue;
      }
      states.push_back(attempt_chart(runner, u));
    }
    std::vector<ChartState*> hits;
    for (ChartState& c : states)
      if (c.statefulset_attempt >= 0) hits.push_back(&c);
    if (hits.size() > 1) {
      // The report's render commands decide (§9.1).
      const ReportChoice rep = rank_reports(d.walk.markdown, "");
      std::vector<ChartState*> named;
      for (ChartState* c : hits)
        for (const MarkdownCommand& m : d.markdown)
          if (m.ignored.empty() && m.chart == c->unit->path && m.at.rfind(rep.report + ":", 0) == 0 &&
              std::find(named.begin(), named.end(), c) == named.end())
            named.push_back(c);
      if (named.size() != 1) {
        std::vector<std::string> parts;
        for (ChartState* c : hits)
          parts.push_back(c->unit->path + " (StatefulSet/" + first_statefulset(c->chosen_manifests)->name() + ")");
        d.refusal = root + ": several charts render a StatefulSet: " + join(parts, ", ") +
                    "; the report's helm commands name none of them. Grade one with --chart <folder> or the "
                    "roster's chart column.";
        decided_kind = "helm";
        return;
      }
      hits = named;
    }
    if (hits.size() == 1) {
      chosen_state = hits[0];
      chosen = hits[0]->unit;
      decided_kind = "helm";
      return;
    }
    // None: a StatefulSet-bearing chart that failed stops discovery (§9.2).
    for (ChartState& c : states)
      if (c.unit->statefulset_bearing && !c.first_error_at.empty()) {
        d.refusal = c.first_error_at;
        d.refusal_at = c.first_error_at.substr(0, c.first_error_at.find(": "));
        decided_kind = "helm";
        break;
      }
    if (!decided_kind.empty()) return;
    for (ChartState& c : states) {
      tried_lines.push_back("  " + c.unit->path + " (helm chart " + c.unit->chart_name + "):");
      if (!c.first_error.empty() && c.renders == 0) tried_lines.push_back("    " + c.first_error);
      for (size_t i = c.first_attempt; i < d.attempts.size() && d.attempts[i].chart == c.unit->path; ++i)
        tried_lines.push_back("    " + describe_attempt(d.attempts[i], d.attempts, c.first_attempt));
      std::vector<std::string> names;
      for (const auto& [f, why] : d.not_tried)
        if (why == "name" && f.rfind(c.unit->path + "/", 0) == 0) names.push_back(f);
      if (!names.empty())
        tried_lines.push_back("    not tried: " + join(names, ", ") +
                              " (their names say neither statefulset, stateful, sts nor lab15)");
      if (const std::string hint = statefulset_switch_hint(root, *c.unit); !hint.empty())
        tried_lines.push_back("    " + hint);
    }
    bool bearing = false;
    for (ChartState& c : states) bearing = bearing || c.unit->statefulset_bearing;
    if (bearing) decided_kind = "helm-none";
  }

  // Kustomizations render with `kubectl kustomize` (submission_source.cc):
  // discovery picks the first one that is not a base.
  void try_kustomize() {
    for (Unit& u : d.walk.units)
      if (u.kind == UnitKind::kKustomize && u.status != "skipped" && ov.chart.empty()) {
        chosen = &u;
        decided_kind = "kustomize";
        break;
      }
  }

  void try_manifests() {
    for (Unit& u : d.walk.units) {
      if (u.kind != UnitKind::kManifests || !ov.chart.empty()) continue;
      plain = read_plain(root, u, d);
      manifests_unit = &u;
      if (d.attempts.back().result == "statefulset" || (u.statefulset_bearing && !plain.first_error.empty())) {
        // A StatefulSet among broken files, or a broken StatefulSet: the first error.
        if (!plain.first_error.empty()) {
          u.status = "error";
          d.refusal = plain.first_error;
          d.refusal_at = plain.first_error.substr(0, plain.first_error.find(": "));
        } else {
          chosen = &u;
          d.manifests = std::move(plain.manifests);
        }
        decided_kind = "manifests";
      } else {
        u.status = "no-statefulset";
        tried_lines.push_back("  manifests: " + join(plain.file_lines, "; "));
      }
    }
  }

  // One unit and nothing else: graded as it renders, StatefulSet or not (the
  // checks and lint then say what is missing: a Deployment where the lab
  // wants a StatefulSet is the student's mistake, not a reason to refuse).
  void fall_back_to_the_only_unit() {
    std::vector<Unit*> units;
    for (Unit& u : d.walk.units)
      if (u.status != "skipped" && u.why != "roster chart") units.push_back(&u);
    if (units.size() == 1 && units[0] == manifests_unit && plain.first_error.empty() && !plain.manifests.empty()) {
      chosen = manifests_unit;
      d.manifests = std::move(plain.manifests);
    } else if (units.size() == 1 && units[0]->kind == UnitKind::kHelm && !units[0]->statefulset_bearing) {
      // (A chart with a StatefulSet template that none of the attempts turned
      // on is refused instead, with the switch named: no value is guessed.)
      for (ChartState& c : states)
        if (c.unit == units[0] && c.default_attempt >= 0) {
          c.statefulset_attempt = c.default_attempt;
          c.chosen_manifests = std::move(c.default_manifests);
          chosen_state = &c;
          chosen = c.unit;
        }
    }
  }

  // What was chosen, and how it renders: the reading the report shows.
  Reading reading_of_chosen() {
    chosen->status = "chosen";
    Reading r;
    r.kind = unit_kind_name(chosen->kind);
    r.chart = chosen->path;
    r.chart_from = ov.chart.empty() ? "discovery" : ov.chart_from;
    if (chosen_state) {
      const Attempt& base = d.attempts[chosen_state->statefulset_attempt];
      const Attempt& graded =
          chosen_state->bonus_attempt >= 0 ? d.attempts[chosen_state->bonus_attempt] : base;
      r.source = base.source;
      r.origin = base.origin;
      r.release = base.release;
      r.release_from = base.source == "markdown" && !base.release.empty() ? base.origin : chosen_state->release_from;
      r.values = graded.values;
      r.set = graded.set;
      r.set_string = graded.set_string;
      if (chosen_state->bonus_attempt >= 0) r.bonus = graded.origin;
      r.objects = graded.objects;
      d.render_root = chosen_state->render_root;
      for (Manifest& m : chosen_state->chosen_manifests)
        if (!is_helm_test(m)) d.manifests.push_back(std::move(m));
    } else if (chosen->kind == UnitKind::kManifests) {
      r.source = "manifests";
      r.objects = d.attempts.back().objects;
    } else {
      r.source = "kustomize";
    }
    r.report = rank_reports(d.walk.markdown, chosen->kind == UnitKind::kManifests ? "" : chosen->path).report;
    if (const Manifest* sts = first_statefulset(d.manifests)) {
      const Json& replicas = node_at(sts->object, {"spec", "replicas"});
      r.statefulset = {{"name", sts->name()},
                       {"replicas", replicas.is_number_integer() ? replicas : Json(1)},
                       {"update_strategy", update_strategy(*sts)}};
    }
    return r;
  }

  const std::string& root;
  const DiscoverOptions& opt;
  const Overrides& ov;
  Discovery d;
  Runner runner{root, opt, d};
  std::vector<AppChart> charts;
  std::vector<ChartState> states;
  Unit* chosen = nullptr;
  ChartState* chosen_state = nullptr;
  std::string decided_kind;
  std::vector<std::string> tried_lines;  // for the nothing-renders refusal
  PlainRead plain;
  Unit* manifests_unit = nullptr;
};

}  // namespace

Discovery discover(const std::string& root, const DiscoverOptions& opt) { return DiscoveryRun(root, opt).run(); }

std::vector<std::string> reading_lines(const Discovery& d) {
  std::vector<std::string> out;
  if (!d.reading) return out;
  const Reading& r = *d.reading;
  if (r.kind == "manifests") {
    std::vector<std::string> files;
    for (const Unit& u : d.walk.units)
      if (u.kind == UnitKind::kManifests) files = u.files;
    out.push_back("manifests " + join(files, ", "));
  } else {
    std::string chart = (r.kind == "helm" ? "chart " : "kustomization ") + r.chart + " (" + r.kind;
    if (!r.release.empty()) chart += ", release " + r.release + " from " + r.release_from;
    if (r.chart_from != "discovery") chart += ", chosen by " + r.chart_from;
    out.push_back(chart + ")");
  }
  std::vector<std::string> flags;
  for (const std::string& v : r.values) flags.push_back("-f " + v);
  for (const std::string& s : r.set) flags.push_back("--set " + s);
  for (const std::string& s : r.set_string) flags.push_back("--set-string " + s);
  if (r.kind == "helm") {
    std::string how = r.source == "default" ? "defaults" : r.source + (r.origin.empty() ? "" : " " + r.origin);
    if (!r.bonus.empty()) how += ", bonus overlay " + r.bonus;
    out.push_back("rendered " + (flags.empty() ? std::string("with the chart's defaults") : join(flags, " ")) + " (" +
                  how + ")");
  }
  if (!r.objects.empty()) out.push_back("objects " + join(r.objects, ", "));
  if (!r.report.empty() || r.kind != "manifests")  // a plain Lab 04 folder has none to find
    out.push_back("report " + (r.report.empty() ? std::string("none found") : r.report));
  for (const Attempt& a : d.attempts)
    if (a.result != "statefulset" && a.result != "same-as-attempt")
      out.push_back("tried " + a.chart + " " + (a.source == "default" ? "defaults" : a.source + " " + a.origin) + ": " +
                    (a.result == "error" ? a.error : a.objects.empty() ? a.result : join(a.objects, ", ")));
  for (const auto& [f, why] : d.not_tried)
    out.push_back("skipped " + f + " (" +
                  (why == "bonus-other" ? "the other bonus overlay" : why == "name" ? "its name says no StatefulSet" : why) +
                  ")");
  if (!d.walk.not_kubernetes.empty())
    out.push_back(std::to_string(d.walk.not_kubernetes.size()) +
                  (d.walk.not_kubernetes.size() == 1 ? " YAML file is not a Kubernetes object: "
                                                     : " YAML files are not Kubernetes objects: ") +
                  join(d.walk.not_kubernetes, ", "));
  return out;
}

Json Discovery::to_json() const {
  Json j = Json::object();
  Json units = Json::array();
  for (const Unit& u : walk.units) {
    Json x = {{"path", u.path}, {"kind", unit_kind_name(u.kind)}, {"status", u.status}};
    if (!u.why.empty()) x["why"] = u.why;
    if (u.kind == UnitKind::kManifests) x["files"] = u.files;
    units.push_back(x);
  }
  j["units"] = units;
  Json deps = Json::array();
  for (const Dependency& dep : dependencies) {
    Json x = {{"chart", dep.chart}, {"name", dep.name}, {"version", dep.version}, {"repository", dep.repository}};
    if (!dep.from.empty()) x["from"] = dep.from;
    if (!dep.built_from.empty()) x["built_from"] = dep.built_from;
    if (!dep.missing.empty()) {
      x["missing"] = dep.missing;
      x["at"] = dep.at;
    }
    deps.push_back(x);
  }
  j["dependencies"] = deps;
  Json md = Json::array();
  for (const MarkdownCommand& m : markdown) {
    Json x = {{"at", m.at}, {"verb", m.verb}};
    if (!m.ignored.empty()) x["ignored"] = m.ignored;
    if (!m.folder.empty()) x["folder"] = m.folder;
    if (!m.release.empty()) x["release"] = m.release;
    if (!m.chart.empty()) x["chart"] = m.chart;
    if (!m.namespace_.empty()) x["namespace"] = m.namespace_;
    if (m.ignored.empty() && m.verb != "cd") x["values"] = m.values;
    if (!m.set.empty()) x["set"] = m.set;
    if (!m.set_string.empty()) x["set_string"] = m.set_string;
    md.push_back(x);
  }
  j["markdown"] = md;
  Json at = Json::array();
  for (const Attempt& a : attempts) {
    Json x = {{"chart", a.chart}, {"source", a.source}, {"result", a.result}};
    if (!a.origin.empty()) x["origin"] = a.origin;
    if (a.source != "manifests") x["values"] = a.values;
    if (!a.set.empty()) x["set"] = a.set;
    if (!a.set_string.empty()) x["set_string"] = a.set_string;
    if (a.same_as) x["same_as"] = a.same_as;
    if (!a.error.empty()) x["error"] = a.error;
    if (a.result == "statefulset" || a.result == "no-statefulset") x["objects"] = a.objects;
    at.push_back(x);
  }
  j["attempts"] = at;
  Json nt = Json::array();
  for (const auto& [f, why] : not_tried) nt.push_back({{"file", f}, {"why", why}});
  j["not_tried"] = nt;
  if (reading) {
    const Reading& r = *reading;
    Json x = {{"chart", r.chart},   {"chart_from", r.chart_from}, {"kind", r.kind},     {"source", r.source},
              {"values", r.values}, {"set", r.set},               {"set_string", r.set_string},
              {"objects", r.objects}, {"report", r.report}};
    if (!r.release.empty()) {
      x["release"] = r.release;
      x["release_from"] = r.release_from;
    }
    if (!r.origin.empty()) x["origin"] = r.origin;
    if (!r.bonus.empty()) x["bonus"] = r.bonus;
    if (!r.statefulset.is_null()) x["statefulset"] = r.statefulset;
    j["reading"] = x;
  } else {
    j["refusal"] = refusal;
    if (!refusal_at.empty()) j["refusal_at"] = refusal_at;
  }
  j["not_kubernetes"] = walk.not_kubernetes;
  j["broken_manifests"] = walk.broken_manifests;
  return j;
}

}  // namespace sts::discovery
