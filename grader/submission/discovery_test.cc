// Submission discovery against its contract: every repository of
// examples/repositories/ read with the pinned helm (offline), compared with
// its entry of examples/repositories/expected.yaml — units and their status,
// dependencies, attempts (source, values, flags, result, objects), what was
// not tried, the reading, and the refusal of those that are not gradable.
// Not compared here: images, app facts, hooks and warnings (§12–§15, §18 are
// not implemented yet; the expected fields stay the contract for them).
#include "grader/submission/discovery.h"
#include "source_paths.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "grader/lint/lint_tools_for_tests.h"
#include "grader/submission/submission_source.h"

namespace fs = std::filesystem;

namespace sts::discovery {
namespace {

const std::string kRepos = std::string(STS_SOURCE_DIR) + "/examples/repositories";

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : ""; }

std::vector<std::string> json_strings(const Json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const Json& x : j) out.push_back(x.get<std::string>());
  return out;
}

std::string json_text(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

struct Scratch {
  std::string path;
  Scratch() {
    std::string t = (fs::temp_directory_path() / "sts-discovery-test-XXXXXX").string();
    path = ::mkdtemp(t.data()) ? t : "";
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

Discovery run(const std::string& repo, const YAML::Node& roster, const std::string& helm, const Scratch& s) {
  SubmissionOptions o;
  o.helm = helm;
  DiscoverOptions d;
  if (roster) {
    d.overrides.chart = text(roster["chart"]);
    d.overrides.chart_from = "roster";
    d.overrides.values = strings(roster["values"]);
    d.overrides.set = strings(roster["set"]);
    d.overrides.set_string = strings(roster["set_string"]);
    d.overrides.values_given =
        !d.overrides.values.empty() || !d.overrides.set.empty() || !d.overrides.set_string.empty();
    d.overrides.release = text(roster["release"]);
    d.overrides.release_from = "roster";
  }
  d.scratch = s.path;
  d.tools = helm_tools(o, s.path);
  return discover(kRepos + "/" + repo, d);
}

void compare_units(const std::string& name, const YAML::Node& want, const Json& got) {
  ASSERT_EQ(got.size(), want.size()) << name << ": units\n" << got.dump(1);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(json_text(got[i], "path"), text(want[i]["path"])) << name << " unit " << i;
    EXPECT_EQ(json_text(got[i], "kind"), text(want[i]["kind"])) << name << " unit " << i;
    EXPECT_EQ(json_text(got[i], "status"), text(want[i]["status"])) << name << " unit " << text(want[i]["path"]);
    if (want[i]["why"]) {
      EXPECT_EQ(json_text(got[i], "why"), text(want[i]["why"])) << name << " unit " << i;
    }
  }
}

void compare_attempts(const std::string& name, const YAML::Node& want, const Json& got) {
  ASSERT_EQ(got.size(), want ? want.size() : 0) << name << ": attempts\n" << got.dump(1);
  for (size_t i = 0; want && i < want.size(); ++i) {
    const YAML::Node& w = want[i];
    const Json& g = got[i];
    const std::string at = name + " attempt " + std::to_string(i + 1);
    EXPECT_EQ(json_text(g, "chart"), text(w["chart"])) << at;
    EXPECT_EQ(json_text(g, "source"), text(w["source"])) << at;
    EXPECT_EQ(json_text(g, "origin"), text(w["origin"])) << at;
    EXPECT_EQ(json_text(g, "result"), text(w["result"])) << at;
    if (w["values"]) {
      EXPECT_EQ(json_strings(g.value("values", Json::array())), strings(w["values"])) << at;
    }
    EXPECT_EQ(json_strings(g.value("set", Json::array())), strings(w["set"])) << at;
    EXPECT_EQ(json_strings(g.value("set_string", Json::array())), strings(w["set_string"])) << at;
    if (w["objects"]) {
      EXPECT_EQ(json_strings(g.value("objects", Json::array())), strings(w["objects"])) << at;
    }
    if (w["same_as"]) {
      EXPECT_EQ(g.value("same_as", 0), w["same_as"].as<int>()) << at;
    }
    if (w["error"]) {
      EXPECT_EQ(json_text(g, "error"), text(w["error"])) << at;
    }
  }
}

void compare_reading(const std::string& name, const YAML::Node& w, const Json& g) {
  for (const char* key : {"chart", "chart_from", "release", "release_from", "source", "origin", "bonus", "report"})
    EXPECT_EQ(json_text(g, key), text(w[key])) << name << " reading." << key;
  for (const char* key : {"values", "set", "set_string", "objects"})
    EXPECT_EQ(json_strings(g.value(key, Json::array())), strings(w[key])) << name << " reading." << key;
  const YAML::Node& sts = w["statefulset"];
  ASSERT_TRUE(sts) << name;
  EXPECT_EQ(str_at(g, {"statefulset", "name"}), text(sts["name"])) << name;
  EXPECT_EQ(g["statefulset"].value("replicas", 0), sts["replicas"].as<int>()) << name;
  EXPECT_EQ(str_at(g, {"statefulset", "update_strategy"}), text(sts["update_strategy"])) << name;
}

TEST(Discovery, ReadsEveryExampleRepositoryAsExpected) {
  const std::string helm = testing_tools::helm();
  if (helm.empty()) FAIL() << testing_tools::kNoHelm;
  const YAML::Node expected = YAML::LoadFile(kRepos + "/expected.yaml");
  size_t checked = 0;
  for (const auto& entry : expected["repositories"]) {
    const std::string name = entry.first.as<std::string>();
    const YAML::Node& e = entry.second;
    SCOPED_TRACE(name);
    Scratch scratch;
    const Discovery d = run(name, e["roster"], helm, scratch);
    const Json j = d.to_json();
    compare_units(name, e["units"], j["units"]);
    compare_attempts(name, e["attempts"], j["attempts"]);
    // Dependencies: name and how each is resolved.
    const YAML::Node& deps = e["dependencies"];
    ASSERT_EQ(j["dependencies"].size(), deps ? deps.size() : 0) << name << "\n" << j["dependencies"].dump(1);
    for (size_t i = 0; deps && i < deps.size(); ++i)
      for (const char* key : {"chart", "name", "version", "repository", "from", "built_from", "missing", "at"})
        EXPECT_EQ(json_text(j["dependencies"][i], key), text(deps[i][key])) << name << " dependency " << i << " " << key;
    std::set<std::pair<std::string, std::string>> want_nt, got_nt;
    for (const auto& n : e["not_tried"]) want_nt.insert({text(n["file"]), text(n["why"])});
    for (const Json& n : j["not_tried"]) got_nt.insert({json_text(n, "file"), json_text(n, "why")});
    EXPECT_EQ(got_nt, want_nt) << name << ": not_tried";
    EXPECT_EQ(json_strings(j["not_kubernetes"]), strings(e["not_kubernetes"])) << name;
    EXPECT_EQ(json_strings(j["broken_manifests"]), strings(e["broken_manifests"])) << name;
    const YAML::Node& outcome = e["outcome"];
    const bool static_refusal = !e["reading"] && text(outcome["status"]) == "not-gradable";
    if (e["reading"]) {
      ASSERT_TRUE(d.reading.has_value()) << name << ": refused: " << d.refusal;
      compare_reading(name, e["reading"], j["reading"]);
    } else if (static_refusal) {
      ASSERT_FALSE(d.reading.has_value()) << name << ": read " << j["reading"].dump();
      for (const auto& s : outcome["reason_contains"])
        EXPECT_NE(d.refusal.find(s.as<std::string>()), std::string::npos) << name << ": " << s << " in\n" << d.refusal;
      if (outcome["reason_at"]) {
        EXPECT_NE(d.refusal.find(text(outcome["reason_at"]) + ":"), std::string::npos) << name << ": " << d.refusal;
      }
    }
    // Without the roster's chart column the refusal is discovery's own; the
    // image refusals of the others come from the cluster (preflight, pulls).
    if (e["outcome_without_roster"] && e["roster"]["chart"]) {
      Scratch again;
      const Discovery bare = run(name, YAML::Node(), helm, again);
      EXPECT_FALSE(bare.reading.has_value()) << name << " without its roster row";
      for (const auto& s : e["outcome_without_roster"]["reason_contains"])
        EXPECT_NE(bare.refusal.find(s.as<std::string>()), std::string::npos) << name << ": " << s << " in\n"
                                                                              << bare.refusal;
    }
    ++checked;
  }
  EXPECT_GE(checked, 15u);
}

// The scratch copy where a file:// dependency is built leaves the repository
// untouched: no charts/ folder appears in the submission.
TEST(Discovery, BuildsAFileDependencyOutsideTheSubmission) {
  const std::string helm = testing_tools::helm();
  if (helm.empty()) FAIL() << testing_tools::kNoHelm;
  Scratch s;
  const Discovery d = run("library-no-archive", YAML::Node(), helm, s);
  ASSERT_TRUE(d.reading.has_value()) << d.refusal;
  std::error_code ec;
  EXPECT_FALSE(fs::exists(kRepos + "/library-no-archive/k8s/visits/charts", ec));
  EXPECT_EQ(d.render_root, s.path + "/repository");
  // Positions name the submission's files, never the scratch copy.
  for (const Manifest& m : d.manifests) EXPECT_EQ(m.pos.file.rfind(kRepos + "/library-no-archive/", 0), 0u) << m.pos.str();
}

// A plain folder, as Lab 04 students hand in: compose and CI YAML beside the
// manifests are skipped; a lone folder without a StatefulSet is still graded
// (the checks fail it); a broken Kubernetes file beside the StatefulSet is
// the refusal, at its line.
struct Folder {
  Scratch dir;
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((fs::path(dir.path) / rel).parent_path());
    std::ofstream(fs::path(dir.path) / rel) << text;
  }
  Discovery discover_it() const {
    DiscoverOptions o;
    o.tools.helm_template = [](const RenderRequest&) -> Rendered { throw std::logic_error("no chart here"); };
    return discover(dir.path, o);
  }
};

const char* kSts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n";

TEST(Discovery, APlainFolderSkipsYamlThatIsNotKubernetes) {
  Folder f;
  f.write("web.yaml", kSts);
  f.write("docker-compose.yml", "services:\n  web:\n    image: x\n");
  f.write(".github/workflows/ci.yml", "on: push\n");
  const Discovery d = f.discover_it();
  ASSERT_TRUE(d.reading.has_value()) << d.refusal;
  EXPECT_EQ(d.reading->kind, "manifests");
  EXPECT_EQ(d.reading->objects, std::vector<std::string>{"StatefulSet/web"});
  EXPECT_EQ(d.walk.not_kubernetes, std::vector<std::string>{"docker-compose.yml"});
  ASSERT_EQ(d.manifests.size(), 1u);
}

TEST(Discovery, ALoneFolderWithoutAStatefulSetIsGradedNotRefused) {
  Folder f;
  f.write("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
  const Discovery d = f.discover_it();
  ASSERT_TRUE(d.reading.has_value()) << d.refusal;
  EXPECT_EQ(d.reading->objects, std::vector<std::string>{"Deployment/web"});
}

TEST(Discovery, ABrokenManifestBesideTheStatefulSetIsTheRefusalAtItsLine) {
  Folder f;
  f.write("web.yaml", kSts);
  f.write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: [a\n");
  const Discovery d = f.discover_it();
  EXPECT_FALSE(d.reading.has_value());
  EXPECT_EQ(d.refusal.rfind(f.dir.path + "/svc.yaml:", 0), 0u) << d.refusal;
  EXPECT_EQ(d.walk.broken_manifests.size(), 1u);
}

}  // namespace
}  // namespace sts::discovery
