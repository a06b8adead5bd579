// discovery_walk.cc against examples/repositories/expected.yaml — every
// entry's units, plain YAML, overlay scope and report — and, in temporary
// folders, the edge cases of §2, §3, §6 and §11 one at a time.
#include "grader/submission/discovery.h"
#include "source_paths.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>


namespace fs = std::filesystem;

namespace sts::discovery {
namespace {

using Lines = std::vector<std::string>;

const std::string kRepositories = std::string(STS_SOURCE_DIR) + "/examples/repositories";

bool contains(const Lines& lines, const std::string& s) { return std::find(lines.begin(), lines.end(), s) != lines.end(); }

// Equal, or a readable diff: "- " only expected, "+ " only found, then both
// lists (the same lines in another order show only there).
::testing::AssertionResult same_lines(const Lines& expected, const Lines& found) {
  if (expected == found) return ::testing::AssertionSuccess();
  std::ostringstream d;
  for (const std::string& e : expected)
    if (!contains(found, e)) d << "\n  - " << e;
  for (const std::string& f : found)
    if (!contains(expected, f)) d << "\n  + " << f;
  d << "\n  expected:";
  for (const std::string& e : expected) d << "\n    " << e;
  d << "\n  found:";
  for (const std::string& f : found) d << "\n    " << f;
  return ::testing::AssertionFailure() << d.str();
}

// Every line of `sub` in `seq`, in the same relative order.
::testing::AssertionResult in_order_within(const Lines& sub, const Lines& seq) {
  auto at = seq.begin();
  for (const std::string& s : sub) {
    at = std::find(at, seq.end(), s);
    if (at == seq.end()) return ::testing::AssertionFailure() << "\n" << same_lines(sub, seq).message();
    ++at;
  }
  return ::testing::AssertionSuccess();
}

Lines strings(const YAML::Node& list) {
  Lines out;
  if (list && list.IsSequence())
    for (const YAML::Node& s : list) out.push_back(s.as<std::string>());
  return out;
}

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : ""; }

// "path kind", plus "skipped: why" for a unit that is never one.
std::string unit_line(const std::string& path, const std::string& kind, const std::string& status,
                      const std::string& why) {
  return path + " " + kind + (status == "skipped" ? " skipped: " + why : "");
}

Lines unit_lines(const Walk& w) {
  Lines out;
  for (const Unit& u : w.units) out.push_back(unit_line(u.path, unit_kind_name(u.kind), u.status, u.why));
  return out;
}

const Unit* find_unit(const Walk& w, const std::string& path) {
  for (const Unit& u : w.units)
    if (u.path == path) return &u;
  return nullptr;
}

std::string file_of(const std::string& at) { return at.substr(0, at.rfind(':')); }

// ---- expected.yaml -----------------------------------------------------------

void check_units(const std::string& name, const YAML::Node& entry, const Walk& walk) {
  Lines want;
  for (const YAML::Node& u : entry["units"])
    want.push_back(unit_line(text(u["path"]), text(u["kind"]), text(u["status"]), text(u["why"])));
  EXPECT_TRUE(same_lines(want, unit_lines(walk))) << name << ": units";
  for (const YAML::Node& u : entry["units"]) {
    if (!u["files"]) continue;
    const Unit* mine = find_unit(walk, text(u["path"]));
    ASSERT_NE(mine, nullptr) << name << ": no unit " << text(u["path"]);
    EXPECT_TRUE(same_lines(strings(u["files"]), mine->files)) << name << ": files of " << text(u["path"]);
  }
}

// The charts with attempts: neither skipped nor left untried.
Lines tried_charts(const YAML::Node& entry) {
  Lines out;
  for (const YAML::Node& u : entry["units"])
    if (text(u["kind"]) == "helm" && text(u["status"]) != "skipped" && text(u["status"]) != "not-tried")
      out.push_back(text(u["path"]));
  return out;
}

void check_overlays(const std::string& name, const YAML::Node& entry, const std::string& root) {
  Lines candidates, bonus, others, not_tried;
  for (const YAML::Node& n : entry["not_tried"]) not_tried.push_back(text(n["file"]));
  for (const std::string& chart : tried_charts(entry)) {
    const OverlayScope scope = overlay_scope(root, chart);
    Lines overlays, rendered;
    for (const YAML::Node& a : entry["attempts"]) {
      if (text(a["chart"]) != chart) continue;
      if (text(a["source"]) == "overlay") overlays.push_back(text(a["origin"]));
      if (text(a["source"]) == "bonus") {
        EXPECT_TRUE(contains(scope.bonus, text(a["origin"]))) << name << ": bonus attempt " << text(a["origin"]);
      }
      for (const std::string& v : strings(a["values"])) rendered.push_back(v);
    }
    EXPECT_TRUE(in_order_within(overlays, scope.candidates)) << name << ": overlay attempts of " << chart;
    // not_tried is every values file of the scope that no attempt rendered.
    for (const Lines* group : {&scope.candidates, &scope.bonus, &scope.others})
      for (const std::string& f : *group)
        EXPECT_TRUE(contains(rendered, f) || contains(not_tried, f)) << name << ": " << f << " neither rendered nor not_tried";
    candidates.insert(candidates.end(), scope.candidates.begin(), scope.candidates.end());
    bonus.insert(bonus.end(), scope.bonus.begin(), scope.bonus.end());
    others.insert(others.end(), scope.others.begin(), scope.others.end());
  }
  for (const YAML::Node& n : entry["not_tried"]) {
    const std::string file = text(n["file"]), why = text(n["why"]);
    const Lines& group = why == "name" ? others : why == "bonus-other" ? bonus : candidates;
    EXPECT_TRUE(contains(group, file) || (why == "not-reached" && contains(bonus, file)))
        << name << ": not_tried " << file << " (" << why << ") is not where its why puts it";
  }
  if (const YAML::Node r = entry["reading"]; r && r["bonus"]) {
    EXPECT_TRUE(contains(overlay_scope(root, text(r["chart"])).bonus, text(r["bonus"]))) << name << ": reading.bonus";
  }
}

void check_report(const std::string& name, const YAML::Node& entry, const Walk& walk) {
  for (const YAML::Node& m : entry["markdown"])
    EXPECT_TRUE(contains(walk.markdown, file_of(text(m["at"])))) << name << ": Markdown " << text(m["at"]);
  const YAML::Node reading = entry["reading"];
  if (!reading) return;
  Lines several;
  for (const YAML::Node& w : entry["warnings"])
    if (text(w["rule"]) == "several-reports") several.push_back(file_of(text(w["at"])));
  const ReportChoice choice = rank_reports(walk.markdown, text(reading["chart"]));
  EXPECT_EQ(choice.report, text(reading["report"])) << name << ": report";
  EXPECT_TRUE(same_lines(several, choice.others)) << name << ": several-reports";
}

void check_entry(const std::string& name, const YAML::Node& entry) {
  const std::string root = kRepositories + "/" + name;
  const Walk walk = walk_repository(root);
  check_units(name, entry, walk);
  EXPECT_TRUE(same_lines(strings(entry["not_kubernetes"]), walk.not_kubernetes)) << name << ": not_kubernetes";
  EXPECT_TRUE(same_lines(strings(entry["broken_manifests"]), walk.broken_manifests)) << name << ": broken_manifests";
  check_overlays(name, entry, root);
  check_report(name, entry, walk);
}

TEST(DiscoveryWalkExamples, EveryRepositoryHasAnEntryAndEveryEntryAFolder) {
  const YAML::Node repos = YAML::LoadFile(kRepositories + "/expected.yaml")["repositories"];
  Lines entries, folders;
  for (const auto& kv : repos) entries.push_back(kv.first.as<std::string>());
  std::error_code ec;
  for (fs::directory_iterator it(kRepositories, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) folders.push_back(it->path().filename().string());
  std::sort(entries.begin(), entries.end());
  std::sort(folders.begin(), folders.end());
  EXPECT_EQ(entries.size(), 24u);
  EXPECT_TRUE(same_lines(entries, folders));
}

TEST(DiscoveryWalkExamples, UnitsPlainYamlOverlaysAndReportMatchExpectedYaml) {
  const YAML::Node repos = YAML::LoadFile(kRepositories + "/expected.yaml")["repositories"];
  ASSERT_TRUE(repos.IsMap());
  for (const auto& kv : repos) check_entry(kv.first.as<std::string>(), kv.second);
}

// ---- temporary repositories ------------------------------------------------------

class TempRepo {
 public:
  TempRepo() {
    static int count = 0;
    root_ = fs::temp_directory_path() / ("discovery_walk_" + std::to_string(getpid()) + "_" + std::to_string(count++));
    std::error_code ec;
    fs::remove_all(root_, ec);
    fs::create_directories(root_, ec);
  }
  ~TempRepo() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;

  const TempRepo& write(const std::string& rel, const std::string& content) const {
    std::error_code ec;
    fs::create_directories((root_ / rel).parent_path(), ec);
    std::ofstream(root_ / rel, std::ios::binary) << content;
    return *this;
  }
  std::string root() const { return root_.string(); }
  Walk walk() const { return walk_repository(root()); }
  OverlayScope scope(const std::string& chart) const { return overlay_scope(root(), chart); }

 private:
  fs::path root_;
};

const std::string kDeployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
const std::string kStatefulSet = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n";
const std::string kValues = "replicaCount: 3\n";

std::string chart_yaml(const std::string& name, const std::string& more = "") {
  return "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n" + more;
}

TEST(DiscoveryWalk, UnitKindNames) {
  EXPECT_STREQ(unit_kind_name(UnitKind::kHelm), "helm");
  EXPECT_STREQ(unit_kind_name(UnitKind::kKustomize), "kustomize");
  EXPECT_STREQ(unit_kind_name(UnitKind::kManifests), "manifests");
}

TEST(DiscoveryWalk, SkipsHiddenEntriesAndToolFolders) {
  TempRepo r;
  r.write(".github/workflows/deploy.yaml", kDeployment)
      .write(".k8s/deployment.yaml", kDeployment)
      .write("k8s/.old.yaml", kDeployment)
      .write("node_modules/pkg/chart.yaml", kDeployment)
      .write("app/__pycache__/x.yml", kDeployment)
      .write("venv/lib/site.yaml", kDeployment)
      .write(".notes.md", "# x\n")
      .write(".hidden/Chart.yaml", chart_yaml("hidden"))
      .write("k8s/deployment.yaml", kDeployment)
      .write("README.md", "# app\n");
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({". manifests"}, unit_lines(w)));
  EXPECT_TRUE(same_lines({"k8s/deployment.yaml"}, w.units.at(0).files));
  EXPECT_TRUE(same_lines({"README.md"}, w.markdown));
  EXPECT_TRUE(w.not_kubernetes.empty());
}

TEST(DiscoveryWalk, ReadsFoldersUpToEightLevelsBelowTheRoot) {
  TempRepo r;
  r.write("a/b/c/d/e/f/g/h/level8.yaml", kDeployment)
      .write("a/b/c/d/e/f/g/h/level8.md", "# x\n")
      .write("a/b/c/d/e/f/g/h/i/level9.yaml", kDeployment)
      .write("a/b/c/d/e/f/g/h/i/level9.md", "# x\n")
      .write("a/b/c/d/e/f/g/h/i/Chart.yaml", chart_yaml("deep"));
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({". manifests"}, unit_lines(w)));
  EXPECT_TRUE(same_lines({"a/b/c/d/e/f/g/h/level8.yaml"}, w.units.at(0).files));
  EXPECT_TRUE(same_lines({"a/b/c/d/e/f/g/h/level8.md"}, w.markdown));
}

