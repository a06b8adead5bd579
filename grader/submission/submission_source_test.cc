#include "grader/submission/submission_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "grader/lint/lint_tools_for_tests.h"

namespace fs = std::filesystem;

namespace sts {
namespace {

// A scratch folder, removed after the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("sts-source-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
  std::string str() const { return path.string(); }
};

TEST(SubmissionSource, DetectsManifestsChartsAndKustomizations) {
  TempDir t;
  t.write("web.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n");
  EXPECT_EQ(detect(t.str()).kind, SourceKind::kManifests);
  t.write("k8s/mychart/Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 0.1.0\n");
  t.write("k8s/mychart/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
  SubmissionSource s = detect(t.str());
  EXPECT_EQ(s.kind, SourceKind::kHelm);
  EXPECT_EQ(s.relative, "k8s/mychart");
  EXPECT_EQ(s.kind_name(), "helm");
  t.write("kustomize/kustomization.yaml", "resources: [web.yaml]\n");
  try {
    detect(t.str());
    ADD_FAILURE() << "a chart and a kustomization: which one?";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("several Helm charts or kustomizations"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("kustomize/kustomization.yaml"), std::string::npos) << e.what();
  }
  // The root decides.
  t.write("Kustomization", "resources: [web.yaml]\n");
  EXPECT_EQ(detect(t.str()).kind, SourceKind::kKustomize);
  EXPECT_EQ(detect(t.str()).relative, "");
  EXPECT_THROW(detect(t.str() + "/missing"), ManifestError);
}

const char* kHelmOut = R"(---
# Source: mychart/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: r-mychart-headless
spec:
  clusterIP: None
---
# Source: mychart/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: r-mychart
spec:
  serviceName: r-mychart-headless
---
# Source: mychart/templates/statefulset.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: second-in-same-template
)";

TEST(SubmissionSource, HelmOutputMapsEachObjectToItsTemplate) {
  auto ms = parse_helm_output(kHelmOut, "sub/k8s");
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].pos.file, "sub/k8s/templates/service.yaml");
  EXPECT_EQ(ms[0].pos.line, 1);
  EXPECT_TRUE(ms[0].pos.rendered);
  EXPECT_EQ(ms[0].where("/spec/clusterIP").str(), "sub/k8s/templates/service.yaml:6:3 (rendered)");
  EXPECT_EQ(ms[1].pos.file, "sub/k8s/templates/statefulset.yaml");
  EXPECT_EQ(ms[1].where("/spec/serviceName").line, 6);
  // The second document of a template continues after the first (and its ---).
  EXPECT_EQ(ms[2].pos.file, "sub/k8s/templates/statefulset.yaml");
  EXPECT_EQ(ms[2].pos.line, 8);
}

TEST(SubmissionSource, HelmErrorsNameTheTemplateLine) {
  EXPECT_EQ(helm_error("Error: parse error at (mychart/templates/statefulset.yaml:12): unexpected \"}\" in operand\n",
                       "sub/k8s"),
            "sub/k8s/templates/statefulset.yaml:12: helm template failed: parse error at "
            "(mychart/templates/statefulset.yaml:12): unexpected \"}\" in operand");
  EXPECT_EQ(helm_error("Error: template: mychart/templates/sts.yaml:7:20: executing \"x\" at <.Values.a.b>: nil pointer",
                       "c")
                .rfind("c/templates/sts.yaml:7:20: helm template failed: template: ", 0),
            0u);
  EXPECT_EQ(helm_error("Error: YAML parse error on mychart/templates/sts.yaml: error converting YAML to JSON: yaml: "
                       "line 9: did not find expected key\n",
                       "c")
                .rfind("c/templates/sts.yaml:9 (rendered): helm template failed: YAML parse error", 0),
            0u);
  EXPECT_EQ(helm_error("Error: validation: chart.metadata.name is required\n", "c"),
            "c/Chart.yaml: helm template failed: validation: chart.metadata.name is required");
}

