#include "grader/batch/lms_roster.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

std::string error_of(const std::string& text, Lms lms) {
  try {
    parse_lms_roster(text, "export.csv", lms);
  } catch (const LmsRosterError& e) {
    return e.what();
  }
  return "";
}

TEST(LmsRoster, CsvRecordsQuotesNewlinesAndBom) {
  auto r = read_csv_records("\xEF\xBB\xBF" "a,\"b, c\"\r\n\n\"multi\nline\",\"say \"\"hi\"\"\"\nlast");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].line, 1);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b, c"}));
  EXPECT_EQ(r[1].line, 3);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"multi\nline", "say \"hi\""}));
  EXPECT_EQ(r[2].line, 5);
  EXPECT_EQ(r[2].fields, std::vector<std::string>{"last"});
  EXPECT_THROW(read_csv_records("a\n\"open"), std::invalid_argument);
}

TEST(LmsRoster, CanvasExportSkipsPointsRowAndTestStudent) {
  const std::string text =
      "Student,ID,SIS User ID,SIS Login ID,Section,Lab 04 (1201),Current Score\n"
      "    Points Possible,,,,,10,\n"
      "\"Doe, Jane\",4401,s1001,jdoe@uni.edu,CS 340 A,,\n"
      "\"Student, Test\",4499,,,CS 340 A,,\n"
      "\"Roe, Rick\",4402,s1002,rroe,CS 340 B,7,\n";
  LmsRoster r = parse_lms_roster(text, "export.csv", Lms::kCanvas);
  ASSERT_EQ(r.students.size(), 2u);
  EXPECT_EQ(r.students[0].where, "export.csv:3");
  EXPECT_EQ(r.students[0].name, "Doe, Jane");
  EXPECT_EQ(r.students[0].id, "4401");
  EXPECT_EQ(r.students[0].sis_user_id, "s1001");
  EXPECT_EQ(r.students[0].section, "CS 340 A");
  EXPECT_EQ(r.students[1].where, "export.csv:5");
  EXPECT_EQ(lms_keys(r.students[0], Lms::kCanvas),
            (std::vector<std::string>{"jdoe@uni.edu", "s1001", "4401", "jdoe"}));
}

TEST(LmsRoster, MoodleExportByEmailOrIdNumber) {
  const std::string text =
      "First name,Last name,ID number,Institution,Department,Email address,Assignment: Lab 04 (Real)\n"
      "Jane,Doe,S1001,Uni,CS,Jane.Doe@uni.edu,-\n"
      "Rick,Roe,,Uni,CS,rroe@uni.edu,-\n";
  LmsRoster r = parse_lms_roster(text, "export.csv", Lms::kMoodle);
  ASSERT_EQ(r.students.size(), 2u);
  EXPECT_EQ(r.students[0].email, "Jane.Doe@uni.edu");
  EXPECT_EQ(lms_keys(r.students[0], Lms::kMoodle),
            (std::vector<std::string>{"jane.doe@uni.edu", "jane.doe", "s1001"}));
}

TEST(LmsRoster, EveryProblemAsFileLine) {
  EXPECT_EQ(error_of("", Lms::kCanvas), "export.csv:1: empty: expected the canvas gradebook export's header");
  EXPECT_EQ(error_of("Student,ID\n", Lms::kCanvas),
            "export.csv:1: no column \"sis user id\" (a canvas gradebook export has it)\n"
            "export.csv:1: no column \"sis login id\" (a canvas gradebook export has it)\n"
            "export.csv:1: no column \"section\" (a canvas gradebook export has it)");
  EXPECT_EQ(error_of("First name,Last name\n", Lms::kMoodle),
            "export.csv:1: neither \"Email address\" nor \"ID number\": nothing to match students by");
  EXPECT_EQ(error_of("First name,Last name,Email address\nJane,Doe,\nA,B,x@u\nC,D,X@U\n", Lms::kMoodle),
            "export.csv:2: Jane Doe has no ID number or Email address\n"
            "export.csv:4: identifier \"x@u\" also belongs to the student of export.csv:3");
  // Two universities' jdoe@ share a local part: not an error (matching says so if used).
  EXPECT_EQ(error_of("First name,Last name,Email address\nA,B,jdoe@a.edu\nC,D,jdoe@b.edu\n", Lms::kMoodle), "");
  EXPECT_NE(error_of("Student,ID,SIS User ID,SIS Login ID,Section\n\"unterminated\n", Lms::kCanvas)
                .find("export.csv:2: unterminated quote"),
            std::string::npos);
  EXPECT_EQ(lms_from_name("canvas"), Lms::kCanvas);
  EXPECT_EQ(lms_from_name("moodle"), Lms::kMoodle);
  EXPECT_FALSE(lms_from_name("blackboard"));
}

}  // namespace
}  // namespace sts
