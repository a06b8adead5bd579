#include "grader/cli/cli.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace sts {
namespace {
TEST(Cli, GradeWithOptions) {
  Options o = parse_args({"grade", "sub", "--context", "kind", "--out=r", "--keep",
                          "--format", "json,junit"});
  EXPECT_EQ(o.command, "grade");
  EXPECT_EQ(o.submission, "sub");
  EXPECT_EQ(o.context, "kind");
  EXPECT_EQ(o.out, "r");
  EXPECT_TRUE(o.keep);
  EXPECT_EQ(o.formats, (std::vector<std::string>{"json", "junit"}));
}
TEST(Cli, Record) {
  EXPECT_EQ(parse_args({"grade", "sub"}).record, "");
  EXPECT_EQ(parse_args({"grade", "sub", "--record", "obs.json"}).record, "obs.json");
  EXPECT_EQ(parse_args({"grade", "sub", "--record=o.json"}).record, "o.json");
  EXPECT_THROW(parse_args({"grade", "sub", "--record"}), UsageError);
  EXPECT_NE(usage().find("--record FILE"), std::string::npos);
}
TEST(Cli, MinScore) {
  EXPECT_LT(parse_args({"grade", "sub"}).min_score, 0);
  Options o = parse_args({"grade", "sub", "--min-score", "8.5"});
  EXPECT_DOUBLE_EQ(o.min_score, 8.5);
  EXPECT_FALSE(o.min_score_percent);
  o = parse_args({"grade", "sub", "--min-score=80%"});
  EXPECT_DOUBLE_EQ(o.min_score, 80);
  EXPECT_TRUE(o.min_score_percent);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "lots"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "120%"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "-1"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "sub", "--min-score", "%"}), UsageError);
}
TEST(Cli, UsageErrors) {
  EXPECT_THROW(parse_args({}), UsageError);
  EXPECT_THROW(parse_args({"frobnicate"}), UsageError);
  EXPECT_THROW(parse_args({"grade"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "b"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--context"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--format", "pdf"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "a", "--bogus"}), UsageError);
}
// The usage error's message, "" when there was none.
std::string usage_error(const std::vector<std::string>& args) {
  try {
    parse_args(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

// What `sts-grader ARGS` prints for --help, "" when it is not a command's help.
std::string help_of(const std::vector<std::string>& args) {
  try {
    parse_args(args);
  } catch (const HelpRequested& h) {
    return h.what();
  }
  return "";
}

TEST(Cli, EachCommandTakesOnlyItsOwnOptions) {
  EXPECT_THROW(parse_args({"lint", "d", "--parallel", "8"}), UsageError);
  EXPECT_THROW(parse_args({"lint", "d", "--regrade"}), UsageError);
  EXPECT_THROW(parse_args({"lint", "d", "--keep"}), UsageError);
  EXPECT_THROW(parse_args({"lint", "d", "--regrade", "--keep"}), UsageError);
  EXPECT_THROW(parse_args({"lint", "d", "--quiet"}), UsageError);  // lint prints no progress
  EXPECT_THROW(parse_args({"lint", "d", "--overrides-from", "roster"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "d", "--due", "x"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "d", "--due", "yesterday"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "d", "--parallel", "2"}), UsageError);
  EXPECT_THROW(parse_args({"grade", "d", "--lms", "canvas"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "r.csv", "--record", "f"}), UsageError);
  EXPECT_THROW(parse_args({"batch", "r.csv", "--format", "json"}), UsageError);  // each student's are grade's
  EXPECT_THROW(parse_args({"gradescope-package", "--keep"}), UsageError);
  EXPECT_THROW(parse_args({"gradescope-package", "sub"}), UsageError);
  EXPECT_THROW(parse_args({"version", "--rubric", "r.yaml"}), UsageError);
}

TEST(Cli, RejectionNamesTheOptionAndTheCommand) {
  EXPECT_EQ(usage_error({"lint", "d", "--parallel", "8"}), "--parallel is for batch, not lint");
  EXPECT_EQ(usage_error({"lint", "d", "--parallel=8"}), "--parallel is for batch, not lint");
  EXPECT_EQ(usage_error({"grade", "d", "--due", "x"}), "--due is for batch, not grade");
  EXPECT_EQ(usage_error({"batch", "r.csv", "--keep"}), "--keep is for one submission, not a batch");
  EXPECT_EQ(usage_error({"grade", "d", "--bogus"}), "unknown option --bogus for grade");
  EXPECT_EQ(usage_error({"grade", "--bogus"}), "unknown option --bogus for grade");  // not "needs a submission"
  EXPECT_EQ(usage_error({"grade", "a", "b"}), "unexpected argument \"b\" for grade");
  EXPECT_EQ(usage_error({"grade"}), "grade needs a submission folder");
  EXPECT_EQ(usage_error({"batch"}), "batch needs a roster (a CSV file or a folder)");
  EXPECT_EQ(usage_error({"frobnicate"}), "unknown command \"frobnicate\"");
}

TEST(Cli, SharedOptionsWhereTheyAreRead) {
  Options lint = parse_args({"lint", "d", "--chart", "c", "--set", "a=1", "--set-string=b=2", "--release", "r",
                             "--kubectl", "k", "--rubric", "x.yaml"});
  EXPECT_EQ(lint.chart, "c");
  EXPECT_EQ(lint.set, (std::vector<std::string>{"a=1"}));
  EXPECT_EQ(lint.set_string, (std::vector<std::string>{"b=2"}));
  EXPECT_EQ(lint.release, "r");
  EXPECT_EQ(lint.kubectl, "k");
  Options batch = parse_args({"batch", "r.csv", "--image-map", "a=b", "--image-map=c=d", "-q", "--retries=0"});
  EXPECT_EQ(batch.image_maps, (std::vector<std::string>{"a=b", "c=d"}));
  EXPECT_TRUE(batch.quiet);
  EXPECT_EQ(batch.retries, 0);
  EXPECT_THROW(parse_args({"batch", "r.csv", "--image-map", "nope"}), UsageError);
  Options gs = parse_args({"gradescope-package", "--scenario", "s.yaml", "--kubeconfig", "k"});
  EXPECT_EQ(gs.scenario, "s.yaml");
  EXPECT_EQ(gs.out, "autograder.zip");
  EXPECT_EQ(parse_args({"gradescope-package", "--out", "pkg"}).out, "pkg");
  EXPECT_EQ(parse_args({"grade", "d"}).out, "sts-grader-report");
  EXPECT_EQ(parse_args({"grade", "d", "--overrides-from", "roster"}).overrides_from, "roster");  // batch's, to grade
  EXPECT_THROW(parse_args({"grade", "d", "--overrides-from", "x"}), UsageError);
}

TEST(Cli, ValuesOneAtATime) {
  // A repeatable option takes one value: the folder after it is the submission.
  Options o = parse_args({"lint", "--values", "a.yaml", "d"});
  EXPECT_EQ(o.values, (std::vector<std::string>{"a.yaml"}));
  EXPECT_EQ(o.submission, "d");
  EXPECT_EQ(parse_args({"grade", "d", "--rubric", "a", "--rubric", "b"}).rubric, "b");  // the last wins
  EXPECT_EQ(parse_args({"grade", "lint"}).submission, "lint");  // a folder, not a second command
  // A negative number is --min-score's value (refused by its own check), not an option.
  EXPECT_NE(usage_error({"grade", "d", "--min-score", "-1"}).find("--min-score needs points"), std::string::npos);
}

TEST(Cli, CommandHelp) {
  const std::string grade = help_of({"grade", "--help"});
  EXPECT_NE(grade.find("sts-grader grade"), std::string::npos) << grade;
  EXPECT_NE(grade.find("--keep"), std::string::npos) << grade;
  EXPECT_NE(grade.find("--min-score N[%]"), std::string::npos) << grade;
  EXPECT_NE(grade.find("--record FILE"), std::string::npos) << grade;
  EXPECT_EQ(grade.find("--regrade"), std::string::npos) << grade;
  EXPECT_EQ(grade.find("--parallel"), std::string::npos) << grade;
  EXPECT_EQ(grade.find("--overrides-from"), std::string::npos) << grade;  // internal
  EXPECT_EQ(grade.find("\n\n\n"), std::string::npos) << grade;
  EXPECT_EQ(help_of({"grade", "d", "-h"}), grade);
  EXPECT_EQ(help_of({"help", "grade"}), grade);
  const std::string lint = help_of({"lint", "--help"});
  EXPECT_NE(lint.find("sarif"), std::string::npos) << lint;
  EXPECT_EQ(lint.find("--keep"), std::string::npos) << lint;
  const std::string batch = help_of({"batch", "--help"});
  EXPECT_NE(batch.find("--regrade"), std::string::npos) << batch;
  EXPECT_EQ(batch.find("--keep"), std::string::npos) << batch;
  EXPECT_EQ(parse_args({"help"}).command, "help");  // main prints usage()
  EXPECT_EQ(parse_args({"--help"}).command, "help");
  EXPECT_EQ(parse_args({"-h"}).command, "help");
  EXPECT_EQ(parse_args({"--version"}).command, "version");
  EXPECT_THROW(parse_args({"help", "frobnicate"}), UsageError);
}

TEST(Cli, UsageNamesEveryCommandAndOption) {
  const std::string text = usage();
  for (const char* command : {"grade", "lint", "batch", "gradescope-package", "version", "help"}) {
    EXPECT_NE(text.find(std::string("\n  ") + command), std::string::npos) << command;
    // Each command's generated help and usage() must not drift apart.
    const std::string help = help_of({command, "--help"});
    ASSERT_FALSE(help.empty()) << command;
    std::set<std::string> options;
    const std::regex option("--[a-z][a-z-]*");
    for (std::sregex_iterator it(help.begin(), help.end(), option), end; it != end; ++it)
      options.insert(it->str());
    for (const std::string& option : options)
      EXPECT_NE(text.find(option), std::string::npos) << command << " " << option;
  }
}
// --keep leaves the namespace always; --keep=on-failure only when the run
// did not pass (grade decides after the verdict).
TEST(Cli, KeepAlwaysOrOnFailure) {
  Options a = parse_args({"grade", "sub", "--keep"});
  EXPECT_TRUE(a.keep);
  EXPECT_FALSE(a.keep_on_failure);
  Options f = parse_args({"grade", "sub", "--keep=on-failure"});
  EXPECT_FALSE(f.keep);
  EXPECT_TRUE(f.keep_on_failure);
  Options n = parse_args({"grade", "sub"});
  EXPECT_FALSE(n.keep || n.keep_on_failure);
  EXPECT_THROW(parse_args({"grade", "sub", "--keep=sometimes"}), UsageError);
  EXPECT_EQ(usage_error({"batch", "r.csv", "--keep=on-failure"}), "--keep is for one submission, not a batch");
}

}  // namespace
}  // namespace sts
