#include <gtest/gtest.h>
#include "source_paths.h"
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "grader/submission/discovery.h"


namespace fs = std::filesystem;

namespace sts::discovery {
namespace {

// One line per command, every non-empty field, so a mismatch reads as a diff.
std::string describe(const MarkdownCommand& m) {
  std::string s = m.at + " " + m.verb;
  auto field = [&](const char* name, const std::string& v) {
    if (!v.empty()) s += std::string(" ") + name + "=" + v;
  };
  auto list = [&](const char* name, const std::vector<std::string>& v) {
    if (!v.empty()) s += std::string(" ") + name + "=" + Json(v).dump();
  };
  field("ignored", m.ignored);
  field("folder", m.folder);
  field("release", m.release);
  field("chart", m.chart);
  if (m.chart_by_name) s += " (by name)";
  field("namespace", m.namespace_);
  list("values", m.values);
  list("set", m.set);
  list("set_string", m.set_string);
  list("set_file", m.set_file);
  list("set_json", m.set_json);
  list("set_literal", m.set_literal);
  return s;
}

std::vector<std::string> describe(const std::vector<MarkdownCommand>& commands) {
  std::vector<std::string> out;
  for (const MarkdownCommand& m : commands) out.push_back(describe(m));
  return out;
}

// ---- the contract: examples/repositories/expected.yaml ----------------------

const std::string kRepositories = std::string(STS_SOURCE_DIR) + "/examples/repositories";

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  for (const YAML::Node& v : n) out.push_back(v.as<std::string>());
  return out;
}

// An expected.yaml `markdown` item; a key this test does not know fails, so
// no field of the contract goes uncompared.
MarkdownCommand expected_command(const YAML::Node& n) {
  MarkdownCommand m;
  for (const auto& kv : n) {
    std::string key = kv.first.as<std::string>();
    if (key == "at") m.at = kv.second.as<std::string>();
    else if (key == "verb") m.verb = kv.second.as<std::string>();
    else if (key == "release") m.release = kv.second.as<std::string>();
    else if (key == "chart") m.chart = kv.second.as<std::string>();
    else if (key == "namespace") m.namespace_ = kv.second.as<std::string>();
    else if (key == "ignored") m.ignored = kv.second.as<std::string>();
    else if (key == "folder") m.folder = kv.second.as<std::string>();
    else if (key == "values") m.values = strings(kv.second);
    else if (key == "set") m.set = strings(kv.second);
    else if (key == "set_string") m.set_string = strings(kv.second);
    else ADD_FAILURE() << "expected.yaml markdown key not compared: " << key;
  }
  return m;
}

// The §2 walk for *.md: byte order of path components, at most 8 levels.
void walk_markdown(const fs::path& root, const std::string& rel, int depth, std::vector<std::string>& out) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(root / rel)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.starts_with('.') || name == "node_modules" || name == "__pycache__" || name == "venv") continue;
    std::string path = rel.empty() ? name : rel + "/" + name;
    if (fs::is_directory(root / path)) {
      if (depth < 8) walk_markdown(root, path, depth + 1, out);
    } else if (name.ends_with(".md")) {
      out.push_back(path);
    }
  }
}

// The report (the entry's, else k8s/STATEFULSET.md, else any STATEFULSET.md), then the rest.
std::vector<std::string> markdown_in_order(const fs::path& root, const YAML::Node& entry) {
  std::vector<std::string> all;
  walk_markdown(root, "", 1, all);
  std::string report;
  if (entry["reading"] && entry["reading"]["report"]) report = entry["reading"]["report"].as<std::string>();
  if (report.empty() && fs::exists(root / "k8s/STATEFULSET.md")) report = "k8s/STATEFULSET.md";
  for (const std::string& p : all)
    if (report.empty() && fs::path(p).filename() == "STATEFULSET.md") report = p;
  std::vector<std::string> out;
  if (!report.empty()) out.push_back(report);
  for (const std::string& p : all)
    if (p != report) out.push_back(p);
  return out;
}

