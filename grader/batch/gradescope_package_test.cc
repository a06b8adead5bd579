#include "grader/batch/gradescope_package.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/cluster/kubectl.h"

namespace sts {
namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_exec(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  fs::permissions(p, fs::perms(0755));
}

struct PackageFixture : ::testing::Test {
  fs::path tmp = fs::temp_directory_path() / ("sts-gs-pkg-" + std::to_string(::getpid()));
  PackageSpec spec;
  void SetUp() override {
    fs::remove_all(tmp);
    // A stand-in sts-grader: records its arguments; grades "gradable"
    // submissions (a file named ok), refuses the others as not gradable.
    write_exec(tmp / "in/sts-grader", R"SH(#!/usr/bin/env bash
out=""; prev=""; sub=""
for a in "$@"; do [ "$prev" = --out ] && out="$a"; [ "$prev" = grade ] && sub="$a"; prev="$a"; done
mkdir -p "$out"
printf '%s\n' "$@" > "$out/STATEFULSET.md"
echo '{}' > "$out/report.json"
if [ -f "$sub/ok" ]; then echo '{"score": 3}' > "$out/results.json"; exit 1; fi
echo "sts-grader: not gradable: cluster unreachable" >&2; exit 2
)SH");
    write_exec(tmp / "in/kubectl", "#!/bin/sh\nexit 0\n");
    std::ofstream(tmp / "in/lab.yaml") << "id: lab\n";
    std::ofstream(tmp / "in/scn.yaml") << "id: scn\n";
    std::ofstream(tmp / "in/kubeconfig") << "apiVersion: v1\n";
    std::ofstream(tmp / "in/libfoo.so.1") << "ELF";
    spec.rubric = (tmp / "in/lab.yaml").string();
    spec.scenario = (tmp / "in/scn.yaml").string();
    spec.kubeconfig = (tmp / "in/kubeconfig").string();
    spec.grader = (tmp / "in/sts-grader").string();
    spec.kubectl = (tmp / "in/kubectl").string();
    spec.libraries = {(tmp / "in/libfoo.so.1").string()};
  }
  void TearDown() override { fs::remove_all(tmp); }

  // run_autograder in a folder laid out like Gradescope's /autograder.
  ProcessResult run(const std::string& submission_file) {
    fs::create_directories(tmp / "autograder/submission");
    if (!submission_file.empty()) std::ofstream(tmp / "autograder/submission" / submission_file) << "x";
    return run_process({"env", "AUTOGRADER_ROOT=" + (tmp / "autograder").string(),
                        (tmp / "autograder/source/run_autograder").string()},
                       "", std::chrono::seconds(30));
  }
};

TEST_F(PackageFixture, LayoutAtTheRootAsGradescopeWants) {
  std::vector<std::string> files = write_package_dir(spec, (tmp / "autograder/source").string());
  EXPECT_EQ(files, (std::vector<std::string>{"setup.sh", "run_autograder", "bin/sts-grader", "bin/kubectl",
                                             "share/sts-grader/rubrics/lab.yaml", "share/sts-grader/scenarios/scn.yaml",
                                             "lib/libfoo.so.1", "kubeconfig"}));
  const fs::path src = tmp / "autograder/source";
  for (const char* exe : {"setup.sh", "run_autograder", "bin/sts-grader", "bin/kubectl"})
    EXPECT_EQ(access((src / exe).c_str(), X_OK), 0) << exe;
  EXPECT_EQ(fs::status(src / "kubeconfig").permissions() & fs::perms::others_read, fs::perms::none);
  EXPECT_THROW(write_package_dir(spec, src.string()), std::runtime_error);  // not over an earlier one
}

TEST_F(PackageFixture, GradedRunWritesResultsJson) {
  write_package_dir(spec, (tmp / "autograder/source").string());
  ProcessResult r = run("ok");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(slurp(tmp / "autograder/results/results.json"), "{\"score\": 3}\n");
  EXPECT_TRUE(fs::exists(tmp / "autograder/results/STATEFULSET.md"));
  // What it graded, with what: the shipped rubric, kubeconfig and kubectl (the stand-in wrote its argv).
  const std::string src = (tmp / "autograder/source").string();
  EXPECT_EQ(slurp(tmp / "autograder/results/STATEFULSET.md"),
            "grade\n" + (tmp / "autograder/submission").string() + "\n--rubric\n" + src +
                "/share/sts-grader/rubrics/lab.yaml\n--kubeconfig\n" + src + "/kubeconfig\n--kubectl\n" + src +
                "/bin/kubectl\n--quota\n--format\nmarkdown,json,gradescope\n--out\n" +
                slurp(tmp / "autograder/results/STATEFULSET.md").substr(
                    slurp(tmp / "autograder/results/STATEFULSET.md").find("--out\n") + 6));
  EXPECT_NE(r.out.find("run_autograder: graded (sts-grader exit 1)"), std::string::npos) << r.out;
}

TEST_F(PackageFixture, NotGradableRunWritesNoResultsRatherThanAZero) {
  write_package_dir(spec, (tmp / "autograder/source").string());
  fs::create_directories(tmp / "autograder/results");
  std::ofstream(tmp / "autograder/results/results.json") << "{\"score\": 9}";  // stale: must not survive
  ProcessResult r = run("");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(tmp / "autograder/results/results.json"));
  EXPECT_NE(r.out.find("NOT GRADABLE (sts-grader exit 2)"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("cluster unreachable"), std::string::npos) << r.err;
}

TEST(GradescopePackage, RunAutograderGradesTheSubmissionWithTheShippedFiles) {
  const std::string s = package_run_autograder("lab15.yaml", "course", true);
  EXPECT_NE(s.find("root=\"${AUTOGRADER_ROOT:-/autograder}\""), std::string::npos);
  EXPECT_NE(s.find("grade \"$root/submission\" --rubric \"$STS_GRADER_DATA/rubrics/lab15.yaml\""), std::string::npos);
  EXPECT_NE(s.find("--kubeconfig \"$src/kubeconfig\" --kubectl \"$src/bin/kubectl\" --quota"), std::string::npos);
  EXPECT_NE(s.find("--format markdown,json,gradescope"), std::string::npos);
  EXPECT_NE(s.find("args+=(--context \"course\")"), std::string::npos);
  EXPECT_NE(s.find("args+=(--helm \"$src/bin/helm\")"), std::string::npos);
  EXPECT_EQ(package_run_autograder("lab04.yaml", "", false).find("--helm"), std::string::npos);
  EXPECT_NE(package_setup_sh().find("\"$src/bin/sts-grader\" version"), std::string::npos);
}

TEST(GradescopePackage, ShipsLibrariesButNotTheCLibrary) {
  std::vector<std::string> libs = shipped_libraries("/bin/ls");
  for (const std::string& l : libs) {
    EXPECT_EQ(l.find("/libc.so"), std::string::npos) << l;
    EXPECT_EQ(l.find("ld-linux"), std::string::npos) << l;
    EXPECT_EQ(l.front(), '/');
  }
  EXPECT_THROW(shipped_libraries("/nonexistent/binary"), std::runtime_error);
}

}  // namespace
}  // namespace sts