TEST(DiscoveryWalk, ChartsInPathComponentOrderThenKustomizationsThenManifests) {
  TempRepo r;
  r.write("k8s/web-v2/Chart.yaml", chart_yaml("web-v2"))
      .write("k8s/web/Chart.yaml", chart_yaml("web"))
      .write("deploy/kustomization.yaml", "resources: [deployment.yaml]\n")
      .write("deploy/deployment.yaml", kDeployment)
      .write("a-b/x.yaml", kDeployment)
      .write("a/x.yaml", kDeployment)
      .write("a/notes.md", "# a\n")
      .write("a-b/notes.md", "# a-b\n");
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({"k8s/web helm", "k8s/web-v2 helm", "deploy kustomize", ". manifests"}, unit_lines(w)));
  EXPECT_TRUE(same_lines({"a/x.yaml", "a-b/x.yaml"}, w.units.at(3).files));
  EXPECT_TRUE(same_lines({"a/notes.md", "a-b/notes.md"}, w.markdown));
  EXPECT_EQ(w.units.at(0).chart_name, "web");
  EXPECT_EQ(w.units.at(0).status, "");
}

TEST(DiscoveryWalk, ChartsFolderOutsideAChartHoldsTopLevelCharts) {
  TempRepo r;
  r.write("k8s/charts/common/Chart.yaml", chart_yaml("common", "type: library\n"))
      .write("k8s/charts/visits/Chart.yaml",
             chart_yaml("visits", "dependencies:\n  - name: common\n    repository: file://../common\n"))
      .write("k8s/charts/visits/charts/common-0.1.0.tgz", "not really gzip")
      .write("k8s/charts/visits/charts/redis/Chart.yaml", chart_yaml("redis"))
      .write("k8s/charts/visits/charts/redis/charts/inner/Chart.yaml", chart_yaml("inner"))
      .write("k8s/charts/visits/templates/statefulset.yaml", kStatefulSet)
      .write("k8s/charts/visits/values-statefulset.yaml", kValues);
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({"k8s/charts/common helm skipped: library", "k8s/charts/visits helm",
                          "k8s/charts/visits/charts/redis helm skipped: vendored",
                          "k8s/charts/visits/charts/redis/charts/inner helm skipped: vendored"},
                         unit_lines(w)));
  EXPECT_TRUE(w.not_kubernetes.empty());  // a chart's own YAML is helm's
}

