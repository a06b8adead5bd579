#include "grader/scenario/step_template.h"

#include <gtest/gtest.h>

#include "grader/scenario/scenario.h"

namespace sts {
namespace {

TemplateVars vars() {
  TemplateVars v;
  v.sts = "web";
  v.svc = "web-headless";
  v.ns = "sts-grader-ab12cd";
  v.port = "8000";
  v.ip_of = [](const std::string& pod) { return pod == "web-1" ? std::string("10.244.0.9") : std::string(); };
  return v;
}

TEST(StepTemplate, ExpandsEveryPlaceholder) {
  EXPECT_EQ(expand_template("http://{pod:0}.{svc}.{ns}.svc.cluster.local:{port}/visits", vars()),
            "http://web-0.web-headless.sts-grader-ab12cd.svc.cluster.local:8000/visits");
  EXPECT_EQ(expand_template("http://{ip:1}:{port}/", vars()), "http://10.244.0.9:8000/");
  EXPECT_EQ(expand_template("{sts}", vars()), "web");
  EXPECT_EQ(expand_template("no placeholders", vars()), "no placeholders");
}

TEST(StepTemplate, JsonBracesAreLiteral) {
  EXPECT_EQ(expand_template(R"({"title": "from {pod:2}", "n": {"a": 1}})", vars()),
            R"({"title": "from web-2", "n": {"a": 1}})");
  EXPECT_EQ(expand_template("{A} {} {pod:} {x y}", vars()), "{A} {} {pod:} {x y}");
}

TEST(StepTemplate, ErrorsNameThePlaceholder) {
  auto error = [](const std::string& text, TemplateVars v = vars()) {
    try {
      expand_template(text, v);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("{prot}").find("unknown placeholder {prot}"), std::string::npos);
  EXPECT_NE(error("{pod}").find("needs an ordinal"), std::string::npos);
  EXPECT_NE(error("{sts:1}").find("takes no argument"), std::string::npos);
  EXPECT_NE(error("{ip:0}").find("pod web-0 has no IP"), std::string::npos);
  TemplateVars none = vars();
  none.svc.clear();
  none.port.clear();
  EXPECT_NE(error("{svc}", none).find("no spec.serviceName"), std::string::npos);
  EXPECT_NE(error("{port}", none).find("no containerPort"), std::string::npos);
}

TEST(StepTemplate, PodsNamedInOrderWithoutRepeats) {
  EXPECT_EQ(template_pods("http://{ip:1}:{port}/x?from={pod:0}&again={pod:1}", "web"),
            (std::vector<std::string>{"web-1", "web-0"}));
  EXPECT_TRUE(template_pods("http://{svc}:{port}/", "web").empty());
}

// .spec.ordinals.start: 2 — {pod:0} is the first pod, web-2, not a pod that
// does not exist.
TEST(StepTemplate, IndicesCountFromTheOrdinalStart) {
  TemplateVars v = vars();
  v.start = 2;
  v.ip_of = [](const std::string& pod) { return pod == "web-3" ? std::string("10.244.0.9") : std::string(); };
  EXPECT_EQ(expand_template("{pod:0} {pod:1}", v), "web-2 web-3");
  EXPECT_EQ(expand_template("http://{ip:1}/", v), "http://10.244.0.9/");
  EXPECT_EQ(template_pods("{ip:0} {pod:1}", "web", 2), (std::vector<std::string>{"web-2", "web-3"}));
}

TEST(StepTemplate, DeclaredPortPrefersHttp) {
  Json sts = Json::parse(R"({"spec":{"template":{"spec":{"containers":[
      {"name":"sidecar","ports":[{"containerPort":9100,"name":"metrics"}]},
      {"name":"app","ports":[{"containerPort":8000,"name":"http"}]}]}}}})");
  EXPECT_EQ(declared_port(sts), "8000");
  sts["spec"]["template"]["spec"]["containers"][1]["ports"][0].erase("name");
  EXPECT_EQ(declared_port(sts), "9100");
  EXPECT_EQ(declared_port(Json::object()), "");
}

}  // namespace
}  // namespace sts
