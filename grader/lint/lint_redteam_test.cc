// The red-team corpus (tests/redteam): every case folder is read the way
// `grade` reads it and checked by the isolation policy, and its findings are
// compared, both ways, with tests/redteam/expected.yaml: a hostile case must
// be refused with exactly its rule at its line, a benign look-alike must be
// accepted. Attacks that cannot live in git (FIFOs, a git repository with a
// smudge filter, megabyte-sized bombs) are generated below.
#include <gtest/gtest.h>
#include "source_paths.h"
#include <yaml-cpp/yaml.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "grader/submission/isolation.h"
#include "grader/cluster/kubectl.h"
#include "grader/lint/lint.h"
#include "grader/lint/lint_tools_for_tests.h"
#include "grader/batch/roster.h"
#include "grader/submission/submission_source.h"

namespace fs = std::filesystem;

namespace sts {
namespace {

const std::string kCorpus = std::string(STS_SOURCE_DIR) + "/tests/redteam";

SubmissionOptions tools() {
  SubmissionOptions o;
  o.helm = testing_tools::helm();
  o.kubectl = testing_tools::kubectl();
  return o;
}

std::string rel(const std::string& file, const std::string& dir) {
  return file.rfind(dir + "/", 0) == 0 ? file.substr(dir.size() + 1) : file == dir ? "." : file;
}

// "file:line: rule" for everything the reader or the policy refuses.
std::vector<std::string> findings(const std::string& dir, const SubmissionOptions& o = tools()) {
  std::vector<std::string> out;
  try {
    std::vector<Manifest> ms = read_submission(dir, o);
    for (const PolicyViolation& v : find_policy_violations(ms))
      out.push_back(rel(v.pos.file, dir) + ":" + std::to_string(v.pos.line) + ": " + v.rule);
    if (out.empty()) place(ms, "sts-grader-test");  // accepted means placed, too
  } catch (const SubmissionRefused& e) {
    out.push_back(rel(e.pos.file, dir) + ":" + std::to_string(e.pos.line) + ": " + e.rule);
  } catch (const ManifestError& e) {
    Diagnostic d = parse_diagnostic(e.what());
    out.push_back(rel(d.pos.file, dir) + ":" + std::to_string(d.pos.line) + ": parse");
  }
  return out;
}

struct Case {
  std::vector<std::string> expected;  // empty: accepted
  bool needs_helm = false;
};

std::map<std::string, Case> expected_cases() {
  std::map<std::string, Case> out;
  YAML::Node root = YAML::LoadFile(kCorpus + "/expected.yaml");
  for (const auto& kv : root) {
    Case c;
    YAML::Node list = kv.second;
    if (list.IsMap()) {
      c.needs_helm = list["needs"] && list["needs"].as<std::string>() == "helm";
      list = list["findings"];
    }
    if (list.IsScalar() && list.as<std::string>() == "accepted") {
    } else if (list.IsSequence()) {
      for (const auto& f : list) c.expected.push_back(f.as<std::string>());
    } else {
      ADD_FAILURE() << kv.first.as<std::string>() << ": expected `accepted` or a list of \"file:line: rule\"";
    }
    out[kv.first.as<std::string>()] = c;
  }
  return out;
}

TEST(RedTeam, EveryCaseHasItsExactOutcome) {
  std::map<std::string, Case> cases = expected_cases();
  std::set<std::string> folders;
  std::error_code ec;
  for (fs::directory_iterator e(kCorpus + "/cases", ec); !ec && e != fs::directory_iterator(); e.increment(ec))
    folders.insert(e->path().filename().string());
  for (const std::string& f : folders) EXPECT_TRUE(cases.count(f)) << f << " has no entry in tests/redteam/expected.yaml";
  size_t hostile = 0, benign = 0, skipped = 0;
  const bool have_helm = !testing_tools::helm().empty();
  for (const auto& [name, c] : cases) {
    EXPECT_TRUE(folders.count(name)) << name << ": no folder tests/redteam/cases/" << name;
    if (c.needs_helm && !have_helm) {
      ++skipped;
      continue;
    }
    const std::string dir = kCorpus + "/cases/" + name;
    std::vector<std::string> got = findings(dir);
    std::string all;
    for (const auto& g : got) all += "\n  " + g;
    EXPECT_EQ(got, c.expected) << name << " found:" << all;
    (c.expected.empty() ? benign : hostile)++;
  }
  EXPECT_GE(hostile + benign + skipped, 60u);
  EXPECT_GE(benign, 10u);
  if (skipped) std::printf("[redteam] %zu helm cases skipped: %s\n", skipped, testing_tools::kNoHelm);
}

// Every rule the corpus names is documented.
TEST(RedTeam, EveryRuleIsDocumented) {
  std::ifstream in(std::string(STS_SOURCE_DIR) + "/docs/lint-rules.md");
  std::stringstream doc;
  doc << in.rdbuf();
  std::set<std::string> rules;
  for (const auto& [name, c] : expected_cases())
    for (const std::string& f : c.expected) rules.insert(f.substr(f.rfind(' ') + 1));
  for (const std::string& r : rules) {
    if (r != "parse") EXPECT_NE(doc.str().find("`" + r + "`"), std::string::npos) << r << " not in docs/lint-rules.md";
  }
}

// Lint refuses them too: the "policy" rule, exit as `grade` would (not gradable).
TEST(RedTeam, LintReportsPolicyWithTheRuleId) {
  std::vector<Manifest> ms = read_submission(kCorpus + "/cases/host-port", tools());
  std::vector<Diagnostic> ds = lint(ms);
  auto it = std::find_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.rule == "policy"; });
  ASSERT_NE(it, ds.end());
  EXPECT_NE(it->message.find("policy/host-port"), std::string::npos) << it->message;
  EXPECT_EQ(it->pos.line, 11);
}