TEST(DiscoveryWalk, AChartNamedAsAFileDependencyIsRenderedByItsDependent) {
  TempRepo r;
  r.write("k8s/app/Chart.yaml",
          chart_yaml("app", "dependencies:\n  - name: lib\n    repository: file://../lib/\n"
                            "  - name: redis\n    repository: https://charts.bitnami.com/bitnami\n"
                            "  - name: far\n    repository: file://../../../far\n"))
      .write("k8s/lib/Chart.yaml", chart_yaml("lib", "type: application\n"))
      .write("k8s/legacy/Chart.yaml", "apiVersion: v1\nname: legacy\nversion: 0.1.0\n")
      .write("k8s/legacy/requirements.yaml", "dependencies:\n  - name: old\n    repository: file://../old\n")
      .write("k8s/old/Chart.yaml", chart_yaml("old"))
      .write("k8s/redis/Chart.yaml", chart_yaml("redis"));
  EXPECT_TRUE(same_lines({"k8s/app helm", "k8s/legacy helm", "k8s/lib helm skipped: dependency-of k8s/app",
                          "k8s/old helm skipped: dependency-of k8s/legacy", "k8s/redis helm"},
                         unit_lines(r.walk())));
}

TEST(DiscoveryWalk, AKustomizationReferencedByAnotherIsItsBase) {
  TempRepo r;
  r.write("k8s/kustomize/base/kustomization.yaml", "resources:\n  - deployment.yaml\n")
      .write("k8s/kustomize/base/deployment.yaml", kDeployment)
      .write("k8s/kustomize/components/probe/Kustomization", "kind: Component\n")
      .write("k8s/kustomize/overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n")
      .write("k8s/kustomize/overlays/prod/kustomization.yml",
             "bases: [../../base/]\ncomponents: [../../components/probe]\n")
      .write("k8s/kustomize/overlays/prod/README.md", "# prod\n");
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({"k8s/kustomize/base kustomize skipped: kustomize-base-of k8s/kustomize/overlays/dev",
                          "k8s/kustomize/components/probe kustomize skipped: kustomize-base-of k8s/kustomize/overlays/prod",
                          "k8s/kustomize/overlays/dev kustomize", "k8s/kustomize/overlays/prod kustomize"},
                         unit_lines(w)));
  EXPECT_TRUE(same_lines({"k8s/kustomize/overlays/prod/README.md"}, w.markdown));
}

