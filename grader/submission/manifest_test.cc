#include "grader/submission/manifest.h"

#include <gtest/gtest.h>

#include "grader/submission/isolation.h"

namespace sts {
namespace {

TEST(Manifest, TypesScalarsLikeKubectl) {
  auto ms = parse_manifests(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: "3"
  b: 3
  c: true
  d: 'yes'
  e: |
    echo 1
  f: 1.5
  g: ~
)", "c.yaml");
  ASSERT_EQ(ms.size(), 1u);
  const Json& d = ms[0].object["data"];
  EXPECT_EQ(d["a"], "3");
  EXPECT_EQ(d["b"], 3);
  EXPECT_EQ(d["c"], true);
  EXPECT_EQ(d["d"], "yes");
  EXPECT_EQ(d["e"], "echo 1\n");
  EXPECT_DOUBLE_EQ(d["f"].get<double>(), 1.5);
  EXPECT_TRUE(d["g"].is_null());
}

TEST(Manifest, RemembersLinesOfFieldsAcrossDocuments) {
  auto ms = parse_manifests(R"(# comment
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nope
)", "dir/app.yaml");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[1].kind(), "StatefulSet");
  EXPECT_EQ(ms[1].where("/spec/serviceName").str(), "dir/app.yaml:12:3");
  EXPECT_EQ(ms[1].where("/spec/missing/deeper").line, 11);
  EXPECT_EQ(ms[0].pos.line, 2);
}

TEST(Manifest, InvalidYamlNamesFileAndLine) {
  try {
    parse_manifests("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n", "bad.yaml");
    FAIL() << "expected ManifestError";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.yaml:"), std::string::npos);
  }
}

TEST(Manifest, MissingKindIsAnError) {
  EXPECT_THROW(parse_manifests("apiVersion: v1\nmetadata: {name: x}\n", "a.yaml"), ManifestError);
  // A repeated key is not (DuplicateKeysKeepTheLastValueAndAreRecorded).
  EXPECT_EQ(parse_manifests("apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: {name: x}\n", "d.yaml")[0].duplicates.size(),
            1u);
}

// The inputs below were found by tests/fuzz (manifest_fuzzer); each crashed,
// hung or threw something other than ManifestError before its fix.
std::string manifest_error(const std::string& text, const std::string& file) {
  try {
    parse_manifests(text, file);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Manifest, RecursiveAliasIsAnErrorNotAStackOverflow) {
  std::string e = manifest_error("apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, self: *m}\n",
                                 "r.yaml");
  EXPECT_NE(e.find("r.yaml:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("recursive alias"), std::string::npos) << e;
  std::map<std::string, SourcePos> positions;
  EXPECT_THROW(parse_yaml_document("a: &a [*a]\n", "s.yaml", positions), ManifestError);
}

TEST(Manifest, AliasExpansionIsBoundedButOrdinaryAliasesWork) {
  // 10^9 leaves from a few hundred bytes ("billion laughs").
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) text += ", " + prev;
    text += "]\n";
  }
  text += "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
  EXPECT_NE(manifest_error(text, "b.yaml").find("too many nodes"), std::string::npos);

  auto ms = parse_manifests(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: web}}\n"
      "data: {x: &v '1', y: *v}\nextra: *l\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
      "ok.yaml");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].object["data"]["y"], "1");
  EXPECT_EQ(ms[0].object["extra"]["app"], "web");
}

TEST(Manifest, NestingThroughAliasesIsBounded) {
  // yaml-cpp refuses ~500 levels of brackets itself, but a chain of aliases
  // nests without limit in two levels of text.
  std::string deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x]\n";
  for (int i = 1; i < 60; ++i)       // 10 levels more each
    deep += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " " + std::string(10, '[') + "*a" +
            std::to_string(i - 1) + std::string(10, ']') + "\n";
  std::string e = manifest_error(deep, "n.yaml");
  EXPECT_NE(e.find("nested deeper than 512 levels"), std::string::npos) << e;
  EXPECT_NE(e.find("n.yaml:"), std::string::npos) << e;
}

