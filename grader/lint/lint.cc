#include "grader/lint/lint.h"

#include <algorithm>
#include <regex>
#include <tuple>

#include "grader/lint/lint_rules.h"
#include "grader/base/text.h"

namespace sts {

std::vector<Diagnostic> lint(const std::vector<Manifest>& manifests, const LintConfig& config) {
  LintContext ctx(manifests, config);
  lint_policy(ctx);
  lint_services(ctx);
  lint_storage(ctx);
  lint_workloads(ctx);
  lint_app_code(ctx);
  lint_facts(ctx);
  std::vector<Diagnostic> out = ctx.take();
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
  return out;
}

void print_diagnostics(FILE* out, const std::vector<Diagnostic>& ds, bool with_info) {
  for (const Diagnostic& d : ds)
    if (with_info || d.severity != "info") fprintf(out, "%s\n", terminal_safe(d.str()).c_str());
}

Diagnostic parse_diagnostic(const std::string& text) {
  // "file:line:col: message", "file:line: message" or "file: message"; the
  // message may span lines (helm's, a refusal's list).
  static const std::regex kPos(R"(^([^\n]*?):([0-9]+)(?::([0-9]+))?( \(rendered\))?: ([\s\S]*)$)");
  Diagnostic d;
  d.severity = "error";
  d.rule = "parse";
  std::smatch m;
  if (std::regex_match(text, m, kPos)) {
    d.pos.file = m[1].str();
    d.pos.line = std::stoi(m[2].str());
    d.pos.column = m[3].matched ? std::stoi(m[3].str()) : 0;
    d.pos.rendered = m[4].matched;
    d.message = m[5].str();
  } else if (size_t colon = text.find(": "); colon != std::string::npos && text.find('\n') > colon) {
    d.pos.file = text.substr(0, colon);
    d.message = text.substr(colon + 2);
  } else {
    d.message = text;
  }
  d.fix = "fix the named line; nothing was linted or applied";
  return d;
}

}  // namespace sts
