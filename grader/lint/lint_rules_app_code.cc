// What belongs in an image or in DNS, not in YAML: hard-coded pod IPs (Lab 06
// mistake 3) and application code inlined in manifests (Lab 06 mistake 4).
#include <regex>
#include <set>

#include "grader/submission/isolation.h"
#include "grader/lint/lint_rules.h"

namespace sts {

namespace {

// The position of character `offset` of the scalar at `pointer`. A multi-line
// value is a block scalar whose text starts on the line after its key or dash.
SourcePos pos_in_scalar(const Manifest& m, const std::string& pointer, const std::string& value, size_t offset) {
  SourcePos p = m.where(pointer);
  if (value.find('\n') != std::string::npos) {
    p.line += 1 + static_cast<int>(std::count(value.begin(), value.begin() + offset, '\n'));
    p.column = 0;
  }
  return p;
}

// The first IPv4 address in `text` that can only be a machine's address (not
// 0.0.0.0, loopback or a mask; not a CIDR range, not part of a version string).
std::optional<std::pair<size_t, std::string>> find_ip(const std::string& text) {
  static const std::regex kIp(R"((\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kIp); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const size_t at = m.position(0), end = at + m.length(0);
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '.')) continue;
    if (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
                              text[end] == '/'))
      continue;
    bool octets = true;
    for (int i = 1; i <= 4; ++i) octets = octets && std::stoi(m[i].str()) <= 255;
    const int first = std::stoi(m[1].str());
    if (!octets || first == 0 || first == 127 || first == 255) continue;
    return std::make_pair(at, m.str());
  }
  return std::nullopt;
}

void check_ip(LintContext& ctx, const Manifest& m, const std::string& pointer, const std::string& value,
              const std::string& where) {
  auto ip = find_ip(value);
  if (!ip) return;
  ctx.report_at("hardcoded-ip", pos_in_scalar(m, pointer, value, ip->first),
                where + " hard-codes the IP address " + ip->second +
                    ": pod IPs change whenever a pod is recreated, so this breaks after the first restart",
                "use a stable DNS name instead, e.g. <pod>.<headless-service> such as postgres-0.postgres-headless "
                "(Lab 06 common mistake 3)");
}