TEST(Manifest, FloatsOutOfRangeDoNotThrow) {
  auto ms = parse_manifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
                            "data: {big: 1e400, tiny: 1e-400, neg: -1e999}\n",
                            "f.yaml");
  ASSERT_EQ(ms.size(), 1u);
  const Json& d = ms[0].object["data"];
  EXPECT_EQ(d["big"], "1e400");      // like a too-large int: kept as text
  EXPECT_EQ(d["neg"], "-1e999");
  ASSERT_TRUE(d["tiny"].is_number_float());
  EXPECT_EQ(d["tiny"].get<double>(), 0.0);
}

TEST(Manifest, InvalidUtf8IsAnErrorWithItsPosition) {
  std::string e = manifest_error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \xc3\x28}\n",
                                 "u.yaml");
  EXPECT_NE(e.find("u.yaml:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("UTF-8"), std::string::npos) << e;
  // So are a key, and an encoded surrogate, an overlong form, a code point past
  // U+10FFFF and a cut sequence.
  EXPECT_NE(manifest_error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n\xff: 1\n", "k.yaml")
                .find("k.yaml:4:1: text is not valid UTF-8"),
            std::string::npos);
  for (const char* bad : {"\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "a\xe2\x82"})
    EXPECT_NE(manifest_error(std::string("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \"") +
                                 bad + "\"}\n",
                             "s.yaml")
                  .find("s.yaml:4:11: text is not valid UTF-8"),
              std::string::npos);
  auto ms = parse_manifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"caf\xc3\xa9-\\U0001F600\"}\n",
                            "ok.yaml");
  EXPECT_EQ(ms[0].name(), "caf\xc3\xa9-\xf0\x9f\x98\x80");
  EXPECT_NO_THROW(ms[0].object.dump());
}

TEST(Manifest, ListItemsKeepOnlyTheirOwnPositions) {
  // Item positions are taken from the List's sorted range (was a scan of every
  // position per item: quadratic, a minute for a 5 KB List of aliases).
  std::string text = "apiVersion: v1\nkind: List\nmetadata: {name: l}\nitems:\n";
  for (int i = 0; i < 12; ++i)
    text += "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c" + std::to_string(i) + "}\n";
  auto ms = parse_manifests(text, "l.yaml");
  ASSERT_EQ(ms.size(), 12u);
  EXPECT_EQ(ms[1].where("/metadata/name").str(), "l.yaml:10:14");
  EXPECT_EQ(ms[10].where("/metadata/name").str(), "l.yaml:37:14");
  for (const auto& [ptr, pos] : ms[1].positions)  // none of /items/10's or /items/11's
    EXPECT_TRUE(ptr.empty() || ptr[0] == '/') << ptr;
  EXPECT_EQ(ms[1].positions.size(), ms[2].positions.size());
}

TEST(Manifest, DocumentStartingWithACommaIsAnErrorNotAnEndlessLoop) {
  std::string e = manifest_error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n,a\n", "c.yaml");
  EXPECT_NE(e.find("c.yaml:5:1: invalid YAML"), std::string::npos) << e;
  EXPECT_NE(manifest_error(",sign: v1\n", "d.yaml").find("d.yaml:1:1: invalid YAML"), std::string::npos);
  // Empty and explicit-end documents still read as before.
  EXPECT_EQ(parse_manifests("---\n---\n...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n...\n",
                            "e.yaml").size(),
            1u);
}

TEST(Isolation, RewritesNamespacesAndDropsNamespaceObjects) {
  auto ms = parse_manifests(R"(apiVersion: v1
kind: Namespace
metadata: {name: statefulset-lab}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: statefulset-lab}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
)", "s.yaml");
  Placement p = place(ms, "sts-grader-x");
  ASSERT_EQ(p.objects.size(), 2u);
  EXPECT_EQ(p.objects[0].namespace_(), "sts-grader-x");
  EXPECT_EQ(p.objects[1].namespace_(), "sts-grader-x");
  EXPECT_EQ(p.submitted_namespaces, std::vector<std::string>{"statefulset-lab"});
}

TEST(Isolation, RefusesHostileObjectsListingEveryViolation) {
  auto ms = parse_manifests(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: pwn}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: kube-system}
spec:
  hostNetwork: true
  volumes:
  - name: root
    hostPath: {path: /}
  containers:
  - name: c
    image: busybox
    securityContext:
      privileged: true
      capabilities: {add: [SYS_ADMIN]}
)", "h.yaml");
  auto v = policy_violations(ms);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_NE(v[0].find("h.yaml:1:1: ClusterRoleBinding pwn"), std::string::npos) << v[0];
  EXPECT_NE(v[1].find("h.yaml:7:21: Pod p: objects in the system namespace kube-system"),
            std::string::npos) << v[1];
  EXPECT_NE(v[2].find("hostNetwork"), std::string::npos);
  EXPECT_NE(v[3].find("h.yaml:12:5"), std::string::npos) << v[3];
  EXPECT_NE(v[4].find("privileged"), std::string::npos);
  EXPECT_NE(v[5].find("SYS_ADMIN"), std::string::npos);
  EXPECT_THROW(place(ms, "ns"), ManifestError);
}

}  // namespace
}  // namespace sts

