#include "reports/lint_github.h"

namespace sts {

std::string github_escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(const std::string& s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string render_lint_github(const LintRun& run) {
  std::string out;
  for (const Diagnostic& d : run.diagnostics) {
    const std::string command = d.severity == "error" ? "error" : d.severity == "warning" ? "warning" : "notice";
    std::string props;
    if (!d.pos.file.empty()) props += "file=" + github_escape_property(d.pos.file);
    if (d.pos.line > 0) props += ",line=" + std::to_string(d.pos.line);
    if (d.pos.line > 0 && d.pos.column > 0) props += ",col=" + std::to_string(d.pos.column);
    props += std::string(props.empty() ? "" : ",") + "title=" + github_escape_property(d.rule);
    std::string text = d.message;
    if (!d.fix.empty()) text += "\nfix: " + d.fix;
    if (d.pos.rendered) text += "\n(line in the rendered chart/kustomization output: approximate)";
    out += "::" + command + " " + props + "::" + github_escape_data(text) + "\n";
  }
  return out;
}

}  // namespace sts
