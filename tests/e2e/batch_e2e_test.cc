// End-to-end: `sts-grader batch` on the testbed.
//  - A class of the Lab 04 examples graded 4 at a time gets exactly the
//    outcomes of examples/expected.yaml (what grading each alone gives), with
//    gradebook, Gradescope files and class summary in agreement; every grading
//    namespace is gone; nothing else in the cluster changed (snapshot of every
//    other namespace's objects and every cluster-scoped object, before/after).
//  - Ctrl-C in the middle: exit 130, every grading namespace cleaned up; the
//    next run keeps what was graded and grades the rest.
#include <gtest/gtest.h>
#include "source_paths.h"
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "grader/base/json.h"
#include "grader/cluster/kubectl.h"
#include "tests/e2e/testbed_access.h"
#include "grader/batch/roster.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace sts {
namespace {

const std::string kRoot = STS_SOURCE_DIR;
const std::string kRubric = "lab04-section3";

using e2e::kubectl_json;
using e2e::use_testbed;

bool graders(const std::string& ns) { return ns.rfind("sts-grader-", 0) == 0; }

// Every object outside the grader's namespaces: kind/namespace/name -> uid and
// resourceVersion. Left out, because they change without anyone touching the
// cluster: events (both APIs), leases (heartbeats), componentstatuses (not
// objects). Compared by uid and spec instead of resourceVersion, because
// controllers rewrite their status: nodes (heartbeats) and ServiceCIDRs (their
// Ready condition is re-stamped whenever a Service IP is allocated or released
// anywhere, grading namespaces included). Left out because they belong to a
// grading namespace: its objects, the PVs bound to its claims, the IPAddresses
// of its services.
std::map<std::string, std::string> cluster_snapshot() {
  use_testbed();
  ProcessResult r = run_process({"kubectl", "api-resources", "--verbs=list", "-o", "name"}, "", 60s);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::set<std::string> churn = {"events", "events.events.k8s.io", "leases.coordination.k8s.io",
                                       "componentstatuses"};
  std::string kinds;
  std::istringstream in(r.out);
  for (std::string k; std::getline(in, k);)
    if (!k.empty() && !churn.count(k)) kinds += (kinds.empty() ? "" : ",") + k;
  std::map<std::string, std::string> snap;
  // A named list: in a range-for, the temporary of kubectl_json(...)["items"]
  // would die before the loop (C++20 extends only the outermost temporary).
  const Json all = kubectl_json({"get", kinds, "-A"});
  for (const Json& o : all["items"]) {
    std::string kind = str_at(o, {"kind"}), ns = str_at(o, {"metadata", "namespace"}),
                name = str_at(o, {"metadata", "name"});
    if (graders(ns) || (kind == "Namespace" && graders(name))) continue;
    if (kind == "PersistentVolume" && graders(str_at(o, {"spec", "claimRef", "namespace"}))) continue;
    if (kind == "IPAddress" && graders(str_at(o, {"spec", "parentRef", "namespace"}))) continue;
    std::string value = str_at(o, {"metadata", "uid"});
    if (kind == "Node" || kind == "ServiceCIDR")
      value += " spec=" + node_at(o, {"spec"}).dump();
    else
      value += " rv=" + str_at(o, {"metadata", "resourceVersion"});
    snap[kind + "/" + ns + "/" + name] = value;
  }
  EXPECT_GT(snap.size(), 50u) << "the snapshot listed almost nothing: " << kinds;
  return snap;
}

std::string diff(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  std::string d;
  for (const auto& [k, v] : a)
    if (!b.count(k)) d += "gone:    " + k + "\n";
    else if (b.at(k) != v) d += "changed: " + k + " " + v + " -> " + b.at(k) + "\n";
  for (const auto& [k, v] : b)
    if (!a.count(k)) d += "new:     " + k + "\n";
  return d;
}

// Namespaces and PVs of these grading namespaces that still exist.
std::vector<std::string> leftovers(const std::set<std::string>& namespaces) {
  std::vector<std::string> left;
  const Json ns_list = kubectl_json({"get", "namespaces"}), pv_list = kubectl_json({"get", "pv"});
  for (const Json& n : ns_list["items"])
    if (namespaces.count(str_at(n, {"metadata", "name"})))
      left.push_back("namespace " + str_at(n, {"metadata", "name"}));
  for (const Json& pv : pv_list["items"])
    if (namespaces.count(str_at(pv, {"spec", "claimRef", "namespace"})))
      left.push_back("pv " + str_at(pv, {"metadata", "name"}));
  return left;
}

Json read_json(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return Json();
  try {
    return Json::parse(in);
  } catch (const std::exception&) {
    return Json();
  }
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string tail(const std::string& s, size_t n = 4000) { return s.size() > n ? s.substr(s.size() - n) : s; }

// The examples graded with the Lab 04 rubric, in expected.yaml's order.
std::vector<std::string> lab04_examples() {
  std::vector<std::string> names;
  for (const auto& kv : YAML::LoadFile(kRoot + "/examples/expected.yaml")) {
    const YAML::Node rubric = kv.second["rubric"];
    std::string id = rubric ? fs::path(rubric.as<std::string>()).stem().string() : kRubric;
    std::string name = kv.first.as<std::string>();
    if (id == kRubric && fs::is_directory(kRoot + "/examples/submissions/" + name)) names.push_back(name);
  }
  return names;
}

std::string write_roster(const fs::path& dir, const std::vector<std::string>& students) {
  fs::create_directories(dir);
  std::ofstream r(dir / "roster.csv");
  r << "student,submission\n";
  for (const std::string& s : students) r << s << "," << kRoot << "/examples/submissions/" << s << "\n";
  return (dir / "roster.csv").string();
}

// gradebook.csv as student -> column -> cell.
std::map<std::string, std::map<std::string, std::string>> gradebook(const fs::path& file) {
  std::map<std::string, std::map<std::string, std::string>> book;
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = split_csv_line(line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells = split_csv_line(line);
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) book[cells[0]][header[i]] = cells[i];
  }
  return book;
}

// What a student's files must say, given what expected.yaml wants.
void expect_student_matches(const fs::path& out, const std::string& student, const YAML::Node& want,
                            const std::map<std::string, std::string>& row) {
  SCOPED_TRACE(student);
  const fs::path dir = out / "students" / student;
  const int exit_code = want["exit"].as<int>();
  if (exit_code == 2) {
    EXPECT_EQ(row.at("status"), "not-gradable");
    EXPECT_EQ(row.at("score"), "");
    EXPECT_NE(row.at("reason"), "");
    EXPECT_FALSE(fs::exists(dir / "results.json"));
    return;
  }
  EXPECT_EQ(row.at("status"), exit_code == 0 ? "pass" : "fail") << tail(read_text(dir / "grader.log"));
  Json report = read_json(dir / "report.json");
  ASSERT_TRUE(report.is_object()) << "no report.json; " << tail(read_text(dir / "grader.log"));
  std::map<std::string, std::string> got;
  for (const Json& c : report["checks"]) got[c["id"]] = c["status"];
  for (const auto& kv : want["checks"])
    EXPECT_EQ(got[kv.first.as<std::string>()], kv.second.as<std::string>()) << "check " << kv.first.as<std::string>();
  const double earned = report["score"]["earned"].get<double>();
  if (want["earned"]) {
    EXPECT_DOUBLE_EQ(earned, want["earned"].as<double>());
  }
  EXPECT_NEAR(std::stod(row.at("score")), earned, 5e-3);  // two decimals
  EXPECT_TRUE(report["run"]["cleaned_up"].get<bool>());
  // The gradebook's per-check cells and the Gradescope tests say the same.
  Json gs = read_json(dir / "results.json");
  ASSERT_TRUE(gs.is_object()) << "no results.json";
  EXPECT_NEAR(gs["score"].get<double>(), earned, 1e-9);
  ASSERT_EQ(gs["tests"].size(), report["checks"].size());
  for (size_t i = 0; i < report["checks"].size(); ++i) {
    const Json& c = report["checks"][i];
    if (c["manual"].get<bool>()) {  // the instructor's: no score of ours anywhere
      EXPECT_FALSE(gs["tests"][i].contains("score")) << c["id"];
      EXPECT_EQ(gs["tests"][i]["output"], "marked for the instructor") << c["id"];
      if (row.count(c["id"].get<std::string>())) {
        EXPECT_EQ(row.at(c["id"].get<std::string>()), "") << c["id"];
      }
      continue;
    }
    EXPECT_EQ(gs["tests"][i]["status"], c["status"] == "pass" ? "passed" : "failed") << c["id"];
    EXPECT_NEAR(gs["tests"][i]["score"].get<double>(), c["earned"].get<double>(), 1e-9) << c["id"];
    EXPECT_NEAR(std::stod(row.at(c["id"].get<std::string>())), c["earned"].get<double>(), 5e-3) << c["id"];
  }
  // Batch grading bounds each namespace.
  EXPECT_NE(read_text(dir / "grader.log").find("quota: sts-grader-quota and sts-grader-limits in place"),
            std::string::npos);
}

TEST(BatchE2E, ClassOfExamplesFourAtATimeMatchesExpectedAndTouchesNothingElse) {
  use_testbed();
  std::vector<std::string> students = lab04_examples();
  ASSERT_GE(students.size(), 12u);
  const fs::path out = fs::path(STS_E2E_OUT) / "batch-class";
  fs::remove_all(out);
  std::string roster = write_roster(out.parent_path() / "batch-class-roster", students);
  YAML::Node expected = YAML::LoadFile(kRoot + "/examples/expected.yaml");
  bool any_refused = false;
  for (const std::string& s : students) any_refused = any_refused || expected[s]["exit"].as<int>() == 2;

  std::map<std::string, std::string> before = cluster_snapshot();
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process({STS_GRADER_BIN, "batch", roster, "--out", out.string(), "--parallel", "4"},
                                "", 3000s);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, std::string> after = cluster_snapshot();
  printf("batch of %zu examples, --parallel 4: %.1f s wall\n%s", students.size(), wall, r.err.c_str());
  EXPECT_EQ(r.exit_code, any_refused ? 2 : 0) << tail(r.err);

  auto book = gradebook(out / "gradebook.csv");
  ASSERT_EQ(book.size(), students.size());
  std::set<std::string> namespaces;
  int graded = 0, refused = 0;
  for (const std::string& s : students) {
    expect_student_matches(out, s, expected[s], book[s]);
    (expected[s]["exit"].as<int>() == 2 ? refused : graded)++;
    std::string ns = str_at(read_json(out / "students" / s / "batch.json"), {"namespace"});
    if (!ns.empty()) namespaces.insert(ns);
  }
  EXPECT_EQ(namespaces.size(), static_cast<size_t>(graded));
  EXPECT_EQ(leftovers(namespaces), std::vector<std::string>{});
  EXPECT_EQ(diff(before, after), "") << "the batch changed the cluster outside its namespaces";

  std::string summary = read_text(out / "class-summary.md");
  EXPECT_NE(summary.find("| on the roster | " + std::to_string(students.size()) + " |"), std::string::npos) << summary;
  EXPECT_NE(summary.find("| graded | " + std::to_string(graded) + " ("), std::string::npos) << summary;
  EXPECT_NE(summary.find("| not gradable | " + std::to_string(refused) + " |"), std::string::npos) << summary;
  for (const std::string& s : students)
    if (expected[s]["exit"].as<int>() == 2) {
      EXPECT_NE(summary.find("| " + s + " | not-gradable | "), std::string::npos) << s;
    }
  EXPECT_NE(summary.find("## Checks most often failed"), std::string::npos);
}

// The storage flavour of issue 17: every Lab 04 example graded with its claims
// on rancher's local-path-provisioner (WaitForFirstConsumer, PV folders made by
// helper pods after scheduling), as on kind. The `testbed-local-path` fixture
// adds the class beside the default one, so the other tests keep theirs.
TEST(BatchE2E, Lab04ExamplesOnLocalPathStorageMatchExpected) {
  use_testbed();
  const Json sc = kubectl_json({"get", "storageclass", "local-path"});
  ASSERT_EQ(str_at(sc, {"volumeBindingMode"}), "WaitForFirstConsumer") << sc.dump();
  ASSERT_EQ(str_at(sc, {"provisioner"}), "rancher.io/local-path");
  std::vector<std::string> students = lab04_examples();
  ASSERT_GE(students.size(), 12u);
  const fs::path out = fs::path(STS_E2E_OUT) / "batch-local-path";
  fs::remove_all(out);
  std::string roster = write_roster(out.parent_path() / "batch-local-path-roster", students);
  YAML::Node expected = YAML::LoadFile(kRoot + "/examples/expected.yaml");
  bool any_refused = false;
  for (const std::string& s : students) any_refused = any_refused || expected[s]["exit"].as<int>() == 2;
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process({STS_GRADER_BIN, "batch", roster, "--out", out.string(), "--parallel", "4",
                                 "--storage-class", "local-path"},
                                "", 3000s);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("batch of %zu examples on local-path, --parallel 4: %.1f s wall\n%s", students.size(), wall,
         r.err.c_str());
  EXPECT_EQ(r.exit_code, any_refused ? 2 : 0) << tail(r.err);
  auto book = gradebook(out / "gradebook.csv");
  ASSERT_EQ(book.size(), students.size());
  std::set<std::string> namespaces;
  for (const std::string& s : students) {
    expect_student_matches(out, s, expected[s], book[s]);
    if (expected[s]["exit"].as<int>() == 2) continue;
    const Json report = read_json(out / "students" / s / "report.json");
    // Every claim went to local-path, and the report says it was moved there
    // (emptydir-volume, the planted mistake, has no claim to move).
    bool claims = false;
    for (const auto& e : fs::recursive_directory_iterator(kRoot + "/examples/submissions/" + s))
      claims = claims || read_text(e.path()).find("volumeClaimTemplates:") != std::string::npos;
    if (!claims) continue;
    bool moved = false;
    for (const Json& n : node_at(report, {"run", "notes"}))
      moved = moved || n.get<std::string>().find(" -> local-path (--storage-class)") != std::string::npos;
    EXPECT_TRUE(moved) << s << ": " << node_at(report, {"run", "notes"}).dump();
    namespaces.insert(str_at(report, {"run", "namespace"}));
  }
  EXPECT_EQ(leftovers(namespaces), std::vector<std::string>{});
}

// Starts `sts-grader batch` with stderr to a file; returns its pid.
pid_t start_batch(const std::vector<std::string>& args, const fs::path& err) {
  fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = freopen(err.c_str(), "w", stderr);
    (void)f;
    std::vector<char*> argv{const_cast<char*>(STS_GRADER_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(STS_GRADER_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for pid with a deadline; -1 if it did not end in time.
int wait_exit(pid_t pid, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    int st = 0;
    if (waitpid(pid, &st, WNOHANG) == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    std::this_thread::sleep_for(200ms);
  }
  return -1;
}

std::string status_of(const fs::path& out, const std::string& s) {
  return str_at(read_json(out / "students" / s / "batch.json"), {"status"});
}

TEST(BatchE2E, SigintCleansUpEveryNamespaceAndTheNextRunResumes) {
  use_testbed();
  const std::vector<std::string> students = {"parallel-policy", "minimal-busybox", "slow-readiness"};
  const fs::path out = fs::path(STS_E2E_OUT) / "batch-interrupt";
  fs::remove_all(out);
  std::string roster = write_roster(out.parent_path() / "batch-interrupt-roster", students);
  YAML::Node expected = YAML::LoadFile(kRoot + "/examples/expected.yaml");
  const fs::path err = out.parent_path() / "batch-interrupt.stderr";
  pid_t pid = start_batch({"batch", roster, "--out", out.string(), "--parallel", "2"}, err);

  // Watch the output folder: the first student graded while another runs.
  std::vector<std::string> done, running;
  auto deadline = std::chrono::steady_clock::now() + 900s;
  while (std::chrono::steady_clock::now() < deadline) {
    done.clear();
    running.clear();
    for (const std::string& s : students) {
      std::string st = status_of(out, s);
      if (st == "pass" || st == "fail") done.push_back(s);
      else if (st.empty() && read_text(out / "students" / s / "grader.log").find("in namespace sts-grader-") != std::string::npos)
        running.push_back(s);
    }
    if (!done.empty() && !running.empty()) break;
    if (done.size() == students.size()) break;
    std::this_thread::sleep_for(500ms);
  }
  ASSERT_FALSE(done.empty()) << read_text(err);
  ASSERT_FALSE(running.empty()) << "no grading was running when the first finished\n" << read_text(err);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int code = wait_exit(pid, 900s);
  std::string log = read_text(err);
  EXPECT_EQ(code, 130) << log;

  // Every namespace the batch created is gone, PVs included.
  std::set<std::string> namespaces;
  std::map<std::string, fs::file_time_type> kept;
  for (const std::string& s : students) {
    const fs::path dir = out / "students" / s;
    std::string glog = read_text(dir / "grader.log");
    size_t p = glog.find("in namespace sts-grader-");
    if (p == std::string::npos) continue;  // never started
    std::string ns = glog.substr(p + 13, 17);
    namespaces.insert(ns);
    ProcessResult w = run_process({"kubectl", "wait", "--for=delete", "namespace/" + ns, "--timeout=300s"}, "", 320s);
    EXPECT_EQ(w.exit_code, 0) << ns << ": " << w.err;
    std::string st = status_of(out, s);
    if (st == "pass" || st == "fail") {
      kept[s] = fs::last_write_time(dir / "report.json");
    } else {
      EXPECT_EQ(st, "pending") << s;
      EXPECT_FALSE(fs::exists(dir / "report.json")) << s;
      EXPECT_NE(glog.find("cleanup: namespace " + ns + " and its PVs gone"), std::string::npos) << s << "\n" << tail(glog);
    }
  }
  EXPECT_FALSE(namespaces.empty());
  EXPECT_EQ(leftovers(namespaces), std::vector<std::string>{});
  EXPECT_LT(kept.size(), students.size());
  auto book = gradebook(out / "gradebook.csv");
  EXPECT_EQ(book.size(), students.size());

  // The next run keeps the graded ones and grades the rest.
  ProcessResult again = run_process({STS_GRADER_BIN, "batch", roster, "--out", out.string(), "--parallel", "2"}, "", 1800s);
  EXPECT_EQ(again.exit_code, 0) << tail(again.err);
  EXPECT_NE(again.err.find(std::to_string(kept.size()) + " graded earlier (kept"), std::string::npos) << again.err;
  for (const auto& [s, t] : kept) EXPECT_EQ(fs::last_write_time(out / "students" / s / "report.json"), t) << s;
  book = gradebook(out / "gradebook.csv");
  ASSERT_EQ(book.size(), students.size());
  for (const std::string& s : students) expect_student_matches(out, s, expected[s], book[s]);
  std::set<std::string> all;
  for (const std::string& s : students) all.insert(str_at(read_json(out / "students" / s / "batch.json"), {"namespace"}));
  EXPECT_EQ(leftovers(all), std::vector<std::string>{});
}

}  // namespace
}  // namespace sts

namespace sts {
namespace {

// The Lab 15 course repositories of examples/repositories (issue 16), each
// committed to a git repository on its own branch (lab15, feature/lab15,
// retake/lab15), graded through `batch` with a roster of git refs and the
// override columns of expected.yaml: every gradable one ends with exactly its
// expected outcome, every refused one NOT GRADABLE with the expected reason.
TEST(BatchE2E, LabRepositoriesFromGitRefsMatchExpected) {
  use_testbed();
  const fs::path out = fs::path(STS_E2E_OUT) / "batch-repositories";
  const fs::path repos = fs::path(STS_E2E_OUT) / "batch-repositories-git";
  fs::remove_all(out);
  fs::remove_all(repos);
  fs::create_directories(repos);
  const YAML::Node expected = YAML::LoadFile(kRoot + "/examples/repositories/expected.yaml")["repositories"];
  std::ofstream roster(repos / "roster.csv");
  roster << "student,submission,ref,chart,values,set,set_string,release,image_map\n";
  std::vector<std::string> students;
  // A roster cell: a list joined with `sep`, or a scalar as it is.
  auto join = [](const YAML::Node& n, const char* sep) {
    std::string s;
    if (n && n.IsScalar()) return n.as<std::string>();
    if (n && n.IsSequence())
      for (const auto& x : n) s += (s.empty() ? "" : sep) + x.as<std::string>();
    return s;
  };
  for (const auto& kv : expected) {
    const std::string name = kv.first.as<std::string>();
    const YAML::Node& e = kv.second;
    const fs::path repo = repos / name;
    fs::copy(kRoot + "/examples/repositories/" + name, repo, fs::copy_options::recursive);
    const std::string ref = e["ref"].as<std::string>();
    for (const std::vector<std::string>& git :
         {std::vector<std::string>{"init", "-q", "-b", "main"}, {"checkout", "-q", "-b", ref}, {"add", "-A"},
          {"-c", "user.name=student", "-c", "user.email=student@example.org", "commit", "-q", "-m", "lab15"}}) {
      std::vector<std::string> argv = {"git", "-C", repo.string()};
      argv.insert(argv.end(), git.begin(), git.end());
      ProcessResult r = run_process(argv, "", 60s);
      ASSERT_EQ(r.exit_code, 0) << name << ": git " << git[0] << ": " << r.err;
    }
    const YAML::Node ro = e["roster"];
    roster << name << "," << repo.string() << "," << ref << "," << (ro ? join(ro["chart"], "") : "") << ","
           << (ro ? join(ro["values"], ";") : "") << "," << (ro ? join(ro["set"], ",") : "") << ","
           << (ro ? join(ro["set_string"], ",") : "") << ","
           << (ro ? join(ro["release"], "") : "") << ","
           << (ro ? join(ro["image_map"], ";") : "") << "\n";
    students.push_back(name);
  }
  roster.close();
  ASSERT_GE(students.size(), 15u);
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process({STS_GRADER_BIN, "batch", (repos / "roster.csv").string(), "--out", out.string(),
                                 "--parallel", "4", "--rubric", kRoot + "/rubrics/lab15.yaml"},
                                "", 3000s);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printf("batch of %zu repositories, --parallel 4: %.1f s wall\n%s", students.size(), wall, r.err.c_str());
  EXPECT_EQ(r.exit_code, 2) << tail(r.err);  // three are not gradable by design
  auto book = gradebook(out / "gradebook.csv");
  ASSERT_EQ(book.size(), students.size());
  for (const std::string& s : students) {
    SCOPED_TRACE(s);
    const YAML::Node want = expected[s]["outcome"];
    const std::string status = want["status"].as<std::string>();
    const fs::path dir = out / "students" / s;
    EXPECT_EQ(book[s]["status"], status) << tail(read_text(dir / "grader.log"));
    // Reasons name the repository and ref, never the scratch folder it was graded from.
    EXPECT_EQ(book[s]["reason"].find("/sts-grader-batch-"), std::string::npos) << book[s]["reason"];
    if (status == "not-gradable") {
      const std::string log = read_text(dir / "grader.log");
      for (const auto& c : want["reason_contains"])
        EXPECT_NE(log.find(c.as<std::string>()), std::string::npos) << c.as<std::string>() << " in\n" << tail(log);
      continue;
    }
    Json report = read_json(dir / "report.json");
    ASSERT_TRUE(report.is_object()) << tail(read_text(dir / "grader.log"));
    EXPECT_DOUBLE_EQ(report["score"]["earned"].get<double>(), want["earned"].as<double>());
    std::map<std::string, std::string> got;
    for (const Json& c : report["checks"]) got[c["id"]] = c["status"];
    for (const auto& c : want["checks"])
      EXPECT_EQ(got[c.first.as<std::string>()], c.second.as<std::string>()) << "check " << c.first.as<std::string>();
    // The reading graded is the one discovery reported.
    const Json& reading = report["run"]["submission_discovery"]["reading"];
    EXPECT_EQ(str_at(reading, {"chart"}), expected[s]["reading"]["chart"].as<std::string>());
    EXPECT_TRUE(report["run"]["cleaned_up"].get<bool>());
  }
}

}  // namespace
}  // namespace sts