TEST(DiscoveryWalk, AYamlThatDoesNotParseIsBrokenOnlyWithApiVersionAndKindLines) {
  TempRepo r;
  r.write("k8s/service.yaml",
          "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  ports:\n  - port: 80\n     targetPort: 5000\n")
      .write("ansible/site.yml",  // indented apiVersion/kind lines do not count
             "- hosts: all\n  tasks:\n    - k8s:\n        definition:\n          apiVersion: v1\n          kind: Service\n"
             "      bad: [\n")
      .write("k8s/only-kind.yaml", "kind: Service\nmetadata: [\n")
      .write("config/app.yaml", "port: 5000\n  host: x\n")
      .write("k8s/null-kind.yaml", "apiVersion: v1\nkind: ~\n")
      .write("k8s/number-kind.yaml", "apiVersion: v1\nkind: 5\n")
      .write("k8s/list.yaml", "# a comment\n---\nfoo: bar\n---\napiVersion: v1\nkind: ConfigMap\n");
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({"k8s/service.yaml:8"}, w.broken_manifests));
  EXPECT_TRUE(same_lines({". manifests"}, unit_lines(w)));
  EXPECT_TRUE(same_lines({"k8s/list.yaml", "k8s/service.yaml"}, w.units.at(0).files));
  EXPECT_TRUE(same_lines(
      {"ansible/site.yml", "config/app.yaml", "k8s/null-kind.yaml", "k8s/number-kind.yaml", "k8s/only-kind.yaml"},
      w.not_kubernetes));
}

