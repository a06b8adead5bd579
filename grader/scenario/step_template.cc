#include "grader/scenario/step_template.h"

#include <algorithm>
#include <cctype>

#include "grader/scenario/scenario.h"

namespace sts {
namespace {

struct Placeholder {
  size_t at = 0, len = 0;
  std::string name;                  // "pod"
  int arg = -1;                      // N of {pod:N}; -1 without one
};

// The placeholders of text, left to right.
std::vector<Placeholder> scan(const std::string& text) {
  std::vector<Placeholder> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    size_t j = i + 1;
    while (j < text.size() && std::islower(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i + 1) continue;
    Placeholder p;
    p.at = i;
    p.name = text.substr(i + 1, j - i - 1);
    if (j < text.size() && text[j] == ':') {
      size_t k = j + 1;
      while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) ++k;
      if (k == j + 1 || k - j - 1 > 6) continue;
      p.arg = std::stoi(text.substr(j + 1, k - j - 1));
      j = k;
    }
    if (j >= text.size() || text[j] != '}') continue;
    p.len = j + 1 - i;
    out.push_back(p);
    i = j;
  }
  return out;
}

std::string shown(const Placeholder& p) {
  return "{" + p.name + (p.arg >= 0 ? ":" + std::to_string(p.arg) : "") + "}";
}

}  // namespace

std::vector<std::string> template_pods(const std::string& text, const std::string& sts, int start) {
  std::vector<std::string> out;
  for (const Placeholder& p : scan(text))
    if ((p.name == "pod" || p.name == "ip") && p.arg >= 0) {
      std::string pod = sts + "-" + std::to_string(start + p.arg);
      if (std::find(out.begin(), out.end(), pod) == out.end()) out.push_back(pod);
    }
  return out;
}

std::string expand_template(const std::string& text, const TemplateVars& v) {
  std::string out;
  size_t pos = 0;
  for (const Placeholder& p : scan(text)) {
    out += text.substr(pos, p.at - pos);
    pos = p.at + p.len;
    auto need = [&](const std::string& value, const char* why) {
      if (value.empty()) throw ScenarioError("placeholder " + shown(p) + " in \"" + text + "\": " + why);
      return value;
    };
    bool indexed = p.name == "pod" || p.name == "ip";
    if (indexed != (p.arg >= 0))
      throw ScenarioError("placeholder " + shown(p) + " in \"" + text + "\": " +
                          (indexed ? "needs an ordinal, e.g. {" + p.name + ":0}"
                                   : "takes no argument"));
    if (p.name == "sts") out += need(v.sts, "no StatefulSet under test");
    else if (p.name == "svc") out += need(v.svc, "the StatefulSet sets no spec.serviceName");
    else if (p.name == "ns") out += need(v.ns, "no namespace");
    else if (p.name == "port") out += need(v.port, "the StatefulSet declares no containerPort and the step no default_port");
    else if (p.name == "pod") out += need(v.sts, "no StatefulSet under test") + "-" + std::to_string(v.start + p.arg);
    else if (p.name == "ip") {
      std::string pod = v.sts + "-" + std::to_string(v.start + p.arg);
      out += need(v.ip_of ? v.ip_of(pod) : "", ("pod " + pod + " has no IP").c_str());
    } else {
      throw ScenarioError("unknown placeholder " + shown(p) + " in \"" + text +
                          "\" (known: {sts} {svc} {ns} {port} {pod:N} {ip:N})");
    }
  }
  return out + text.substr(pos);
}

std::string declared_port(const Json& sts) {
  const Json& containers = node_at(sts, {"spec", "template", "spec", "containers"});
  if (!containers.is_array()) return "";
  std::string first;
  for (const Json& c : containers) {
    const Json& ports = node_at(c, {"ports"});
    if (!ports.is_array()) continue;
    for (const Json& p : ports) {
      const Json& n = node_at(p, {"containerPort"});
      std::string port = n.is_number_integer() ? std::to_string(n.get<int>())
                         : n.is_string()       ? n.get<std::string>()
                                               : "";
      if (port.empty()) continue;
      if (str_at(p, {"name"}) == "http") return port;
      if (first.empty()) first = port;
    }
  }
  return first;
}

}  // namespace sts