namespace sts {
namespace {

// helm install and kubectl apply keep the last of two equal keys (apimachinery's
// YAMLOrJSONDecoder): the grader judges and applies what the API server gets.
TEST(Manifest, DuplicateKeysKeepTheLastValueAndAreRecorded) {
  auto ms = parse_manifests(
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: first\n    tier: x\n"
      "    app: second\n",
      "svc.yaml");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].object["metadata"]["labels"]["app"], "second");
  ASSERT_EQ(ms[0].duplicates.size(), 1u);
  EXPECT_EQ(ms[0].duplicates[0].pointer, "/metadata/labels/app");
  EXPECT_EQ(ms[0].duplicates[0].pos.line, 8);
  EXPECT_EQ(ms[0].duplicates[0].first, "\"first\"");
  EXPECT_EQ(ms[0].duplicates[0].last, "\"second\"");
  // The grader's own YAML (rubrics, scenarios) stays strict.
  std::map<std::string, SourcePos> pos;
  EXPECT_THROW(parse_yaml_document("a: 1\na: 2\n", "rubric.yaml", pos), ManifestError);
}

TEST(Isolation, NodePortAndLoadBalancerServicesArePlacedAsClusterIP) {
  auto ms = parse_manifests(
      "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  externalTrafficPolicy: Local\n"
      "  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]\n---\n"
      "apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: LoadBalancer\n  ports: [{port: 80}]\n---\n"
      "apiVersion: v1\nkind: Service\nmetadata: {name: plain}\nspec:\n  ports: [{port: 80}]\n",
      "svc.yaml");
  Placement p = place(ms, "sts-grader-x");
  ASSERT_EQ(p.objects.size(), 3u);
  EXPECT_EQ(p.objects[0].object["spec"]["type"], "ClusterIP");
  EXPECT_FALSE(p.objects[0].object["spec"]["ports"][0].contains("nodePort"));
  EXPECT_FALSE(p.objects[0].object["spec"].contains("externalTrafficPolicy"));
  EXPECT_EQ(p.objects[1].object["spec"]["type"], "ClusterIP");
  EXPECT_FALSE(p.objects[2].object["spec"].contains("type"));  // untouched
  int notes = 0;
  for (const std::string& n : p.notes) notes += n.find("placed as ClusterIP") != std::string::npos;
  EXPECT_EQ(notes, 2);
  EXPECT_NE(p.notes[0].find("svc.yaml:5:3: Service web: type NodePort (nodePort 30080) placed as ClusterIP"),
            std::string::npos)
      << p.notes[0];
  // ExternalName still leaves the cluster: refused.
  auto ext = parse_manifests("apiVersion: v1\nkind: Service\nmetadata: {name: e}\nspec:\n  type: ExternalName\n"
                             "  externalName: example.org\n", "e.yaml");
  EXPECT_THROW(place(ext, "ns"), ManifestError);
}

}  // namespace
}  // namespace sts