// The entry's application charts: its helm units that are not skipped.
std::vector<AppChart> application_charts(const fs::path& root, const YAML::Node& entry) {
  std::vector<AppChart> out;
  for (const YAML::Node& u : entry["units"]) {
    if (u["kind"].as<std::string>() != "helm" || u["status"].as<std::string>() == "skipped") continue;
    std::string path = u["path"].as<std::string>();
    out.push_back({path, YAML::LoadFile((root / path / "Chart.yaml").string())["name"].as<std::string>()});
  }
  return out;
}

std::string diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  std::ostringstream out;
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    std::string e = i < expected.size() ? expected[i] : "(none)";
    std::string a = i < actual.size() ? actual[i] : "(none)";
    if (e == a) out << "    " << e << "\n";
    else out << "  - " << e << "\n  + " << a << "\n";
  }
  return out.str();
}

TEST(MarkdownCommands, EveryRepositoryOfExpectedYaml) {
  YAML::Node doc = YAML::LoadFile(kRepositories + "/expected.yaml");
  int repositories = 0, commands = 0;
  for (const auto& kv : doc["repositories"]) {
    std::string name = kv.first.as<std::string>();
    const YAML::Node& entry = kv.second;
    fs::path root = fs::path(kRepositories) / name;
    std::vector<std::string> expected;
    for (const YAML::Node& m : entry["markdown"]) expected.push_back(describe(expected_command(m)));
    std::vector<std::string> actual =
        describe(markdown_commands(root.string(), markdown_in_order(root, entry), application_charts(root, entry)));
    EXPECT_EQ(expected, actual) << name << " (- expected, + actual):\n" << diff(expected, actual);
    ++repositories;
    commands += static_cast<int>(expected.size());
  }
  EXPECT_EQ(repositories, 24);
  EXPECT_GT(commands, 0);
}

// ---- §5.1–§5.4 edge cases, each in its own repository ------------------------

class MarkdownCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("mdcmd-test-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    write("k8s/visits/Chart.yaml", "apiVersion: v2\nname: visits\n");
    write("k8s/visits/values.yaml", "replicaCount: 1\n");
    write("k8s/visits/values-prod.yaml", "replicaCount: 3\n");
    write("k8s/visits/values-sts.yaml", "statefulset: true\n");
    write("k8s/web/Chart.yaml", "apiVersion: v2\nname: counter\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }

  // The commands of one Markdown file (written at `file`), described.
  std::vector<std::string> run(const std::string& markdown, const std::string& file = "k8s/STATEFULSET.md") {
    write(file, markdown);
    return describe(markdown_commands(root_.string(), {file}, charts_));
  }

  fs::path root_;
  std::vector<AppChart> charts_{{"k8s/visits", "visits"}, {"k8s/web", "counter"}};
};

using Lines = std::vector<std::string>;

TEST_F(MarkdownCommandsTest, OnlyFencedCodeBlocksCount) {
  EXPECT_EQ(run("Inline `helm install inline k8s/visits` is prose.\n"  // 1
                "helm install prose k8s/visits\n"                     // 2
                "~~~sh\n"                                             // 3
                "helm install tilde k8s/visits\n"                     // 4
                "```\n"                                               // 5: ``` does not close ~~~
                "helm install still k8s/visits\n"                     // 6
                "~~~\n"                                               // 7
                "```a`b\n"                                            // 8: not a fence (backtick in info)
                "helm install info k8s/visits\n"                      // 9
                "  ````markdown\n"                                    // 10
                "  ```bash\n"                                         // 11: shorter, inside
                "  helm install nested k8s/visits\n"                  // 12
                "  ```\n"                                             // 13
                "  `````\n"                                           // 14: longer closes
                "helm install after k8s/visits\n"                     // 15
                "```bash\n"                                           // 16
                "helm install unclosed k8s/visits\n"),                // 17
            (Lines{"k8s/STATEFULSET.md:4 install release=tilde chart=k8s/visits",
                   "k8s/STATEFULSET.md:6 install release=still chart=k8s/visits",
                   "k8s/STATEFULSET.md:12 install release=nested chart=k8s/visits",
                   "k8s/STATEFULSET.md:17 install release=unclosed chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, LineContinuationKeepsTheCommandWordsLine) {
  EXPECT_EQ(run("```bash\n"
                "helm upgrade --install visits \\\n"
                "  k8s/visits \\  \n"
                "  -f k8s/visits/values-prod.yaml\n"
                "cd k8s && \\\n"
                "  helm install v2 visits\n"
                "FOO=1 \\\n"
                "helm install v3 k8s/web\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 upgrade --install release=visits chart=k8s/visits "
                   "values=[\"k8s/visits/values-prod.yaml\"]",
                   "k8s/STATEFULSET.md:5 cd ignored=changes-folder folder=k8s",
                   "k8s/STATEFULSET.md:6 install release=v2 chart=k8s/visits",
                   "k8s/STATEFULSET.md:8 install release=v3 chart=k8s/web"}));
}

TEST_F(MarkdownCommandsTest, PromptsAreStripped) {
  EXPECT_EQ(run("```console\n"
                "$ helm install a k8s/visits\n"
                "  % helm install b k8s/visits\n"
                "$helm install c k8s/visits\n"
                "$ $ helm install d k8s/visits\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=a chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 install release=b chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, Comments) {
  EXPECT_EQ(run("```bash\n"
                "# helm install a k8s/visits\n"
                "helm install b k8s/visits # -f nope.yaml\n"
                "helm install c k8s/visits --set note=a#b\n"
                "  #helm install d k8s/visits\n"
                "helm install e k8s/visits --set 'x= #y'\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:3 install release=b chart=k8s/visits",
                   "k8s/STATEFULSET.md:4 install release=c chart=k8s/visits set=[\"note=a#b\"]",
                   "k8s/STATEFULSET.md:6 install release=e chart=k8s/visits set=[\"x= #y\"]"}));
}

TEST_F(MarkdownCommandsTest, SplitsAtSeparators) {
  EXPECT_EQ(run("```bash\n"
                "helm template t k8s/visits | kubectl apply -f -\n"
                "helm lint k8s/visits && helm install i k8s/visits; helm status i || helm rollback i &\n"
                "kubectl get pods|helm install j k8s/web\n"
                "helm install k k8s/visits --set 'a=1;b' \"--set=c=2&&d\"\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 template release=t chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 lint ignored=not-a-render",
                   "k8s/STATEFULSET.md:3 install release=i chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 status ignored=not-a-render",
                   "k8s/STATEFULSET.md:3 rollback ignored=not-a-render",
                   "k8s/STATEFULSET.md:4 install release=j chart=k8s/web",
                   "k8s/STATEFULSET.md:5 install release=k chart=k8s/visits set=[\"a=1;b\",\"c=2&&d\"]"}));
}

TEST_F(MarkdownCommandsTest, RedirectionsAndTheirTargetsAreDropped) {
  EXPECT_EQ(run("```bash\n"
                "helm template a k8s/visits > out.yaml 2>&1\n"
                "helm template b k8s/visits >out.yaml\n"
                "helm template c k8s/visits 2>/dev/null | kubectl apply -f -\n"
                "helm template d k8s/visits &> log.txt\n"
                "helm template e k8s/visits 2>&- --set x=1 <<-EOF\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 template release=a chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 template release=b chart=k8s/visits",
                   "k8s/STATEFULSET.md:4 template release=c chart=k8s/visits",
                   "k8s/STATEFULSET.md:5 template release=d chart=k8s/visits",
                   "k8s/STATEFULSET.md:6 template release=e chart=k8s/visits set=[\"x=1\"]"}));
}

TEST_F(MarkdownCommandsTest, Quotes) {
  EXPECT_EQ(run("```bash\n"
                "helm install \"q\" 'k8s/visits' --set \"greeting=hello world\" --set-string 'tag=$x' "
                "--set \"msg=\\\"hi\\\" \\$HOME \\n\" --set a\\ b=c\n"
                "helm install u 'k8s/visits --set x=1\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=q chart=k8s/visits "
                   "set=[\"greeting=hello world\",\"msg=\\\"hi\\\" $HOME \\\\n\",\"a b=c\"] set_string=[\"tag=$x\"]",
                   // An unclosed quote ends with the line: the chart token is the rest of it.
                   "k8s/STATEFULSET.md:3 install ignored=chart-not-in-repository chart=k8s/visits --set x=1"}));
}

TEST_F(MarkdownCommandsTest, ShellExpansionIgnoresTheCommand) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits --set tag=$TAG\n"
                "helm install b \"$CHART\"\n"
                "helm install c `pwd`/k8s/visits\n"
                "helm install d k8s/vis*\n"
                "helm install e k8s/visit?\n"
                "helm install f ~/repo/k8s/visits\n"
                "RELEASE=$USER helm install g k8s/visits\n"
                "helm install h k8s/visits --set 'tag=$TAG' --set tag2=\\$X --set hosts[0].name=x --set path=a~b\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:3 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:4 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:5 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:6 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:7 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:8 install ignored=shell-expansion",
                   "k8s/STATEFULSET.md:9 install release=h chart=k8s/visits "
                   "set=[\"tag=$TAG\",\"tag2=$X\",\"hosts[0].name=x\",\"path=a~b\"]"}));
}

