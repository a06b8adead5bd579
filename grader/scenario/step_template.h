// Placeholders in the text of a step (an http op's url and body, an exec op's
// command and pod), so scenarios stay data and name pods by role, not by name:
//
//   {sts}    the StatefulSet under test
//   {svc}    its spec.serviceName (the governing, normally headless, Service)
//   {ns}     the grading namespace
//   {pod:N}  the N-th pod of the set: <sts>-(start+N), start being
//            .spec.ordinals.start (0 when absent), so scenarios hold for any offset
//   {ip:N}   the current IP of that pod (known once it is Running)
//   {port}   the app's port: the StatefulSet's first containerPort (the one
//            named "http" if any), else the step's default_port
//
// Only `{word}` and `{word:digits}` are placeholders; any other brace (a JSON
// body) is literal. An unknown word is an error, so a typo cannot slip through.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "grader/base/json.h"

namespace sts {

struct TemplateVars {
  std::string sts, svc, ns, port;
  int start = 0;                     // .spec.ordinals.start
  // IP of a pod by name, "" when unknown.
  std::function<std::string(const std::string& pod)> ip_of;
};

// The pods a text names through {pod:N} and {ip:N}, in order, without repeats.
std::vector<std::string> template_pods(const std::string& text, const std::string& sts,
                                       int start = 0);

// The text with every placeholder replaced. Throws ScenarioError (naming the
// placeholder) for an unknown one, a missing value ({svc} without
// serviceName, {port} without any port) or an {ip:N} whose pod has no IP.
std::string expand_template(const std::string& text, const TemplateVars& vars);

// The app's port as {port} means it: the first containerPort of the pod
// template's containers, preferring one named "http"; "" when none is declared.
std::string declared_port(const Json& statefulset);

}  // namespace sts
