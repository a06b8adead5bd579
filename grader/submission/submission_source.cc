#include "grader/submission/submission_source.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "grader/base/process.h"

namespace fs = std::filesystem;

namespace sts {

std::string SubmissionSource::kind_name() const {
  switch (kind) {
    case SourceKind::kHelm: return "helm";
    case SourceKind::kKustomize: return "kustomize";
    case SourceKind::kManifests: break;
  }
  return "manifests";
}

namespace {

const char* const kKustomizationFiles[] = {"kustomization.yaml", "kustomization.yml", "Kustomization"};

std::string kustomization_file(const fs::path& dir) {
  std::error_code ec;
  for (const char* f : kKustomizationFiles)
    if (fs::is_regular_file(dir / f, ec)) return (dir / f).string();
  return "";
}

bool is_chart(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "Chart.yaml", ec);
}

// Folders up to `depth` levels below `root` (hidden ones skipped), root first.
std::vector<fs::path> folders(const fs::path& root, int depth) {
  std::vector<fs::path> out{root};
  std::vector<fs::path> level{root};
  for (int d = 0; d < depth; ++d) {
    std::vector<fs::path> next;
    for (const fs::path& dir : level) {
      std::error_code ec;
      std::vector<fs::path> kids;
      for (fs::directory_iterator e(dir, ec); !ec && e != fs::directory_iterator(); e.increment(ec)) {
        const std::string name = e->path().filename().string();
        std::error_code st;  // a looping link is no folder (check_tree names it)
        if (e->is_directory(st) && !st && !name.empty() && name[0] != '.') kids.push_back(e->path());
      }
      std::sort(kids.begin(), kids.end());
      next.insert(next.end(), kids.begin(), kids.end());
    }
    out.insert(out.end(), next.begin(), next.end());
    level = std::move(next);
  }
  return out;
}

std::string relative_to(const fs::path& p, const fs::path& root) {
  std::string r = p.lexically_relative(root).string();
  return r == "." ? "" : r;
}

std::string read_text(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void mark_rendered(Manifest& m, int line_offset) {
  auto fix = [&](SourcePos& p) {
    if (p.line > 0) p.line += line_offset;
    p.rendered = true;
  };
  fix(m.pos);
  for (auto& [ptr, p] : m.positions) fix(p);
}

// Helm expands includes and drops `{{- if }}` lines, so rendered lines drift
// from the template's. Each field moves to the template line that writes the
// same key at the same column, the nearest one to its rendered line; fields
// without such a line (list items, keys a helper wrote) keep the estimate.
void align_to_template(Manifest& m, const std::vector<std::string>& lines) {
  for (auto& [pointer, pos] : m.positions) {
    const size_t slash = pointer.rfind('/');
    if (slash == std::string::npos || pos.line <= 0 || pos.column <= 0) continue;
    std::string key = pointer.substr(slash + 1);
    if (key.empty() || std::all_of(key.begin(), key.end(), ::isdigit)) continue;
    for (size_t at; (at = key.find("~1")) != std::string::npos;) key.replace(at, 2, "/");
    for (size_t at; (at = key.find("~0")) != std::string::npos;) key.replace(at, 2, "~");
    int best = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      const size_t col = static_cast<size_t>(pos.column - 1);
      if (l.size() <= col + key.size() || l.compare(col, key.size(), key) != 0 || l[col + key.size()] != ':') continue;
      const std::string before = l.substr(0, col);
      if (before.find_first_not_of(' ') != std::string::npos && before.find_first_not_of(" -") != std::string::npos)
        continue;  // only indentation (or a list dash) before the key
      const int line = static_cast<int>(i) + 1;
      if (!best || std::abs(line - pos.line) < std::abs(best - pos.line)) best = line;
    }
    if (best) pos.line = best;
  }
}

std::vector<std::string> file_lines(const std::string& file) {
  std::vector<std::string> out;
  std::ifstream in(file, std::ios::binary);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The chart's own name, for the default release name.
std::string chart_name(const fs::path& chart) {
  std::map<std::string, SourcePos> positions;
  const std::string file = (chart / "Chart.yaml").string();
  Json meta = parse_yaml_document(read_text(chart / "Chart.yaml"), file, positions);
  std::string name = str_at(meta, {"name"});
  if (name.empty()) throw ManifestError(file + ": Chart.yaml has no name");
  return name;
}


// "mychart/templates/x.yaml" (as helm names files) -> "<chart_dir>/templates/x.yaml".
std::string map_chart_file(const std::string& helm_path, const std::string& chart_dir) {
  const size_t slash = helm_path.find('/');
  return slash == std::string::npos ? (fs::path(chart_dir) / helm_path).string()
                                    : (fs::path(chart_dir) / helm_path.substr(slash + 1)).string();
}

std::string first_lines(const std::string& text, size_t max_lines) {
  std::istringstream in(text);
  std::string line, out;
  for (size_t n = 0; n < max_lines && std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out += (out.empty() ? "" : "\n") + line;
    ++n;
  }
  return out;
}

// A path to a program must name an executable file (run_process cannot
// report a missing one cleanly); a bare name is looked up on PATH by run_process.
bool runnable(const std::string& program) {
  return program.find('/') == std::string::npos || ::access(program.c_str(), X_OK) == 0;
}

ProcessResult not_found(const std::string& program) {
  ProcessResult r;
  r.error = program + ": no such executable";
  return r;
}

std::string render_too_large(const std::string& tool, size_t bytes, size_t max) {
  return tool + " rendered " + std::to_string(bytes >> 20) + " MiB, more than the " + std::to_string(max >> 20) +
         " MiB a lab submission may render to";
}

std::string helm_program(const SubmissionOptions& o) {
  if (!o.helm.empty()) return o.helm;
  const char* env = std::getenv("STS_HELM");
  return env && *env ? env : "helm";
}

// helm with no repository, plugin or registry configuration of the grading
// host: its homes are empty folders under `scratch` ("" keeps helm's own).
std::vector<std::string> helm_argv(const std::string& helm, const std::string& scratch) {
  if (scratch.empty()) return {helm};
  return {"env", "HELM_CACHE_HOME=" + scratch + "/helm-cache", "HELM_CONFIG_HOME=" + scratch + "/helm-config",
          "HELM_DATA_HOME=" + scratch + "/helm-data", helm};
}

std::string helm_unavailable(const std::string& chart_dir, const std::string& error) {
  return (fs::path(chart_dir) / "Chart.yaml").string() + ": the submission is a Helm chart, but helm could not run (" +
         error + "); pass --helm PATH or set STS_HELM (scripts/helm.sh builds the pinned helm)";
}

// helm names a YAML error by its line in the *rendered* template. Rendered
// again with --debug (which prints the rendered text), lines L, L+1, L+2 are
// looked up in the template: the first that is exactly one template line is
// the line the student wrote (helm's L is often the line before the culprit).
// "" when it cannot tell (then helm_error's "(rendered)" estimate stands).
std::string template_line_of_yaml_error(std::vector<std::string> argv, const std::string& err,
                                        const std::string& source_dir, const SubmissionOptions& o) {
  static const std::regex kYaml(R"(YAML parse error on ([^\s:]+): [^\n]*?line ([0-9]+): ([^\n]*))");
  std::smatch m;
  if (!std::regex_search(err, m, kYaml)) return "";
  const std::string helm_file = m[1].str();
  const int line = std::stoi(m[2].str());
  argv.push_back("--debug");
  const ProcessResult r = run_process(argv, "", o.timeout);
  // The rendered document of that template in the debug output.
  std::vector<std::string> rendered;
  std::istringstream in(r.out);
  bool inside = false;
  for (std::string l; std::getline(in, l);) {
    if (l.rfind("# Source: ", 0) == 0) {
      if (inside) break;
      inside = l == "# Source: " + helm_file;
      continue;
    }
    if (inside) rendered.push_back(l);
  }
  const std::string file = map_chart_file(helm_file, source_dir);
  const std::vector<std::string> lines = file_lines(file);
  auto rtrim = [](std::string s) { return s.erase(s.find_last_not_of(" \t\r") + 1); };
  for (int l = line; l <= line + 2 && l >= 1 && l <= static_cast<int>(rendered.size()); ++l) {
    const std::string want = rtrim(rendered[l - 1]);
    if (want.find_first_not_of(' ') == std::string::npos) continue;
    int found = 0, count = 0;
    for (size_t i = 0; i < lines.size(); ++i)
      if (rtrim(lines[i]) == want) found = static_cast<int>(i) + 1, ++count;
    if (count == 1) {
      std::string msg = first_lines(err, 1);
      if (msg.rfind("Error: ", 0) == 0) msg = msg.substr(7);
      return file + ":" + std::to_string(found) + ": helm template failed: " + msg + " (rendered line " +
             std::to_string(line) + "; the template's line " + std::to_string(found) + ": \"" + want + "\")";
    }
  }
  return "";
}

// One `helm template`; a student's error is returned, a missing helm thrown.
discovery::Rendered helm_template(const discovery::RenderRequest& req, const SubmissionOptions& o,
                                  const std::string& scratch) {
  const std::string helm = helm_program(o);
  std::vector<std::string> argv = helm_argv(helm, scratch);
  argv.insert(argv.end(), {"template", req.release, req.chart_dir, "--namespace", o.namespace_, "--skip-tests"});
  for (const std::string& v : req.values) argv.insert(argv.end(), {"--values", v});
  for (const std::string& v : req.set) argv.insert(argv.end(), {"--set", v});
  for (const std::string& v : req.set_string) argv.insert(argv.end(), {"--set-string", v});
  ProcessResult r = runnable(helm) ? run_process(argv, "", o.timeout) : not_found(helm);
  const std::string source_dir = req.source_dir.empty() ? req.chart_dir : req.source_dir;
  const std::string chart_file = (fs::path(source_dir) / "Chart.yaml").string();
  if (!r.error.empty()) throw ManifestError(helm_unavailable(source_dir, r.error));
  discovery::Rendered out;
  if (r.timed_out) {
    out.error = "helm template did not finish in time";
    out.error_at = chart_file + ": " + out.error;
    return out;
  }
  if (r.exit_code != 0) {
    out.error = first_lines(r.err, 1);
    out.error_at = helm_error(r.err, source_dir);
    if (std::string t = template_line_of_yaml_error(argv, r.err, source_dir, o); !t.empty()) out.error_at = t;
    return out;
  }
  if (r.out.size() > o.limits.max_render_bytes)
    throw SubmissionRefused("source/render-too-large", {chart_file, 0, 0},
                            render_too_large("helm template", r.out.size(), o.limits.max_render_bytes));
  try {
    out.manifests = parse_helm_output(r.out, source_dir);
  } catch (const ManifestError& e) {
    out.error = e.what();
    out.error_at = e.what();
  }
  return out;
}

std::vector<Manifest> render_helm(const SubmissionSource& src, const SubmissionOptions& o) {
  discovery::RenderRequest req;
  req.chart_dir = src.dir;
  req.release = o.release.empty() ? discovery::release_name(chart_name(src.dir)) : o.release;
  req.values = o.values;
  req.set = o.set;
  req.set_string = o.set_string;
  discovery::Rendered r = helm_template(req, o, "");
  if (!r.error.empty()) throw ManifestError(r.error_at);
  std::vector<Manifest> out;
  for (Manifest& m : r.manifests)
    if (!discovery::is_helm_test(m)) out.push_back(std::move(m));
  const std::string chart_file = (fs::path(src.dir) / "Chart.yaml").string();
  if (out.empty()) throw ManifestError(chart_file + ": helm template rendered no Kubernetes objects");
  return out;
}

std::vector<Manifest> render_kustomize(const SubmissionSource& src, const SubmissionOptions& o) {
  const std::string kfile = kustomization_file(src.dir);
  const std::string kubectl = o.kubectl.empty() ? "kubectl" : o.kubectl;
  ProcessResult r = runnable(kubectl) ? run_process({kubectl, "kustomize", src.dir}, "", o.timeout) : not_found(kubectl);
  if (!r.error.empty())
    throw ManifestError(kfile + ": the submission is a kustomization, but kubectl could not run (" + r.error +
                        "); pass --kubectl PATH");
  if (r.timed_out) throw ManifestError(kfile + ": kubectl kustomize did not finish in time");
  if (r.exit_code != 0) {
    std::string msg = first_lines(r.err, 3);
    if (msg.rfind("error: ", 0) == 0) msg = msg.substr(7);
    throw ManifestError(kfile + ": kubectl kustomize failed: " + msg);
  }
  if (r.out.size() > o.limits.max_render_bytes)
    throw SubmissionRefused("source/render-too-large", {kfile, 0, 0},
                            render_too_large("kubectl kustomize", r.out.size(), o.limits.max_render_bytes));
  std::vector<Manifest> out = parse_kustomize_output(r.out, src.path, kfile);
  if (out.empty()) throw ManifestError(kfile + ": kubectl kustomize rendered no Kubernetes objects");
  return out;
}

std::string canonical_or_empty(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::canonical(p, ec);
  return ec ? std::string() : c.string();
}

// `inner` is `outer` or below it (both canonical).
bool within(const std::string& inner, const std::string& outer) {
  return inner == outer || (inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
                            (outer.back() == '/' || inner[outer.size()] == '/'));
}

void check_symlink(const fs::path& link, const std::string& root) {
  std::error_code ec;
  const std::string target = fs::read_symlink(link, ec).string();
  const SourcePos at{link.string(), 0, 0};
  fs::path resolved = fs::canonical(link, ec);
  if (ec == std::errc::too_many_symbolic_link_levels)
    throw SubmissionRefused("source/symlink-loop", at, "symlink to " + target + " loops");
  if (ec)
    throw SubmissionRefused("source/symlink-outside", at,
                            "symlink to " + target + " leads nowhere (" + ec.message() + "); only links to files of the submission are read");
  if (!within(resolved.string(), root))
    throw SubmissionRefused("source/symlink-outside", at,
                            "symlink to " + target + " leaves the submission; the grader reads only the submission's own files");
  // A link to a folder that holds it: helm and kustomize would walk it forever.
  std::error_code dc;
  if (fs::is_directory(resolved, dc) && within(canonical_or_empty(link.parent_path()), resolved.string()))
    throw SubmissionRefused("source/symlink-loop", at, "symlink to " + target + " is a folder containing it (a loop)");
}

// One kustomization file's local and remote references.
void check_kustomization_file(const fs::path& dir, const std::string& root, std::vector<std::string>& seen) {
  const std::string file = kustomization_file(dir);
  if (file.empty()) return;
  const std::string canon = canonical_or_empty(dir);
  if (std::find(seen.begin(), seen.end(), canon) != seen.end()) return;
  seen.push_back(canon);
  std::map<std::string, SourcePos> positions;
  Json k = parse_yaml_document(read_text(file), file, positions);
  if (!k.is_object()) return;  // kustomize reports it
  auto at = [&](const std::string& ptr) {
    auto it = positions.find(ptr);
    return it == positions.end() ? SourcePos{file, 0, 0} : it->second;
  };
  for (const char* plugin : {"generators", "transformers", "validators", "helmCharts", "helmChartInflationGenerator",
                             "helmGlobals"})
    if (k.contains(plugin) && !k[plugin].is_null())
      throw SubmissionRefused("source/kustomize-plugin", at(std::string("/") + plugin),
                              std::string(plugin) + " runs plugins or tools beyond kustomize; the grader renders plain kustomizations only");
  // A path `p` written at `ptr`: no URL, nothing outside the submission.
  auto check_path = [&](std::string p, const std::string& ptr, bool may_be_base) {
    if (const size_t eq = p.find('='); eq != std::string::npos && !may_be_base) p = p.substr(eq + 1);  // key=path
    static const std::regex kRemote(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://|git@|[a-z0-9.-]+\.(com|org|io|net)/|.*\?ref=|.*//))");
    if (std::regex_search(p, kRemote))
      throw SubmissionRefused("source/kustomize-remote", at(ptr),
                              "\"" + p + "\" is remote: kustomize would fetch it with the grader's network and credentials");
    const fs::path full = (dir / p).lexically_normal();
    const std::string c = canonical_or_empty(full);
    const std::string lexical = fs::absolute(full).lexically_normal().string();
    if (!within(c.empty() ? lexical : c, root))
      throw SubmissionRefused("source/kustomize-escape", at(ptr),
                              "\"" + p + "\" lies outside the submission; a kustomization may use only its own files");
    std::error_code ec;
    if (may_be_base && fs::is_directory(full, ec)) check_kustomization_file(full, root, seen);
  };
  auto each = [&](const char* key, bool base, const char* sub = nullptr) {
    const Json& list = node_at(k, {key});
    if (!list.is_array()) return;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string ptr = std::string("/") + key + "/" + std::to_string(i);
      if (list[i].is_string()) check_path(list[i].get<std::string>(), ptr, base);
      else if (sub && list[i].is_object() && list[i].contains(sub) && list[i][sub].is_string())
        check_path(list[i][sub].get<std::string>(), ptr + "/" + sub, base);
    }
  };
  each("resources", true);
  each("bases", true);
  each("components", true);
  each("crds", false);
  each("configurations", false);
  each("patchesStrategicMerge", false);
  each("patches", false, "path");
  each("patchesJson6902", false, "path");
  each("replacements", false, "path");
  for (const char* gen : {"configMapGenerator", "secretGenerator"}) {
    const Json& list = node_at(k, {gen});
    if (!list.is_array()) continue;
    for (size_t i = 0; i < list.size(); ++i)
      for (const char* field : {"files", "envs"}) {
        const Json& files = node_at(list[i], {field});
        if (files.is_array())
          for (size_t j = 0; j < files.size(); ++j)
            if (files[j].is_string())
              check_path(files[j].get<std::string>(),
                         std::string("/") + gen + "/" + std::to_string(i) + "/" + field + "/" + std::to_string(j), false);
      }
  }
  if (const Json& openapi = node_at(k, {"openapi", "path"}); openapi.is_string())
    check_path(openapi.get<std::string>(), "/openapi/path", false);
}


}  // namespace

void check_tree(const std::string& root_path, const SourceLimits& limits) {
  std::error_code ec;
  const fs::file_status top = fs::symlink_status(root_path, ec);
  if (ec) return;  // detect() names a missing submission
  const std::string root = canonical_or_empty(root_path);
  if (root.empty()) throw SubmissionRefused("source/symlink-loop", {root_path, 0, 0}, "the submission path does not resolve");
  if (!fs::is_directory(fs::status(root_path, ec))) {
    if (fs::is_symlink(top)) check_symlink(root_path, fs::path(root).parent_path().string());
    return;
  }
  // Collected first and judged in path order, so the finding named is the
  // same on every file system; the walk itself is bounded too.
  std::vector<std::pair<fs::path, fs::file_status>> entries;
  for (auto it = fs::recursive_directory_iterator(root_path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code st;
    const fs::file_status s = it->symlink_status(st);
    if (st) throw SubmissionRefused("source/special-file", {it->path().string(), 0, 0}, "cannot be examined: " + st.message());
    entries.emplace_back(it->path(), s);
    if (entries.size() > 25 * limits.max_files)  // .git too: helm's .Files can read it
      throw SubmissionRefused("source/too-many-files", {root_path, 0, 0},
                              "more than " + std::to_string(limits.max_files) + " files");
  }
  if (ec) throw SubmissionRefused("source/special-file", {root_path, 0, 0}, "cannot read folder: " + ec.message());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t files = 0;
  std::uintmax_t total = 0;
  for (const auto& [p, s] : entries) {
    const SourcePos at{p.string(), 0, 0};
    if (fs::is_directory(s)) continue;
    if (fs::is_symlink(s)) {
      check_symlink(p, root);
      continue;
    }
    if (!fs::is_regular_file(s))
      throw SubmissionRefused("source/special-file", at,
                              "is a FIFO, socket or device; a submission holds only files and folders");
    if (p.string().find("/.git/") != std::string::npos) continue;  // a checkout's history: not counted
    std::error_code st;
    const std::uintmax_t size = fs::file_size(p, st);
    if (st) continue;
    if (size > limits.max_file_bytes)
      throw SubmissionRefused("source/file-too-large", at,
                              std::to_string(size >> 10) + " KiB, more than the " +
                                  std::to_string(limits.max_file_bytes >> 10) + " KiB a submission file may hold");
    total += size;
    if (++files > limits.max_files)
      throw SubmissionRefused("source/too-many-files", {root_path, 0, 0},
                              "more than " + std::to_string(limits.max_files) + " files");
    if (total > limits.max_total_bytes)
      throw SubmissionRefused("source/too-large", {root_path, 0, 0},
                              "more than " + std::to_string(limits.max_total_bytes >> 20) + " MiB in all");
  }
}

void check_kustomization(const std::string& dir, const std::string& root_path) {
  std::string root = canonical_or_empty(root_path);
  if (root.empty()) root = fs::absolute(root_path).lexically_normal().string();
  std::vector<std::string> seen;
  check_kustomization_file(dir, root, seen);
}

SubmissionSource detect(const std::string& path) {
  SubmissionSource s;
  s.path = path;
  s.dir = path;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return s;
  if (!fs::is_directory(path, ec)) throw ManifestError(path + ": no such file or folder");
  std::vector<fs::path> charts, kustomizations;
  for (const fs::path& dir : folders(path, 2)) {
    // A chart's own subfolders (charts/ holds subcharts) belong to it.
    bool inside_chart = std::any_of(charts.begin(), charts.end(), [&](const fs::path& c) {
      return dir != c && relative_to(dir, c).rfind("..", 0) != 0;
    });
    if (inside_chart) continue;
    if (is_chart(dir)) charts.push_back(dir);
    if (!kustomization_file(dir).empty()) kustomizations.push_back(dir);
    if (dir == fs::path(path) && (!charts.empty() || !kustomizations.empty())) break;  // the root decides
  }
  if (charts.size() + kustomizations.size() > 1) {
    std::string list;
    for (const auto& c : charts) list += "\n  " + (fs::path(c) / "Chart.yaml").string();
    for (const auto& k : kustomizations) list += "\n  " + kustomization_file(k);
    throw ManifestError(path + ": several Helm charts or kustomizations; grade one of them by its folder:" + list);
  }
  if (!charts.empty() || !kustomizations.empty()) {
    const fs::path dir = charts.empty() ? kustomizations[0] : charts[0];
    s.kind = charts.empty() ? SourceKind::kKustomize : SourceKind::kHelm;
    s.dir = dir.string();
    s.relative = relative_to(dir, path);
  }
  return s;
}

std::vector<Manifest> read_submission(const SubmissionSource& src, const SubmissionOptions& o) {
  check_tree(src.path, o.limits);
  if (src.kind == SourceKind::kKustomize) check_kustomization(src.dir, src.path);
  switch (src.kind) {
    case SourceKind::kHelm: return render_helm(src, o);
    case SourceKind::kKustomize: return render_kustomize(src, o);
    case SourceKind::kManifests: break;
  }
  return read_manifests(src.path);
}

std::vector<Manifest> read_submission(const std::string& path, const SubmissionOptions& o) {
  return read_repository(path, o).manifests;
}

discovery::Tools helm_tools(const SubmissionOptions& o, const std::string& scratch) {
  discovery::Tools t;
  t.helm_template = [o, scratch](const discovery::RenderRequest& req) { return helm_template(req, o, scratch); };
  t.helm_dependency_build = [o, scratch](const std::string& chart_dir) -> std::string {
    const std::string helm = helm_program(o);
    if (!runnable(helm)) throw ManifestError(helm_unavailable(chart_dir, helm + ": no such executable"));
    auto run = [&](const char* verb) {
      std::vector<std::string> argv = helm_argv(helm, scratch);
      argv.insert(argv.end(), {"dependency", verb, "--skip-refresh", chart_dir});
      return run_process(argv, "", o.timeout);
    };
    ProcessResult r = run("build");
    // A Chart.lock out of sync with Chart.yaml: update rewrites it (in the scratch copy).
    if (r.exit_code != 0 && r.err.find("out of sync") != std::string::npos) r = run("update");
    if (!r.error.empty()) throw ManifestError(helm_unavailable(chart_dir, r.error));
    return r.exit_code == 0 ? "" : "helm dependency build failed: " + first_lines(r.err, 2);
  };
  return t;
}

namespace {

// A scratch folder for one discovery, removed on every path out.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    std::string templ = (fs::temp_directory_path() / "sts-discovery-XXXXXX").string();
    if (::mkdtemp(templ.data())) path = templ;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// Refusal paths are relative to R; the user sees them under the path given.
std::string under(const std::string& root, const std::string& refusal, const std::string& at) {
  if (at.empty() || refusal.rfind(root, 0) == 0) return refusal;
  return (fs::path(root) / refusal).string();
}

}  // namespace

SubmissionReading read_repository(const std::string& path, const SubmissionOptions& o) {
  SubmissionReading out;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out.source = detect(path);
    out.manifests = read_submission(out.source, o);
    return out;
  }
  check_tree(path, o.limits);
  ScratchDir scratch;
  discovery::DiscoverOptions d;
  d.overrides.chart = o.chart;
  d.overrides.chart_from = o.overrides_from;
  d.overrides.values = o.values;
  d.overrides.set = o.set;
  d.overrides.set_string = o.set_string;
  d.overrides.values_given = !o.values.empty() || !o.set.empty() || !o.set_string.empty();
  d.overrides.release = o.release;
  d.overrides.release_from = o.overrides_from;
  d.scratch = scratch.path;
  d.tools = helm_tools(o, scratch.path);
  discovery::Discovery found = discovery::discover(path, d);
  if (!found.reading) throw ManifestError(under(path, found.refusal, found.refusal_at));
  const discovery::Reading& r = *found.reading;
  out.source.path = path;
  out.source.relative = r.chart == "." ? "" : r.chart;
  out.source.dir = r.chart == "." ? path : (fs::path(path) / r.chart).string();
  if (r.kind == "helm") {
    out.source.kind = SourceKind::kHelm;
    out.manifests = std::move(found.manifests);
    if (out.manifests.empty())
      throw ManifestError(out.source.dir + "/Chart.yaml: helm template rendered no Kubernetes objects");
  } else if (r.kind == "kustomize") {
    out.source.kind = SourceKind::kKustomize;
    check_kustomization(out.source.dir, path);
    out.manifests = render_kustomize(out.source, o);
  } else {
    out.manifests = std::move(found.manifests);
  }
  out.discovery = std::move(found);
  return out;
}

std::vector<Manifest> parse_helm_output(const std::string& out, const std::string& chart_dir) {
  static const std::string kSource = "# Source: ";
  std::vector<Manifest> result;
  std::map<std::string, int> used;  // template -> its lines consumed by earlier documents
  std::istringstream in(out);
  std::string line;
  int stream_line = 0;
  // One document: the "# Source:" comment, then the body.
  std::string source, body;
  int body_start = 0;  // stream line of the body's first line
  auto flush = [&] {
    if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
      const std::string file = source.empty() ? chart_dir : map_chart_file(source, chart_dir);
      const int offset = source.empty() ? body_start - 1 : used[source];
      const std::vector<std::string> lines = source.empty() ? std::vector<std::string>{} : file_lines(file);
      for (Manifest& m : parse_manifests(body, file)) {
        mark_rendered(m, offset);
        align_to_template(m, lines);
        for (DuplicateKey& d : m.duplicates) d.pos = m.where(d.pointer);  // the later key's line, aligned
        result.push_back(std::move(m));
      }
      if (!source.empty()) used[source] += static_cast<int>(std::count(body.begin(), body.end(), '\n')) + 1;
    }
    source.clear();
    body.clear();
    body_start = stream_line + 1;
  };
  while (std::getline(in, line)) {
    ++stream_line;
    if (line == "---" || line.rfind("--- ", 0) == 0) {
      flush();
      continue;
    }
    if (source.empty() && body.find_first_not_of(" \t\r\n") == std::string::npos && line.rfind(kSource, 0) == 0) {
      source = line.substr(kSource.size());
      body.clear();
      body_start = stream_line + 1;
      continue;
    }
    if (body.empty()) body_start = stream_line;
    body += line + "\n";
  }
  flush();
  return result;
}