// The subject of an accepted binding names the grading namespace afterwards,
// never a real namespace of that name (another class's, say).
TEST(RedTeam, BindingSubjectsMoveWithTheirObjects) {
  for (const char* name : {"ok-own-role", "ok-binding-default-namespace"}) {
    Placement p = place(read_submission(kCorpus + "/cases/" + name, tools()), "sts-grader-x");
    size_t bindings = 0;
    for (const Manifest& m : p.objects)
      if (m.kind() == "RoleBinding") {
        ++bindings;
        EXPECT_EQ(m.object["subjects"][0]["namespace"], "sts-grader-x") << name;
      }
    EXPECT_EQ(bindings, 1u) << name;
  }
}

class TempDir {
 public:
  TempDir() {
    std::string t = (fs::temp_directory_path() / "sts-redteam-XXXXXX").string();
    EXPECT_NE(mkdtemp(t.data()), nullptr);
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel_path, const std::string& text) const {
    fs::create_directories((fs::path(path) / rel_path).parent_path());
    std::ofstream(fs::path(path) / rel_path, std::ios::binary) << text;
  }
  std::string path;
};

const char* kConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";

TEST(RedTeam, FifoIsRefusedWithoutHanging) {
  TempDir d;
  d.write("cm.yaml", kConfigMap);
  ASSERT_EQ(mkfifo((d.path + "/pipe.yaml").c_str(), 0644), 0);
  EXPECT_EQ(findings(d.path), std::vector<std::string>{"pipe.yaml:0: source/special-file"});
}

TEST(RedTeam, SocketIsRefused) {
  TempDir d;
  d.write("cm.yaml", kConfigMap);
  const std::string sock = d.path + "/s.yaml";
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(findings(d.path), std::vector<std::string>{"s.yaml:0: source/special-file"});
  close(fd);
}

TEST(RedTeam, SymlinkLoopInsideAChartIsRefusedBeforeHelm) {
  TempDir d;
  d.write("chart/Chart.yaml", "apiVersion: v2\nname: x\nversion: 0.1.0\n");
  fs::create_symlink("b", d.path + "/chart/templates");
  fs::create_symlink("templates", d.path + "/chart/b");
  SubmissionOptions o;
  o.helm = "/nonexistent/helm";  // never run: the tree is refused first
  std::vector<std::string> got = findings(d.path, o);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("source/symlink-loop"), std::string::npos) << got[0];
}

TEST(RedTeam, AliasBombIsBoundedInBytes) {
  TempDir d;
  // 600 KB of text aliased 4096 times: 2.4 GB if expanded.
  std::string y = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nx-a: &a \"" + std::string(600000, 'x') + "\"\n";
  y += "x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n";
  y += "x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ndata: {v: [*d, *d, *d, *d, *d, *d, *d, *d]}\n";
  d.write("bomb.yaml", y);
  std::vector<std::string> got = findings(d.path);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("bomb.yaml:"), std::string::npos);
  EXPECT_NE(got[0].find("source/yaml-expansion"), std::string::npos) << got[0];
}