TEST(DiscoveryWalk, DuplicateKeysParseAndTheLastOneCounts) {
  // yaml-cpp keeps both pairs of a repeated key and node[key] answers the
  // first; helm and kubectl keep the last (H2).
  TempRepo r;
  r.write("k8s/labels.yaml", kDeployment + "  labels:\n    app: first\n    app: second\n")
      .write("k8s/kind-last-string.yaml", "apiVersion: v1\nkind: 5\nkind: Service\n")
      .write("k8s/kind-last-null.yaml", "apiVersion: v1\nkind: Service\nkind:\n")
      .write("k8s/web/Chart.yaml", "apiVersion: v2\nname: first\nname: web\ntype: library\ntype: application\nversion: 1\n")
      .write("k8s/web/values-sts.yaml", "a: 1\na: 2\n");
  const Walk w = r.walk();
  EXPECT_TRUE(same_lines({"k8s/web helm", ". manifests"}, unit_lines(w)));
  EXPECT_EQ(w.units.at(0).chart_name, "web");
  EXPECT_TRUE(same_lines({"k8s/kind-last-string.yaml", "k8s/labels.yaml"}, w.units.at(1).files));
  EXPECT_TRUE(same_lines({"k8s/kind-last-null.yaml"}, w.not_kubernetes));
  EXPECT_TRUE(same_lines({"k8s/web/values-sts.yaml"}, r.scope("k8s/web").candidates));
}

TEST(DiscoveryWalk, AChartYamlThatDoesNotParseIsAUnitWithItsError) {
  TempRepo r;
  r.write("k8s/bad/Chart.yaml", "apiVersion: v2\nname: bad\n  version: 1\n");
  const Walk w = r.walk();
  ASSERT_TRUE(same_lines({"k8s/bad helm"}, unit_lines(w)));
  EXPECT_EQ(w.units[0].chart_name, "");
  EXPECT_EQ(w.units[0].chart_error, "k8s/bad/Chart.yaml:3: illegal map value");
}

