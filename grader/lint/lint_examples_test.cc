// Every example submission is linted and compared, both ways, with
// examples/lint-expected.yaml: a planted mistake must be reported at its file
// and line, and nothing else may be. A folder without an entry fails, so a new
// example cannot skip this.
#include <gtest/gtest.h>
#include "source_paths.h"
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "grader/lint/lint.h"
#include "grader/lint/lint_config.h"
#include "grader/lint/lint_tools_for_tests.h"
#include "grader/submission/submission_source.h"

namespace fs = std::filesystem;

namespace sts {
namespace {

const std::string kRoot = STS_SOURCE_DIR;
const std::string kExpected = kRoot + "/examples/lint-expected.yaml";

std::vector<std::string> example_folders() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kRoot + "/examples/submissions", ec))
    if (e.is_directory()) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// "file:line: rule", the file relative to the submission folder.
std::string finding(const Diagnostic& d, const std::string& dir) {
  std::string file = d.pos.file;
  if (file.rfind(dir + "/", 0) == 0) file = file.substr(dir.size() + 1);
  return file + ":" + std::to_string(d.pos.line) + ": " + d.rule;
}

struct Entry {
  std::string rubric = "lab04-section3";
  std::vector<std::string> values;        // helm --values, relative to the submission
  std::vector<std::string> diagnostics;
};

Entry read_entry(const YAML::Node& n, const std::string& name) {
  Entry e;
  YAML::Node list = n;
  if (n.IsMap()) {
    if (n["rubric"]) e.rubric = n["rubric"].as<std::string>();
    if (n["values"])
      for (const auto& v : n["values"]) e.values.push_back(v.as<std::string>());
    list = n["diagnostics"];
  }
  if (list.IsScalar() && list.as<std::string>() == "none") return e;
  if (!list.IsSequence()) ADD_FAILURE() << name << ": expected `none` or a list of \"file:line: rule\"";
  else
    for (const auto& d : list) e.diagnostics.push_back(d.as<std::string>());
  return e;
}

class LintExample : public testing::TestWithParam<std::string> {};

TEST_P(LintExample, MatchesLintExpected) {
  const std::string name = GetParam();
  const std::string dir = kRoot + "/examples/submissions/" + name;
  const YAML::Node all = YAML::LoadFile(kExpected);
  ASSERT_TRUE(all[name]) << "examples/submissions/" << name << " has no entry in examples/lint-expected.yaml: run "
                         << "`sts-grader lint examples/submissions/" << name << "` (with its --rubric), check that "
                         << "every finding is right, and list them as \"file:line: rule\" (or `none`)";
  const Entry want = read_entry(all[name], name);
  const LintConfig config = lint_config(load_rubric(kRoot + "/rubrics/" + want.rubric + ".yaml"));

  SubmissionSource src = detect(dir);
  if (src.kind == SourceKind::kHelm && testing_tools::helm().empty()) FAIL() << testing_tools::kNoHelm;
  SubmissionOptions opts;
  opts.helm = testing_tools::helm();
  opts.kubectl = testing_tools::kubectl();
  opts.namespace_ = config.namespace_.empty() ? "default" : config.namespace_;
  for (const std::string& v : want.values) opts.values.push_back(dir + "/" + v);
  std::vector<Diagnostic> ds;
  try {
    ds = lint(read_submission(src, opts), config);
  } catch (const ManifestError& e) {
    ds = {parse_diagnostic(e.what())};
  }
  std::vector<std::string> got;
  std::string shown;
  for (const Diagnostic& d : ds) {
    got.push_back(finding(d, dir));
    shown += "  " + d.str() + "\n";
  }
  std::vector<std::string> expected = want.diagnostics;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(), std::back_inserter(unexpected));
  for (const std::string& m : missing) ADD_FAILURE() << name << ": expected, not reported: " << m;
  for (const std::string& u : unexpected) ADD_FAILURE() << name << ": reported, not expected: " << u;
  if (!missing.empty() || !unexpected.empty()) ADD_FAILURE() << name << " lint output:\n" << shown;
}

INSTANTIATE_TEST_SUITE_P(Examples, LintExample, testing::ValuesIn(example_folders()),
                         [](const testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param;
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return n;
                         });

TEST(LintExamples, EveryEntryHasItsFolder) {
  const std::vector<std::string> folders = example_folders();
  ASSERT_FALSE(folders.empty());
  for (const auto& kv : YAML::LoadFile(kExpected)) {
    const std::string name = kv.first.as<std::string>();
    EXPECT_TRUE(std::binary_search(folders.begin(), folders.end(), name))
        << "examples/lint-expected.yaml lists " << name << ", which is not in examples/submissions/";
  }
}

}  // namespace
}  // namespace sts