TEST_F(MarkdownCommandsTest, ValuesFlagSpellingsAndCommaLists) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits -f k8s/visits/values.yaml,k8s/visits/values-prod.yaml\n"
                "helm install b k8s/visits -f=k8s/visits/values.yaml -fk8s/visits/values-prod.yaml "
                "--values=values-sts.yaml --values values.yaml\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=a chart=k8s/visits "
                   "values=[\"k8s/visits/values.yaml\",\"k8s/visits/values-prod.yaml\"]",
                   "k8s/STATEFULSET.md:3 install release=b chart=k8s/visits "
                   "values=[\"k8s/visits/values.yaml\",\"k8s/visits/values-prod.yaml\","
                   "\"k8s/visits/values-sts.yaml\",\"k8s/visits/values.yaml\"]"}));
}

TEST_F(MarkdownCommandsTest, ValuesFilesResolveInOrder) {
  write("values-prod.yaml", "at: R\n");
  write("docs/local.yaml", "at: docs\n");
  write("k8s/visits/local.yaml", "at: chart\n");
  write("k8s/block.yaml", "at: k8s\n");
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits -f values-prod.yaml -f local.yaml\n"
                "cd k8s\n"
                "helm install b visits -f block.yaml -f ../docs/local.yaml\n"
                "```\n"
                "```bash\n"
                "helm install c k8s/visits -f local.yaml -f ../values-prod.yaml\n"
                "```\n",
                "docs/X.md"),
            (Lines{// R before the chart's folder; the chart's before the Markdown file's.
                   "docs/X.md:2 install release=a chart=k8s/visits values=[\"values-prod.yaml\",\"k8s/visits/local.yaml\"]",
                   "docs/X.md:3 cd ignored=changes-folder folder=k8s",
                   "docs/X.md:4 install release=b chart=k8s/visits values=[\"k8s/block.yaml\",\"docs/local.yaml\"]",
                   // ../values-prod.yaml leaves R from R, is absent from the chart's folder, and from
                   // the Markdown file's folder (docs/) is R's values-prod.yaml.
                   "docs/X.md:7 install release=c chart=k8s/visits "
                   "values=[\"k8s/visits/local.yaml\",\"values-prod.yaml\"]"}));
}