TEST(DiscoveryWalk, StatefulSetBearingReadsTheTemplatesAndTheManifests) {
  TempRepo r;
  r.write("k8s/a/Chart.yaml", chart_yaml("a"))
      .write("k8s/a/templates/workload/sts.yaml", "apiVersion: apps/v1\n  kind: \"StatefulSet\"  \r\n")
      .write("k8s/b/Chart.yaml", chart_yaml("b"))
      .write("k8s/b/templates/deployment.yaml", "# kind: StatefulSet\nkind: StatefulSetList\nkind: Deployment\n")
      .write("k8s/b/values.yaml", "kind: StatefulSet\n")  // not a template
      .write("k8s/b/charts/db/Chart.yaml", chart_yaml("db"))
      .write("k8s/b/charts/db/templates/sts.yaml", kStatefulSet)  // the subchart's, not b's
      .write("lab04/statefulset.yaml", kStatefulSet);
  const Walk w = r.walk();
  ASSERT_TRUE(same_lines({"k8s/a helm", "k8s/b helm", "k8s/b/charts/db helm skipped: vendored", ". manifests"},
                         unit_lines(w)));
  EXPECT_TRUE(w.units[0].statefulset_bearing);
  EXPECT_FALSE(w.units[1].statefulset_bearing);
  EXPECT_TRUE(w.units[3].statefulset_bearing);

  TempRepo plain;
  plain.write("k8s/deployment.yaml", kDeployment);
  const Walk p = plain.walk();
  ASSERT_EQ(p.units.size(), 1u);
  EXPECT_FALSE(p.units[0].statefulset_bearing);
}

TEST(DiscoveryWalk, ListsTheMarkdownInsideChartsToo) {
  TempRepo r;
  r.write("README.md", "# app\n")
      .write("k8s/visits/Chart.yaml", chart_yaml("visits"))
      .write("k8s/visits/STATEFULSET.md", "# report\n")
      .write("k8s/visits/docs/notes.md", "# notes\n")
      .write("k8s/visits/charts/sub/Chart.yaml", chart_yaml("sub"))
      .write("k8s/visits/charts/sub/README.md", "# sub\n")
      .write("k8s/visits/NOTES.txt", "x\n");
  EXPECT_TRUE(same_lines({"README.md", "k8s/visits/STATEFULSET.md", "k8s/visits/charts/sub/README.md",
                          "k8s/visits/docs/notes.md"},
                         r.walk().markdown));
}

TEST(DiscoveryWalk, AChartAtTheRootIsUnitDot) {
  TempRepo r;
  r.write("Chart.yaml", chart_yaml("app")).write("deployment.yaml", kDeployment).write("values-sts.yaml", kValues);
  EXPECT_TRUE(same_lines({". helm"}, unit_lines(r.walk())));
  EXPECT_TRUE(same_lines({"values-sts.yaml"}, r.scope(".").candidates));
}

// ---- overlays (§6) -------------------------------------------------------------

TEST(DiscoveryOverlay, CandidatesRankByNameThenFewerTokensThenPath) {
  TempRepo r;
  r.write("k8s/visits/Chart.yaml", chart_yaml("visits"));
  for (const char* f : {"values.yaml", "values-lab15.yaml", "values-sts.yaml", "values-stateful.yaml",
                        "values-lab15-statefulset.yaml", "values-statefulset.yaml", "values-dev.yaml",
                        "values_LAB-15.yml", "sts.values.yaml"})
    r.write(std::string("k8s/visits/") + f, kValues);
  const OverlayScope s = r.scope("k8s/visits");
  EXPECT_TRUE(same_lines({"k8s/visits/values-statefulset.yaml", "k8s/visits/values-lab15-statefulset.yaml",
                          "k8s/visits/sts.values.yaml", "k8s/visits/values-stateful.yaml", "k8s/visits/values-sts.yaml",
                          "k8s/visits/values-lab15.yaml", "k8s/visits/values_LAB-15.yml"},
                         s.candidates));
  EXPECT_TRUE(same_lines({"k8s/visits/values-dev.yaml"}, s.others));
  EXPECT_TRUE(s.bonus.empty());
}

