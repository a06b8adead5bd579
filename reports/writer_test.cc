#include "reports/writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

namespace fs = std::filesystem;
using namespace testing_sample;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(testing::TempDir()) / ("writer_test_" + name);
  fs::remove_all(d);
  return d;
}

TEST(WriteReports, WritesEveryFormatIntoANewDirectory) {
  const fs::path dir = fresh_dir("all") / "nested";
  const auto written = write_reports(dir.string(), report_formats(), run(), score(), observations());
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(read(dir / "STATEFULSET.md").rfind("# StatefulSet report", 0), 0u);
  EXPECT_EQ(Json::parse(read(dir / "report.json"))["schema"], "sts-grader/report/v1");
  EXPECT_EQ(read(dir / "junit.xml").rfind("<?xml", 0), 0u);
  // Nothing but the reports: temporary files were renamed away.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 3);
}

TEST(WriteReports, OnlyTheAskedFormatsAndReplacesOldReports) {
  const fs::path dir = fresh_dir("some");
  fs::create_directories(dir);
  std::ofstream(dir / "report.json") << "old";
  const auto written = write_reports(dir.string(), {"json", "md", "markdown"}, run(), score(), observations());
  EXPECT_EQ(written.size(), 2u);
  EXPECT_NE(read(dir / "report.json"), "old");
  EXPECT_TRUE(fs::exists(dir / "STATEFULSET.md"));
  EXPECT_FALSE(fs::exists(dir / "junit.xml"));
}

TEST(WriteReports, UnknownFormatWritesNothing) {
  const fs::path dir = fresh_dir("unknown");
  EXPECT_THROW(write_reports(dir.string(), {"json", "pdf"}, run(), score(), observations()), ReportError);
  EXPECT_FALSE(fs::exists(dir));
}

TEST(WriteFileAtomically, FailsLoudlyWhenTheDirectoryIsMissing) {
  const fs::path dir = fresh_dir("missing");
  EXPECT_THROW(write_file_atomically((dir / "x" / "f.txt").string(), "data"), FileWriteError);
  const fs::path ok = fresh_dir("ok");
  fs::create_directories(ok);
  write_file_atomically((ok / "f.txt").string(), "data");
  EXPECT_EQ(read(ok / "f.txt"), "data");
}

}  // namespace
}  // namespace sts