TEST_F(MarkdownCommandsTest, ValuesFileMissingOrRemote) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits -f k8s/visits/values.yaml -f nope.yaml --set x=1 -n lab15\n"
                "helm install b k8s/visits -f https://example.com/values.yaml\n"
                "helm install c k8s/visits -f ../outside.yaml\n"
                "helm install d k8s/visits -f /etc/hostname\n"
                "helm install e k8s/visits -f " + std::string(5000, 'v') + "\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install ignored=values-file-missing nope.yaml",
                   "k8s/STATEFULSET.md:3 install ignored=remote-values",
                   "k8s/STATEFULSET.md:4 install ignored=values-file-missing ../outside.yaml",
                   "k8s/STATEFULSET.md:5 install ignored=values-file-missing /etc/hostname",
                   // Longer than a file name may be: missing, not an exception.
                   "k8s/STATEFULSET.md:6 install ignored=values-file-missing " + std::string(5000, 'v')}));
}

TEST_F(MarkdownCommandsTest, SetFamiliesAndSetFilePaths) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits --set-json 'r={\"cpu\":1}' --set-literal l=a,b --set x=1,y=2 "
                "--set-file conf=k8s/visits/values.yaml,more=values-prod.yaml\n"
                "helm install b k8s/visits --set-file conf=absent.txt\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=a chart=k8s/visits set=[\"x=1,y=2\"] "
                   "set_file=[\"conf=k8s/visits/values.yaml,more=k8s/visits/values-prod.yaml\"] "
                   "set_json=[\"r={\\\"cpu\\\":1}\"] set_literal=[\"l=a,b\"]",
                   "k8s/STATEFULSET.md:3 install ignored=values-file-missing absent.txt"}));
}

TEST_F(MarkdownCommandsTest, DryRunTakesAValueOnlyWithEquals) {
  EXPECT_EQ(run("```bash\n"
                "helm template a k8s/visits --dry-run\n"
                "helm install b k8s/visits --dry-run=server\n"
                "helm template c k8s/visits --dry-run server\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 template release=a chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 install release=b chart=k8s/visits",
                   "k8s/STATEFULSET.md:4 template ignored=too-many-arguments"}));
}