TEST(DiscoveryOverlay, ScopeIsTheChartItsValuesFolderAndAParentThatIsNoChart) {
  TempRepo r;
  r.write("k8s/helm/web/Chart.yaml", chart_yaml("web"))
      .write("k8s/helm/web/values/values-statefulset.yaml", kValues)
      .write("k8s/helm/web/values/old/values-sts.yaml", kValues)  // not directly in values/
      .write("k8s/helm/web/templates/values-sts.yaml", kValues)
      .write("k8s/helm/values-stateful.yaml", kValues)
      .write("k8s/helm/values-staging.yaml", kValues)
      .write("k8s/helm/statefulset.yaml", kStatefulSet)              // a Kubernetes object
      .write("k8s/helm/values-sts-broken.yaml", "a: [\n")            // does not parse
      .write("k8s/helm/values-sts-list.yaml", "- a\n- b\n")          // no mapping
      .write("k8s/helm/values-sts-two.yaml", "a: 1\n---\nb: 2\n")    // two documents
      .write("k8s/helm/kustomization.yaml", "replicas: []\n")
      .write("k8s/values-sts.yaml", kValues);                        // two levels up
  const OverlayScope s = r.scope("k8s/helm/web");
  EXPECT_TRUE(same_lines({"k8s/helm/web/values/values-statefulset.yaml", "k8s/helm/values-stateful.yaml"}, s.candidates));
  EXPECT_TRUE(same_lines({"k8s/helm/values-staging.yaml"}, s.others));
  EXPECT_TRUE(s.bonus.empty());
}

TEST(DiscoveryOverlay, EqualRankAndTokensKeepPathComponentOrder) {
  // Byte order of the whole string would put "k8s/web-sts.yaml" first ('-' < '/').
  TempRepo r;
  r.write("k8s/web/Chart.yaml", chart_yaml("web")).write("k8s/web-sts.yaml", kValues).write("k8s/web/x-sts.yaml", kValues);
  EXPECT_TRUE(same_lines({"k8s/web/x-sts.yaml", "k8s/web-sts.yaml"}, r.scope("k8s/web").candidates));
}

TEST(DiscoveryOverlay, AParentThatIsAChartIsOutOfScope) {
  TempRepo r;
  r.write("k8s/app/Chart.yaml", chart_yaml("app"))
      .write("k8s/app/values-sts.yaml", kValues)
      .write("k8s/app/inner/Chart.yaml", chart_yaml("inner"))
      .write("k8s/app/inner/values-lab15.yaml", kValues);
  const OverlayScope s = r.scope("k8s/app/inner");
  EXPECT_TRUE(same_lines({"k8s/app/inner/values-lab15.yaml"}, s.candidates));
  EXPECT_TRUE(s.others.empty());
}

TEST(DiscoveryOverlay, BonusOverlaysPartitionFirstThenOnDeleteEachInPathOrder) {
  TempRepo r;
  r.write("k8s/v/Chart.yaml", chart_yaml("v"));
  for (const char* f : {"values-statefulset.yaml", "values-statefulset-ondelete.yaml", "values-on-delete.yaml",
                        "values-sts-partition.yaml", "values-on_delete.yaml", "values-partition.yaml",
                        "values-OnDelete.yaml"})
    r.write(std::string("k8s/v/") + f, kValues);
  const OverlayScope s = r.scope("k8s/v");
  EXPECT_TRUE(same_lines({"k8s/v/values-partition.yaml", "k8s/v/values-sts-partition.yaml", "k8s/v/values-OnDelete.yaml",
                          "k8s/v/values-on-delete.yaml", "k8s/v/values-on_delete.yaml",
                          "k8s/v/values-statefulset-ondelete.yaml"},
                         s.bonus));
  EXPECT_TRUE(same_lines({"k8s/v/values-statefulset.yaml"}, s.candidates));
  EXPECT_TRUE(s.others.empty());
}

// ---- the report (§11) --------------------------------------------------------------