std::string helm_error(const std::string& err, const std::string& chart_dir) {
  std::string msg = first_lines(err, 4);
  if (msg.rfind("Error: ", 0) == 0) msg = msg.substr(7);
  // helm prints this before it fails; it names no file.
  static const std::regex kYaml(R"(YAML parse error on ([^\s:]+): [\s\S]*?line ([0-9]+):)");
  static const std::regex kAt(
      R"re(([A-Za-z0-9_.-]+/(?:[^\s:()"]+/)*[^\s:()"]+\.(?:yaml|yml|tpl|txt|json)):([0-9]+)(?::([0-9]+))?)re");
  SourcePos p;
  std::smatch m;
  if (std::regex_search(msg, m, kYaml)) {
    p = {map_chart_file(m[1].str(), chart_dir), std::stoi(m[2].str()), 0};
    p.rendered = true;  // a line of the rendered template
  } else if (std::regex_search(msg, m, kAt)) {
    p = {map_chart_file(m[1].str(), chart_dir), std::stoi(m[2].str()), m[3].matched ? std::stoi(m[3].str()) : 0};
  } else {
    p.file = (fs::path(chart_dir) / "Chart.yaml").string();
  }
  return p.str() + ": helm template failed: " + msg;
}

std::vector<Manifest> parse_kustomize_output(const std::string& out, const std::string& root,
                                             const std::string& kustomization) {
  // Where each object was declared: kind/name -> the source manifest.
  std::vector<Manifest> sources;
  std::vector<fs::path> files;  // sorted: the same declaring file on every file system
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code st;
    if (it->is_directory(st) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    const std::string ext = it->path().extension().string();
    if (!it->is_regular_file(st) || st || (ext != ".yaml" && ext != ".yml") || name.rfind("kustomization.", 0) == 0) continue;
    files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    try {
      for (Manifest& m : parse_manifests(read_text(f), f.string())) sources.push_back(std::move(m));
    } catch (const ManifestError&) {
      // Patches and generator inputs need not be whole objects.
    }
  }
  std::vector<Manifest> result = parse_manifests(out, kustomization);
  for (Manifest& m : result) {
    const Manifest* best = nullptr;
    for (const Manifest& s : sources) {
      if (s.kind() != m.kind() || s.name().empty()) continue;
      if (s.name() == m.name()) {
        best = &s;
        break;
      }
      // namePrefix / nameSuffix: the longest declared name inside the rendered one.
      if (m.name().find(s.name()) != std::string::npos && (!best || s.name().size() > best->name().size())) best = &s;
    }
    if (best) {
      m.pos = best->pos;
      m.positions = best->positions;
    }
    mark_rendered(m, 0);
  }
  return result;
}

}  // namespace sts