TEST_F(MarkdownCommandsTest, UpgradeInstallAnywhere) {
  EXPECT_EQ(run("```bash\n"
                "helm upgrade -i a k8s/visits\n"
                "helm upgrade b k8s/visits --install\n"
                "helm upgrade c k8s/visits --install=false\n"
                "helm upgrade --atomic -wi d k8s/visits\n"
                "helm upgrade e k8s/visits\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 upgrade --install release=a chart=k8s/visits",
                   "k8s/STATEFULSET.md:3 upgrade --install release=b chart=k8s/visits",
                   "k8s/STATEFULSET.md:4 upgrade release=c chart=k8s/visits",
                   "k8s/STATEFULSET.md:5 upgrade --install release=d chart=k8s/visits",
                   "k8s/STATEFULSET.md:6 upgrade release=e chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, PositionalCounts) {
  EXPECT_EQ(run("```bash\n"
                "helm template k8s/web\n"
                "helm template\n"
                "helm template a b c\n"
                "helm install a b c\n"
                "helm install k8s/visits\n"
                "helm install -g k8s/visits\n"
                "helm install --generate-name x k8s/visits\n"
                "helm upgrade k8s/visits\n"
                "helm upgrade -- a k8s/visits\n"
                "```\n"),
            (Lines{// One positional is the chart; no NAME given (§10 names the release).
                   "k8s/STATEFULSET.md:2 template chart=k8s/web",
                   "k8s/STATEFULSET.md:3 template ignored=no-chart",
                   "k8s/STATEFULSET.md:4 template ignored=too-many-arguments",
                   "k8s/STATEFULSET.md:5 install ignored=too-many-arguments",
                   "k8s/STATEFULSET.md:6 install ignored=no-chart",
                   "k8s/STATEFULSET.md:7 install chart=k8s/visits",
                   "k8s/STATEFULSET.md:8 install ignored=too-many-arguments",
                   "k8s/STATEFULSET.md:9 upgrade ignored=no-chart",
                   "k8s/STATEFULSET.md:10 upgrade release=a chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, ChartNotInRepository) {
  EXPECT_EQ(run("```bash\n"
                "helm install a oci://registry-1.docker.io/bitnamicharts/visits\n"
                "helm install b https://example.com/visits-1.0.0.tgz\n"
                "helm install c visits-0.1.0.tgz\n"
                "helm install d bitnami/visits\n"
                "helm install e k8s/nothing\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install ignored=chart-not-in-repository "
                   "chart=oci://registry-1.docker.io/bitnamicharts/visits",
                   "k8s/STATEFULSET.md:3 install ignored=chart-not-in-repository chart=https://example.com/visits-1.0.0.tgz",
                   "k8s/STATEFULSET.md:4 install ignored=chart-not-in-repository chart=visits-0.1.0.tgz",
                   // bitnami is no folder: a repository's chart, even with our chart's name.
                   "k8s/STATEFULSET.md:5 install ignored=chart-not-in-repository chart=bitnami/visits",
                   "k8s/STATEFULSET.md:6 install ignored=chart-not-in-repository chart=k8s/nothing"}));
}

TEST_F(MarkdownCommandsTest, ChartResolvedByPathThenByName) {
  EXPECT_EQ(run("```bash\n"
                "helm install a visits\n"
                "helm install b counter\n"
                "helm install c /home/me/repo/k8s/web/\n"
                "helm install d ./k8s/visits/\n"
                "helm install e web\n"
                "```\n",
                "docs/X.md"),
            (Lines{"docs/X.md:2 install release=a chart=k8s/visits (by name)",
                   "docs/X.md:3 install release=b chart=k8s/web (by name)",
                   "docs/X.md:4 install release=c chart=k8s/web (by name)",
                   "docs/X.md:5 install release=d chart=k8s/visits",
                   "docs/X.md:6 install release=e chart=k8s/web (by name)"}));
  // The Markdown file's folder is the last place tried: k8s/ + visits.
  EXPECT_EQ(run("```bash\nhelm install a visits\n```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=a chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, ChartFoldersTriedInOrder) {
  write("visits/Chart.yaml", "apiVersion: v2\nname: root-visits\n");
  write("docs/visits/Chart.yaml", "apiVersion: v2\nname: doc-visits\n");
  charts_.push_back({"visits", "root-visits"});
  charts_.push_back({"docs/visits", "doc-visits"});
  EXPECT_EQ(run("```bash\n"
                "helm install a visits\n"
                "cd k8s\n"
                "helm install b visits\n"
                "cd ../docs\n"
                "helm install c visits\n"
                "```\n"
                "```bash\n"
                "cd\n"
                "helm install d visits\n"
                "```\n",
                "docs/X.md"),
            (Lines{// R before the Markdown file's folder; the block's folder before R.
                   "docs/X.md:2 install release=a chart=visits",
                   "docs/X.md:3 cd ignored=changes-folder folder=k8s",
                   "docs/X.md:4 install release=b chart=k8s/visits",
                   "docs/X.md:5 cd ignored=changes-folder folder=docs",
                   "docs/X.md:6 install release=c chart=docs/visits",
                   "docs/X.md:9 cd ignored=changes-folder",
                   "docs/X.md:10 install release=d chart=visits"}));
}

TEST_F(MarkdownCommandsTest, NameOfTwoChartsResolvesNothing) {
  write("k8s/visits-v2/Chart.yaml", "apiVersion: v2\nname: visits\n");
  charts_.push_back({"k8s/visits-v2", "visits"});
  EXPECT_EQ(run("```bash\nhelm install a visits\n```\n", "README.md"),
            (Lines{"README.md:2 install ignored=chart-not-in-repository chart=visits"}));
}

TEST_F(MarkdownCommandsTest, PostRenderer) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits --post-renderer ./kustomize.sh\n"
                "helm template b k8s/visits --post-renderer=./kustomize.sh --post-renderer-args x\n"
                "helm install c k8s/visits --post-renderer-args x\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install ignored=post-renderer",
                   "k8s/STATEFULSET.md:3 template ignored=post-renderer",
                   "k8s/STATEFULSET.md:4 install release=c chart=k8s/visits"}));
}

TEST_F(MarkdownCommandsTest, CdChangesTheBlocksFolder) {
  EXPECT_EQ(run("```bash\n"
                "cd k8s\n"
                "helm install a ./visits -f visits/values-prod.yaml\n"
                "cd visits\n"
                "helm install b . -f values-sts.yaml\n"
                "cd ../..\n"
                "helm install c k8s/web\n"
                "cd k8s/visits && helm install d .\n"
                "```\n"
                "```bash\n"
                "helm install e .\n"
                "```\n",
                "docs/X.md"),
            (Lines{"docs/X.md:2 cd ignored=changes-folder folder=k8s",
                   "docs/X.md:3 install release=a chart=k8s/visits values=[\"k8s/visits/values-prod.yaml\"]",
                   "docs/X.md:4 cd ignored=changes-folder folder=k8s/visits",
                   "docs/X.md:5 install release=b chart=k8s/visits values=[\"k8s/visits/values-sts.yaml\"]",
                   "docs/X.md:6 cd ignored=changes-folder folder=.",
                   "docs/X.md:7 install release=c chart=k8s/web",
                   "docs/X.md:8 cd ignored=changes-folder folder=k8s/visits",
                   "docs/X.md:8 install release=d chart=k8s/visits",
                   // A new block starts at R again: "." is no chart there.
                   "docs/X.md:11 install ignored=chart-not-in-repository chart=."}));
}

TEST_F(MarkdownCommandsTest, UnknownCdLeavesOnlyTheFallbacks) {
  // Folders named as the shell would expand: never what `cd ~` or `cd $DIR` means.
  write("~/keep", "");
  write("$DIR/keep", "");
  std::string md;
  for (const char* cd : {"cd", "cd ~", "cd -", "cd ../..", "cd $DIR", "cd nothing-here", "cd /home/me/repo",
                         "cd k8s web"})
    md += std::string("```bash\n") + cd + "\nhelm install a visits\n```\n";
  md += "```bash\ncd\ncd k8s\nhelm install b ./k8s/web\nhelm install c visits\n```\n";
  std::vector<std::string> expected;
  for (int block = 0; block < 8; ++block) {
    expected.push_back("docs/X.md:" + std::to_string(4 * block + 2) + " cd ignored=changes-folder");
    expected.push_back("docs/X.md:" + std::to_string(4 * block + 3) + " install release=a chart=k8s/visits (by name)");
  }
  // Relative to an unknown folder is unknown; R and the file's folder still count.
  expected.insert(expected.end(), {"docs/X.md:34 cd ignored=changes-folder", "docs/X.md:35 cd ignored=changes-folder",
                                   "docs/X.md:36 install release=b chart=k8s/web",
                                   "docs/X.md:37 install release=c chart=k8s/visits (by name)"});
  EXPECT_EQ(run(md, "docs/X.md"), expected);
}

TEST_F(MarkdownCommandsTest, VerbsAndCommandWords) {
  EXPECT_EQ(run("```bash\n"
                "helm dep up k8s/visits\n"
                "helm dependency build k8s/visits\n"
                "helm repo add bitnami https://charts.bitnami.com/bitnami\n"
                "helm lint k8s/visits\n"
                "helm --kube-context kind install a k8s/visits\n"
                "HELM_DEBUG=1 /usr/local/bin/helm install b k8s/visits\n"
                "kubectl apply -f k8s/visits/values.yaml\n"
                "sudo helm install c k8s/visits\n"
                "helm\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 dependency up ignored=not-a-render",
                   "k8s/STATEFULSET.md:3 dependency build ignored=not-a-render",
                   "k8s/STATEFULSET.md:4 repo add ignored=not-a-render",
                   "k8s/STATEFULSET.md:5 lint ignored=not-a-render",
                   "k8s/STATEFULSET.md:6 install release=a chart=k8s/visits",
                   "k8s/STATEFULSET.md:7 install release=b chart=k8s/visits",
                   "k8s/STATEFULSET.md:10  ignored=not-a-render"}));
}

TEST_F(MarkdownCommandsTest, NamespaceTheLastOneWins) {
  EXPECT_EQ(run("```bash\n"
                "helm install a k8s/visits -n lab15\n"
                "helm install b k8s/visits --namespace=lab15 --create-namespace -nlab16\n"
                "```\n"),
            (Lines{"k8s/STATEFULSET.md:2 install release=a chart=k8s/visits namespace=lab15",
                   "k8s/STATEFULSET.md:3 install release=b chart=k8s/visits namespace=lab16"}));
}

// ---- §5.1 bounds -----------------------------------------------------------

TEST_F(MarkdownCommandsTest, AtMostOneHundredCommands) {
  std::string md = "```bash\n";
  for (int i = 0; i < 150; ++i) md += "helm lint k8s/visits\n";
  std::vector<std::string> got = run(md + "```\n");
  ASSERT_EQ(got.size(), 100u);
  EXPECT_EQ(got.back(), "k8s/STATEFULSET.md:101 lint ignored=not-a-render");
}

TEST_F(MarkdownCommandsTest, AtMostTwoHundredFiles) {
  std::vector<std::string> files;
  for (int i = 0; i < 201; ++i) {
    files.push_back("docs/" + std::to_string(1000 + i) + ".md");
    write(files.back(), "```\nhelm lint k8s/visits\n```\n");
  }
  std::vector<std::string> got = describe(markdown_commands(root_.string(), files, charts_));
  ASSERT_EQ(got.size(), 100u);  // the command bound first…
  EXPECT_EQ(got.back(), "docs/1099.md:2 lint ignored=not-a-render");
  // …then the file bound: file 201 is not read.
  for (int i = 0; i < 201; ++i) write(files[i], i < 40 || i >= 199 ? "```\nhelm lint k8s/visits\n```\n" : "no code\n");
  got = describe(markdown_commands(root_.string(), files, charts_));
  ASSERT_EQ(got.size(), 41u);
  EXPECT_EQ(got.back(), "docs/1199.md:2 lint ignored=not-a-render");
}

TEST_F(MarkdownCommandsTest, OnlyTheFirstMebibyteOfAFile) {
  const size_t mib = size_t{1} << 20;
  const std::string command = "helm template a k8s/visits";
  // The padding line puts the command's last byte at `last`.
  auto file = [&](size_t last) {
    std::string head = "```\nhelm lint k8s/visits\n";
    return head + std::string(last - head.size() - command.size(), 'x') + "\n" + command + "\n```\n";
  };
  EXPECT_EQ(run(file(mib - 1)), (Lines{"k8s/STATEFULSET.md:2 lint ignored=not-a-render",
                                       "k8s/STATEFULSET.md:4 template release=a chart=k8s/visits"}));
  EXPECT_EQ(run(file(mib)), (Lines{"k8s/STATEFULSET.md:2 lint ignored=not-a-render",
                                   "k8s/STATEFULSET.md:4 template ignored=chart-not-in-repository chart=k8s/visit"}));
  EXPECT_EQ(run(file(mib + command.size())), (Lines{"k8s/STATEFULSET.md:2 lint ignored=not-a-render"}));
}

TEST_F(MarkdownCommandsTest, MissingFileIsSkipped) {
  write("k8s/STATEFULSET.md", "```\nhelm lint k8s/visits\n```\n");
  EXPECT_EQ(describe(markdown_commands(root_.string(), {"gone.md", "k8s/STATEFULSET.md"}, charts_)),
            (Lines{"k8s/STATEFULSET.md:2 lint ignored=not-a-render"}));
}

}  // namespace
}  // namespace sts::discovery