TEST(DiscoveryReport, K8sStatefulSetMdRanksFirst) {
  const ReportChoice c = rank_reports(
      {"README.md", "docs/lab15/STATEFULSET.md", "k8s/STATEFULSET.md", "k8s/visits/STATEFULSET.md"}, "k8s/visits");
  EXPECT_EQ(c.report, "k8s/STATEFULSET.md");
  EXPECT_TRUE(same_lines({"docs/lab15/STATEFULSET.md", "k8s/visits/STATEFULSET.md"}, c.others));
}

TEST(DiscoveryReport, FileNamesCompareCaseInsensitively) {
  const ReportChoice c = rank_reports({"docs/STATEFULSET.md", "k8s/StatefulSet.md"}, "");
  EXPECT_EQ(c.report, "k8s/StatefulSet.md");
  EXPECT_TRUE(same_lines({"docs/STATEFULSET.md"}, c.others));
}

TEST(DiscoveryReport, TheChartsFolderThenTheNearestAncestor) {
  const Lines md{"STATEFULSET.md", "docs/STATEFULSET.md", "k8s/helm/STATEFULSET.md", "k8s/helm/web/STATEFULSET.md"};
  EXPECT_EQ(rank_reports(md, "k8s/helm/web").report, "k8s/helm/web/STATEFULSET.md");
  EXPECT_EQ(rank_reports({md[0], md[1], md[2]}, "k8s/helm/web").report, "k8s/helm/STATEFULSET.md");
  // R is an ancestor too: rank 2 before docs/ (rank 3), though docs/ is as near.
  EXPECT_EQ(rank_reports({"docs/STATEFULSET.md", "STATEFULSET.md"}, "k8s/helm/web").report, "STATEFULSET.md");
}

TEST(DiscoveryReport, BeforeAUnitIsChosenRankTwoIsSkippedAndNearnessCountsFromTheRoot) {
  const Lines md{"k8s/visits/STATEFULSET.md", "docs/STATEFULSET.md"};
  EXPECT_EQ(rank_reports(md, "k8s/visits").report, "k8s/visits/STATEFULSET.md");
  const ReportChoice c = rank_reports(md, "");
  EXPECT_EQ(c.report, "docs/STATEFULSET.md");
  EXPECT_TRUE(same_lines({"k8s/visits/STATEFULSET.md"}, c.others));
}

TEST(DiscoveryReport, OtherStatefulSetMdNearestToTheChartThenPathOrder) {
  EXPECT_EQ(rank_reports({"docs/STATEFULSET.md", "k8s/other/STATEFULSET.md"}, "k8s/visits").report,
            "k8s/other/STATEFULSET.md");  // 2 steps, docs/ 3
  EXPECT_EQ(rank_reports({"b/STATEFULSET.md", "a/STATEFULSET.md"}, "c").report, "a/STATEFULSET.md");
  EXPECT_EQ(rank_reports({"x/a-b/STATEFULSET.md", "x/a/STATEFULSET.md"}, "c").report, "x/a/STATEFULSET.md");
}

TEST(DiscoveryReport, ANameSayingStatefulSetOrLab15RanksLast) {
  const Lines md{"README.md", "docs/statefulset-notes.md", "lab_15.md", "notes/Lab-15-report.md", "notes/laboratory15.md"};
  const ReportChoice c = rank_reports(md, "");
  EXPECT_EQ(c.report, "lab_15.md");  // 0 steps from R
  EXPECT_TRUE(same_lines({"docs/statefulset-notes.md", "notes/Lab-15-report.md"}, c.others));
  EXPECT_EQ(rank_reports({"notes/Lab-15-report.md", "docs/STATEFULSET.md"}, "").report, "docs/STATEFULSET.md");
}

TEST(DiscoveryReport, NoneWithoutACandidate) {
  const ReportChoice c = rank_reports({"README.md", "k8s/HELM.md"}, "k8s/visits");
  EXPECT_EQ(c.report, "");
  EXPECT_TRUE(c.others.empty());
}

}  // namespace
}  // namespace sts::discovery
