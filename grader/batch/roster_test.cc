#include "grader/batch/roster.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sts {
namespace {

// A scratch folder with submissions a/ and b c/ and a roster file.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name) {
    dir = fs::path(testing::TempDir()) / ("roster_test_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir / "subs" / "a");
    fs::create_directories(dir / "subs" / "b c");
    fs::create_directories(dir / "subs" / ".git");
  }
  std::string csv(const std::string& text) {
    std::ofstream(dir / "roster.csv") << text;
    return (dir / "roster.csv").string();
  }
  std::string error(const std::string& text) {
    try {
      load_roster(csv(text));
    } catch (const RosterError& e) {
      return e.what();
    }
    return "";
  }
};

TEST(Roster, CsvWithAllColumnsQuotingAndRelativePaths) {
  Scratch s("csv");
  Roster r = load_roster(s.csv(
      "\xEF\xBB\xBFStudent, submission ,ref,submitted_at\r\n"
      "# a comment\n"
      "alice,subs/a,,2026-03-01T23:00:00Z\n"
      "\n"
      "\"doe, jane\",\"subs/b c\",main:k8s,\n"));
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].student, "alice");
  EXPECT_EQ(r.entries[0].submission, (s.dir / "subs" / "a").string());
  EXPECT_EQ(r.entries[0].ref, "");
  EXPECT_EQ(r.entries[0].submitted_unix, 1772406000);
  EXPECT_EQ(r.entries[0].where, (s.dir / "roster.csv").string() + ":3");
  EXPECT_EQ(r.entries[1].student, "doe, jane");
  EXPECT_EQ(r.entries[1].submission, (s.dir / "subs" / "b c").string());
  EXPECT_EQ(r.entries[1].ref, "main:k8s");
  EXPECT_FALSE(r.entries[1].submitted_unix);
}

TEST(Roster, EveryMistakeNamesFileAndLine) {
  Scratch s("bad");
  std::string f = (s.dir / "roster.csv").string();
  EXPECT_EQ(s.error(""), f + ": empty roster (a header student,submission[,ref][,submitted_at] and a line per student)");
  EXPECT_EQ(s.error("student,submission\n"), f + ": no students after the header");
  EXPECT_EQ(s.error("student,path\n"),
            f + ":1: unknown column 'path' (known: student, submission, ref, submitted_at, chart, values, set, set_string, release, image_map)\n" + f +
                ":1: the header needs a 'submission' column");
  std::string e = s.error(
      "student,submission,submitted_at\n"
      "alice,subs/a,\n"
      "alice,subs/b c,\n"
      "bob,subs/missing,\n"
      ",subs/a,\n"
      "carol,subs/a\n"
      "dave,subs/a,tomorrow\n"
      "erin,\"subs/a,\n"
      "../x,subs/a,\n");
  EXPECT_NE(e.find(f + ":3: student 'alice' is already on line 2"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":4: submission subs/missing is not a folder"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":5: student: empty"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":6: 2 fields, the header has 3"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":7: submitted_at 'tomorrow' is not a time"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":8: unterminated quote"), std::string::npos) << e;
  EXPECT_NE(e.find(f + ":9: student: starts with '.'"), std::string::npos) << e;
  EXPECT_THROW(load_roster((s.dir / "nope.csv").string()), RosterError);
}

TEST(Roster, FolderOfSubmissionFoldersSortedHiddenSkipped) {
  Scratch s("folder");
  Roster r = load_roster((s.dir / "subs").string());
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].student, "a");
  EXPECT_EQ(r.entries[1].student, "b c");
  EXPECT_EQ(r.entries[1].submission, fs::absolute(s.dir / "subs" / "b c").string());
  fs::create_directories(s.dir / "empty");
  EXPECT_THROW(load_roster((s.dir / "empty").string()), RosterError);
}

TEST(Roster, StudentIdsMustNameAFolder) {
  EXPECT_EQ(student_id_problem("s1234567"), "");
  EXPECT_EQ(student_id_problem("jane.doe@uni.edu"), "");
  EXPECT_NE(student_id_problem(""), "");
  EXPECT_NE(student_id_problem(".."), "");
  EXPECT_NE(student_id_problem("a/b"), "");
  EXPECT_NE(student_id_problem("a\tb"), "");
  EXPECT_NE(student_id_problem(std::string(129, 'x')), "");
}

TEST(Roster, CsvSplitting) {
  EXPECT_EQ(split_csv_line("a,b,,c\r"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(split_csv_line("\"x \"\"y\"\"\",z"), (std::vector<std::string>{"x \"y\"", "z"}));
  EXPECT_THROW(split_csv_line("\"open"), std::invalid_argument);
}

}  // namespace
}  // namespace sts
