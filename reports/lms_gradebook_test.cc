#include "reports/lms_gradebook.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "reports/golden_for_tests.h"

namespace sts {
namespace {
using testing_golden::compare_with_golden;

// A class of four: two graded (one with a comma in its feedback), one not
// gradable (must stay blank), one whose id the LMS does not know.
std::vector<LmsGrade> grades() {
  auto g = [](std::string id, std::string where, bool graded, std::string score, std::string status,
              std::string feedback) {
    return LmsGrade{std::move(id), std::move(where), graded, std::move(score), std::move(status), std::move(feedback)};
  };
  return {g("jdoe", "roster.csv:2", true, "9", "fail", "9/10 — 1 check failed. Not passed: Test 5: DNS resolution"),
          g("rroe", "roster.csv:3", true, "10", "pass", "10/10 — all checks passed"),
          g("s1003", "roster.csv:4", false, "", "not-gradable",
            "no grade: dns: the cluster's DNS does not answer (not the student's fault; graded again later)"),
          g("ghost", "roster.csv:5", true, "4", "fail", "4/10")};
}

const char* kCanvasExport =
    "Student,ID,SIS User ID,SIS Login ID,Section,Lab 04 (1201)\n"
    "    Points Possible,,,,,10\n"
    "\"Doe, Jane\",4401,s1001,jdoe@uni.edu,CS 340 A,\n"
    "\"Roe, Rick\",4402,s1002,rroe,CS 340 B,\n"
    "\"Sim, Sam\",4403,s1003,ssim,CS 340 A,\n"
    "\"Absent, Ann\",4404,s1004,aabs,CS 340 B,\n";

const char* kMoodleExport =
    "First name,Last name,ID number,Institution,Department,Email address\n"
    "Jane,Doe,s1001,Uni,CS,jdoe@uni.edu\n"
    "Rick,Roe,s1002,Uni,CS,rroe@uni.edu\n"
    "Sam,Sim,S1003,Uni,CS,ssim@uni.edu\n"
    "Ann,Absent,s1004,Uni,CS,aabs@uni.edu\n";

TEST(LmsGradebook, CanvasGoldenWithExport) {
  LmsRoster roster = parse_lms_roster(kCanvasExport, "canvas-export.csv", Lms::kCanvas);
  LmsGradebook book = render_lms_gradebook(Lms::kCanvas, grades(), &roster, "Lab 04 (1201)");
  EXPECT_EQ(compare_with_golden("canvas_gradebook.csv", book.csv), "");
  // The not-gradable student's cell is empty, never 0.
  EXPECT_NE(book.csv.find("\"Sim, Sam\",4403,s1003,ssim,CS 340 A,\n"), std::string::npos) << book.csv;
  EXPECT_EQ(book.mismatches,
            (std::vector<std::string>{
                "roster.csv:5: student ghost matches no row of canvas-export.csv (not in the import)",
                "canvas-export.csv:6: Absent, Ann has no submission in the batch (not in the import)"}));
}

TEST(LmsGradebook, MoodleGoldenWithExportFeedbackBesideTheGrade) {
  LmsRoster roster = parse_lms_roster(kMoodleExport, "moodle-export.csv", Lms::kMoodle);
  LmsGradebook book = render_lms_gradebook(Lms::kMoodle, grades(), &roster, "Lab 04");
  EXPECT_EQ(compare_with_golden("moodle_gradebook.csv", book.csv), "");
  EXPECT_EQ(book.csv.substr(0, book.csv.find('\n')),
            "First name,Last name,ID number,Email address,Lab 04,Lab 04 (feedback)");
  // s1003 matches the ID number case-insensitively; its grade is blank, its feedback says why.
  EXPECT_NE(book.csv.find("Sam,Sim,S1003,ssim@uni.edu,,no grade: dns"), std::string::npos) << book.csv;
  EXPECT_EQ(book.mismatches.size(), 2u);
}

TEST(LmsGradebook, WithoutAnExportTheBatchIdsAreTheIdentifiers) {
  LmsGradebook canvas = render_lms_gradebook(Lms::kCanvas, grades(), nullptr, "Lab 04");
  EXPECT_EQ(canvas.csv,
            "Student,ID,SIS User ID,SIS Login ID,Section,Lab 04\n"
            "jdoe,,,jdoe,,9\n"
            "rroe,,,rroe,,10\n"
            "s1003,,,s1003,,\n"
            "ghost,,,ghost,,4\n");
  std::vector<LmsGrade> g = grades();
  g[0].student = "jdoe@uni.edu";
  LmsGradebook moodle = render_lms_gradebook(Lms::kMoodle, g, nullptr, "Lab 04");
  EXPECT_NE(moodle.csv.find("\n,,,jdoe@uni.edu,9,"), std::string::npos) << moodle.csv;
  EXPECT_NE(moodle.csv.find("\n,,rroe,,10,"), std::string::npos);
  EXPECT_TRUE(canvas.mismatches.empty());
}

TEST(LmsGradebook, AmbiguousAndDoubleMatchesStayOut) {
  LmsRoster roster = parse_lms_roster(
      "First name,Last name,ID number,Email address\nA,One,1,jdoe@a.edu\nB,Two,2,jdoe@b.edu\nC,Three,3,c@u\n",
      "export.csv", Lms::kMoodle);
  std::vector<LmsGrade> g = grades();
  g.resize(1);                         // jdoe: matches rows 2 and 3 by local part
  const LmsGrade first = g[0];
  g.push_back(first);
  g[1].student = "c@u";
  g[1].where = "roster.csv:9";
  const LmsGrade second = g[1];
  g.push_back(second);
  g[2].student = "3";                  // the same row as c@u, by ID number
  g[2].where = "roster.csv:10";
  LmsGradebook book = render_lms_gradebook(Lms::kMoodle, g, &roster, "Lab 04");
  EXPECT_EQ(book.csv, "First name,Last name,ID number,Email address,Lab 04,Lab 04 (feedback)\n");
  ASSERT_EQ(book.mismatches.size(), 4u);
  EXPECT_EQ(book.mismatches[0],
            "roster.csv:2: student jdoe matches several rows: export.csv:2 export.csv:3 (not in the import; use the "
            "full identifier in the roster)");
  EXPECT_EQ(book.mismatches[3], "export.csv:4: matched by several students: c@u (roster.csv:9) 3 (roster.csv:10) (not in the import)");
}

TEST(LmsGradebook, GradesFromAFinishedBatch) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sts-lms-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "students" / "jdoe");
  std::ofstream(dir / "gradebook.csv")
      << "student,score,max,machine_max,status,late_days,late_penalty,final_score,pod-naming,reason\n"
         "jdoe,9,10,10,fail,1,0.1,8.1,1,\n"
         "s1003,,10,10,not-gradable,,,,,\"dns: no answer, twice\"\n";
  std::ofstream(dir / "students" / "jdoe" / "report.json")
      << R"({"score": {"verdict": "9/10 — 1 check failed"}, "checks": [
            {"title": "Test 1", "status": "pass"}, {"title": "Test 5: DNS", "status": "fail"}]})";
  std::vector<LmsGrade> g = lms_grades_from_batch(dir.string(), {{"jdoe", "roster.csv:2"}});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].where, "roster.csv:2");
  EXPECT_TRUE(g[0].graded);
  EXPECT_EQ(g[0].final_score, "8.1");  // after the late penalty
  EXPECT_EQ(g[0].feedback, "9/10 — 1 check failed. Not passed: Test 5: DNS. Details: STATEFULSET.md of your report.");
  EXPECT_FALSE(g[1].graded);
  EXPECT_EQ(g[1].where, (dir / "gradebook.csv").string() + ":3");
  EXPECT_EQ(g[1].feedback, "no grade: dns: no answer, twice (not the student's fault; graded again later)");
  fs::remove_all(dir);
  EXPECT_THROW(lms_grades_from_batch(dir.string(), {}), std::runtime_error);
}

}  // namespace
}  // namespace sts