TEST(RedTeam, FileAndTreeSizeBounds) {
  TempDir big;
  big.write("cm.yaml", kConfigMap);
  big.write("blob.yaml", std::string(5u << 20, '#'));
  EXPECT_EQ(findings(big.path), std::vector<std::string>{"blob.yaml:0: source/file-too-large"});
  TempDir many;
  for (int i = 0; i < 30; ++i) many.write("f" + std::to_string(i) + ".yaml", kConfigMap);
  SubmissionOptions o = tools();
  o.limits.max_files = 20;
  EXPECT_EQ(findings(many.path, o), std::vector<std::string>{".:0: source/too-many-files"});
  o.limits.max_files = 2000;
  o.limits.max_total_bytes = 1000;
  EXPECT_EQ(findings(many.path, o), std::vector<std::string>{".:0: source/too-large"});
}

TEST(RedTeam, ObjectCountIsBounded) {
  TempDir d;
  std::string y;
  for (int i = 0; i < 150; ++i) y += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\n";
  d.write("many.yaml", y);
  std::vector<std::string> got = findings(d.path);
  EXPECT_EQ(got, std::vector<std::string>{"many.yaml:402: policy/bounds"});  // the 101st object
}

bool sh(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }

// A student's repository whose config and attributes define a smudge filter
// (and a hook, an fsmonitor, an alternates file): extracting it must run
// none, and must not read objects from elsewhere.
TEST(RedTeam, GitExtractionRunsNothingOfTheRepository) {
  TempDir d;
  const std::string repo = d.path + "/student", marker = d.path + "/PWNED", dest = d.path + "/out";
  ASSERT_TRUE(sh("git init -q -b main " + repo + " && cd " + repo +
                 " && git config user.email s@x && git config user.name s"
                 " && printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: c}\\n' > cm.yaml"
                 " && printf '*.yaml filter=pwn\\n' > .gitattributes && mkdir k8s && cp cm.yaml k8s/"
                 " && ln -s ../cm.yaml k8s/link.yaml"
                 " && git add -A && git commit -q -m s"));
  const std::string evil = "touch " + marker;
  ASSERT_TRUE(sh("cd " + repo + " && git config filter.pwn.smudge '" + evil + "; cat'" +
                 " && git config filter.pwn.clean '" + evil + "; cat' && git config filter.pwn.process '" + evil + "'" +
                 " && git config core.fsmonitor '" + evil + "'" +
                 " && git config include.path /etc/gitconfig-none"
                 " && mkdir -p .git/hooks && printf '#!/bin/sh\\n" + evil + "\\n' > .git/hooks/post-checkout"
                 " && chmod +x .git/hooks/post-checkout"));
  ASSERT_FALSE(fs::exists(marker));
  fs::create_directories(dest);
  EXPECT_EQ(extract_git_tree(repo, "main", dest), "");
  EXPECT_FALSE(fs::exists(marker)) << "a filter, hook or fsmonitor of the student's repository ran";
  std::ifstream in(dest + "/cm.yaml");
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "apiVersion: v1");
  EXPECT_TRUE(fs::is_symlink(dest + "/k8s/link.yaml"));
  std::string err;
  EXPECT_FALSE(git_tree_id(repo, "main:k8s", &err).empty()) << err;
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_TRUE(git_tree_id(repo, "no-such-ref", &err).empty());
  EXPECT_NE(err.find("no-such-ref"), std::string::npos);
  // What was extracted reads as a submission: its in-tree link is fine, but
  // graded as k8s/ alone the same link leaves the submission.
  EXPECT_EQ(findings(dest), std::vector<std::string>{});
  EXPECT_EQ(findings(dest + "/k8s"), std::vector<std::string>{"link.yaml:0: source/symlink-outside"});
}

// A git symlink to a file of the grading machine lands as a link, and the
// reader refuses it: nothing outside is ever read.
TEST(RedTeam, GitSymlinkOutsideIsRefusedByTheReader) {
  TempDir d;
  const std::string repo = d.path + "/student", dest = d.path + "/out";
  ASSERT_TRUE(sh("git init -q -b main " + repo + " && cd " + repo +
                 " && git config user.email s@x && git config user.name s"
                 " && printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: c}\\n' > cm.yaml"
                 " && ln -s /etc/passwd passwd.yaml && git add -A && git commit -q -m s"));
  fs::create_directories(dest);
  EXPECT_EQ(extract_git_tree(repo, "main", dest), "");
  EXPECT_EQ(findings(dest), std::vector<std::string>{"passwd.yaml:0: source/symlink-outside"});
}

}  // namespace
}  // namespace sts