TEST(SubmissionSource, KustomizeOutputMapsObjectsToTheirFiles) {
  TempDir t;
  t.write("kustomization.yaml", "namePrefix: lab-\nresources: [base/web.yaml]\n");
  t.write("base/web.yaml", "# the StatefulSet\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n");
  t.write("base/patch.yaml", "- op: replace\n  path: /spec/replicas\n  value: 3\n");  // not an object: ignored
  const std::string out =
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: lab-web\nspec:\n  serviceName: lab-web\n---\n"
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: generated-abc\n";
  auto ms = parse_kustomize_output(out, t.str(), t.str() + "/kustomization.yaml");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].name(), "lab-web");
  EXPECT_EQ(ms[0].where("/spec/serviceName").str(), t.str() + "/base/web.yaml:7:3 (rendered)");
  EXPECT_EQ(ms[1].pos.str(), t.str() + "/kustomization.yaml:8:1 (rendered)");
}

const char* kChart = "apiVersion: v2\nname: mychart\nversion: 0.1.0\n";
const char* kValues = "replicaCount: 3\nsize: 64Mi\n";
const char* kStatefulSet = R"({{- /* a comment line */ -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}
spec:
  serviceName: {{ .Release.Name }}-headless
  replicas: {{ .Values.replicaCount }}
)";

TEST(SubmissionSource, RendersARealChart) {
  const std::string helm = testing_tools::helm();
  if (helm.empty()) FAIL() << testing_tools::kNoHelm;
  TempDir t;
  t.write("k8s/Chart.yaml", kChart);
  t.write("k8s/values.yaml", kValues);
  t.write("k8s/templates/statefulset.yaml", kStatefulSet);
  t.write("other.yaml", "replicaCount: 5\n");
  SubmissionOptions o;
  o.helm = helm;
  o.namespace_ = "statefulset-lab";
  auto ms = read_submission(t.str(), o);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].name(), "mychart");  // the release is named after the chart
  EXPECT_EQ(ms[0].object["spec"]["replicas"], 3);
  // Rendered on line 6 (the comment line is chomped); the template writes it on line 7.
  EXPECT_EQ(ms[0].where("/spec/serviceName").str(), t.str() + "/k8s/templates/statefulset.yaml:7:3 (rendered)");
  EXPECT_EQ(ms[0].where("/spec/replicas").line, 8);
  o.values = {t.str() + "/other.yaml"};
  EXPECT_EQ(read_submission(t.str(), o)[0].object["spec"]["replicas"], 5);
}

TEST(SubmissionSource, ABrokenChartIsNotGradableAndNamesTheLine) {
  const std::string helm = testing_tools::helm();
  if (helm.empty()) FAIL() << testing_tools::kNoHelm;
  TempDir t;
  t.write("Chart.yaml", kChart);
  t.write("templates/statefulset.yaml", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name \n");
  SubmissionOptions o;
  o.helm = helm;
  try {
    read_submission(t.str(), o);
    ADD_FAILURE() << "rendered a broken template";
  } catch (const ManifestError& e) {
    // helm names the line where it noticed: the end of the unclosed action.
    EXPECT_EQ(std::string(e.what()).rfind(t.str() + "/templates/statefulset.yaml:5: helm template failed: parse error", 0), 0u)
        << e.what();
  }
  o.helm = t.str() + "/no-such-helm";
  try {
    read_submission(t.str(), o);
    ADD_FAILURE() << "no helm, yet rendered";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("pass --helm PATH or set STS_HELM"), std::string::npos) << e.what();
  }
}

TEST(SubmissionSource, RendersARealKustomization) {
  const std::string kubectl = testing_tools::kubectl();
  if (kubectl.empty()) GTEST_SKIP() << "no kubectl (STS_KUBECTL, PATH or the testbed's build cache)";
  TempDir t;
  t.write("kustomization.yaml", "namespace: statefulset-lab\nnamePrefix: lab-\nresources: [web.yaml]\n");
  t.write("web.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n");
  SubmissionOptions o;
  o.kubectl = kubectl;
  auto ms = read_submission(t.str(), o);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].name(), "lab-web");
  EXPECT_EQ(ms[0].namespace_(), "statefulset-lab");
  EXPECT_EQ(ms[0].where("/spec/clusterIP").str(), t.str() + "/web.yaml:6:3 (rendered)");
  t.write("kustomization.yaml", "resources: [missing.yaml]\n");
  try {
    read_submission(t.str(), o);
    ADD_FAILURE() << "rendered a kustomization naming a missing file";
  } catch (const ManifestError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(t.str() + "/kustomization.yaml: kubectl kustomize failed: ", 0), 0u)
        << e.what();
  }
}

}  // namespace
}  // namespace sts
