#include "reports/lint_sarif.h"

#include <map>

#include "grader/lint/lint_catalog.h"
#include "grader/base/version.h"

namespace sts {

namespace {

std::string level(const std::string& severity) {
  if (severity == "error") return "error";
  if (severity == "warning") return "warning";
  return "note";
}

}  // namespace

std::string sarif_uri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Json lint_sarif(const LintRun& run) {
  Json rules = Json::array();
  std::map<std::string, int> index;
  for (const LintRuleInfo& r : lint_rules()) {
    index[r.id] = static_cast<int>(rules.size());
    rules.push_back({{"id", r.id},
                     {"shortDescription", {{"text", r.what}}},
                     {"fullDescription", {{"text", r.what + " (" + r.lab + ")"}}},
                     {"help", {{"text", r.fix.empty() ? r.what : r.fix}}},
                     {"defaultConfiguration", {{"level", level(r.severity)}}},
                     {"properties", {{"lab", r.lab}}}});
  }
  Json results = Json::array();
  for (const Diagnostic& d : run.diagnostics) {
    Json physical = {{"artifactLocation", {{"uri", sarif_uri(d.pos.file)}}}};
    if (!d.pos.file.empty() && d.pos.file[0] != '/') physical["artifactLocation"]["uriBaseId"] = "%SRCROOT%";
    if (d.pos.line > 0) {
      physical["region"] = {{"startLine", d.pos.line}};
      if (d.pos.column > 0) physical["region"]["startColumn"] = d.pos.column;
    }
    std::string text = d.message;
    if (!d.fix.empty()) text += "\nFix: " + d.fix;
    if (d.pos.rendered) text += "\n(The line is in the rendered output of a Helm chart or kustomization: approximate.)";
    Json result = {{"ruleId", d.rule},
                   {"level", level(d.severity)},
                   {"message", {{"text", text}}},
                   {"locations", Json::array({{{"physicalLocation", physical}}})}};
    if (auto it = index.find(d.rule); it != index.end()) result["ruleIndex"] = it->second;
    if (d.pos.rendered) result["properties"] = {{"rendered", true}};
    results.push_back(std::move(result));
  }
  Json sarif_run = {{"tool", {{"driver", {{"name", "sts-grader"}, {"version", kVersion}, {"rules", rules}}}}},
                    {"results", results}};
  // Relative uris resolve against the folder lint ran in (a repository's root in CI).
  sarif_run["originalUriBaseIds"] = {{"%SRCROOT%", {{"description", {{"text", "the folder sts-grader ran in"}}}}}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", Json::array({sarif_run})}};
}

std::string render_lint_sarif(const LintRun& run) {
  return lint_sarif(run).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sts