// Why a command/args entry is application code rather than a start command; "" when it is not.
std::string inline_code_reason(const std::string& s, size_t* offset) {
  static const std::vector<std::pair<std::regex, std::string>> kSigns = {
      {std::regex(R"(<<-?\s*['"]?[A-Za-z_][A-Za-z0-9_]*['"]?)"), "writes a file from a heredoc at start"},
      {std::regex(R"((^|[\s;&|(/])(python[0-9.]*|node|perl|ruby|php)\s+-[ce]\b)"),
       "runs a program written inline (interpreter -c/-e)"},
      {std::regex(R"((^|[\s;&|(])(pip[0-9.]*|npm|yarn|gem|apt-get|apk|apt)\s+(install|add)\b)"),
       "installs packages at every start"},
  };
  std::string reason;  // the sign that comes first in the script
  for (const auto& [re, why] : kSigns) {
    std::smatch m;
    if (!std::regex_search(s, m, re)) continue;
    const size_t at = m.position(m.size() > 2 ? 2 : 0);  // the command word, not the separator before it
    if (reason.empty() || at < *offset) {
      *offset = at;
      reason = why;
    }
  }
  if (!reason.empty()) return reason;
  const long lines = std::count(s.begin(), s.end(), '\n') + 1;
  if (lines > 20) {
    *offset = 0;
    return "is a " + std::to_string(lines) + "-line script";
  }
  return "";
}

const std::set<std::string> kSourceExtensions = {".py", ".js", ".mjs", ".ts", ".rb", ".php", ".go", ".java", ".pl"};

bool source_file(const std::string& key) {
  const size_t dot = key.rfind('.');
  return dot != std::string::npos && kSourceExtensions.count(key.substr(dot));
}

// ConfigMaps that some pod of the submission mounts.
std::set<std::string> mounted_configmaps(const LintContext& ctx) {
  std::set<std::string> out;
  for (const Manifest& m : ctx.manifests()) {
    const Json* spec = pod_spec_of(m.object);
    if (!spec) continue;
    const Json& vols = node_at(*spec, {"volumes"});
    if (vols.is_array())
      for (const Json& v : vols) {
        if (v.contains("configMap")) out.insert(str_at(v, {"configMap", "name"}));
        const Json& sources = node_at(v, {"projected", "sources"});
        if (sources.is_array())
          for (const Json& s : sources)
            if (s.contains("configMap")) out.insert(str_at(s, {"configMap", "name"}));
      }
  }
  return out;
}

void lint_container(LintContext& ctx, const Manifest& m, const Json& c, const std::string& ptr) {
  const std::string cname = str_at(c, {"name"});
  const Json& env = node_at(c, {"env"});
  if (env.is_array())
    for (size_t i = 0; i < env.size(); ++i) {
      const Json& v = node_at(env[i], {"value"});
      if (v.is_string())
        check_ip(ctx, m, ptr + "/env/" + std::to_string(i) + "/value", v.get<std::string>(),
                 "env " + str_at(env[i], {"name"}) + " of container " + cname);
    }
  bool code_reported = false;
  // command: [python, -c, "<program>"]: the interpreter and its flag are separate entries.
  std::vector<std::pair<std::string, std::string>> argv;  // (pointer, value)
  for (const char* field : {"command", "args"}) {
    const Json& list = node_at(c, {field});
    if (list.is_array())
      for (size_t i = 0; i < list.size(); ++i)
        if (list[i].is_string()) argv.emplace_back(ptr + "/" + field + "/" + std::to_string(i), list[i].get<std::string>());
  }
  static const std::regex kInterpreter(R"((.*/)?(python[0-9.]*|node|perl|ruby|php))");
  for (size_t i = 0; i + 1 < argv.size() && !code_reported; ++i)
    if (std::regex_match(argv[i].second, kInterpreter) && (argv[i + 1].second == "-c" || argv[i + 1].second == "-e")) {
      code_reported = true;
      ctx.report("inline-code", m, argv[i].first,
                 "container " + cname + " of " + m.kind() + " " + m.name() + " runs a program written inline (" +
                     argv[i].second + " " + argv[i + 1].second + "): the application lives in the YAML instead of an image",
                 "build an image with the application (Dockerfile, pinned dependencies) and run it; keep "
                 "command/args to the start command (Lab 06 common mistake 4)");
    }
  for (const char* field : {"command", "args"}) {
    const Json& list = node_at(c, {field});
    if (!list.is_array()) continue;
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) continue;
      const std::string value = list[i].get<std::string>();
      const std::string p = ptr + "/" + field + "/" + std::to_string(i);
      check_ip(ctx, m, p, value, std::string(field) + " of container " + cname);
      size_t offset = 0;
      const std::string why = code_reported ? "" : inline_code_reason(value, &offset);
      if (why.empty()) continue;
      code_reported = true;
      ctx.report_at("inline-code", pos_in_scalar(m, p, value, offset),
                    "container " + cname + " of " + m.kind() + " " + m.name() + " " + why +
                        ": the application lives in the YAML instead of an image",
                    "build an image with the application (Dockerfile, pinned dependencies) and run it; keep "
                    "command/args to the start command (Lab 06 common mistake 4)");
    }
  }
}

}  // namespace

void lint_app_code(LintContext& ctx) {
  const std::set<std::string> mounted = mounted_configmaps(ctx);
  for (const Manifest& m : ctx.manifests()) {
    for_each_container(m, [&](const Json& c, const std::string& ptr) { lint_container(ctx, m, c, ptr); });
    if (m.kind() != "ConfigMap") continue;
    const Json& data = node_at(m.object, {"data"});
    if (!data.is_object()) continue;
    for (const auto& [key, value] : data.items()) {
      if (!value.is_string()) continue;
      const std::string ptr = "/data/" + key;  // keys cannot hold '/' or '~'
      check_ip(ctx, m, ptr, value.get<std::string>(), "ConfigMap " + m.name() + " key " + key);
      if (source_file(key) && mounted.count(m.name()))
        ctx.report("inline-code", m, ptr,
                   "ConfigMap " + m.name() + " holds the source file " + key +
                       ", which a pod mounts and runs: the application lives in the YAML instead of an image",
                   "build an image with the application and run that; keep ConfigMaps for configuration "
                   "(Lab 06 common mistake 4)");
    }
  }
}

}  // namespace sts
