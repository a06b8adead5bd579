#include "grader/scenario/volume_read.h"

#include <gtest/gtest.h>

#include "grader/cluster/kubectl.h"

namespace sts {
namespace {
using namespace std::chrono_literals;

// Runs the real script with the machine's sh against a temp folder.
VolumeRead read_dir(const std::string& dir) {
  auto cmd = read_volume_command("@@B@@", dir);
  auto r = run_process(cmd, "", 10s);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  VolumeRead v;
  parse_volume_listing(r.out, "@@B@@", v);
  return v;
}

std::string make_dir() {
  char tmpl[] = "/tmp/sts-volread-XXXXXX";
  return mkdtemp(tmpl);
}

TEST(VolumeRead, ReadsFilesMarkerAndKeepsContentExact) {
  std::string d = make_dir();
  auto r = run_process({"sh", "-c", "cd " + d +
                                        " && printf 'Pod: web-1\\nDate: x\\n' > index.html && "
                                        "mkdir sub && printf 'no newline' > 'sub/a b.txt' && "
                                        "printf 'tok\\n' > .sts-grader-marker"},
                       "", 5s);
  ASSERT_EQ(r.exit_code, 0);
  VolumeRead v = read_dir(d);
  EXPECT_TRUE(v.ok);
  EXPECT_FALSE(v.truncated);
  ASSERT_EQ(v.files.size(), 2u);
  EXPECT_EQ(v.files["index.html"], "Pod: web-1\nDate: x\n");
  EXPECT_EQ(v.files["sub/a b.txt"], "no newline");
  EXPECT_EQ(v.marker, "tok");
}

TEST(VolumeRead, BoundsFilesAndBytes) {
  std::string d = make_dir();
  auto r = run_process({"sh", "-c", "cd " + d + " && for i in $(seq 1 25); do echo $i > f$i; done"
                                        " && head -c 5000 /dev/zero | tr '\\0' x > f1"},
                       "", 5s);
  ASSERT_EQ(r.exit_code, 0);
  VolumeRead v = read_dir(d);
  EXPECT_TRUE(v.ok);
  EXPECT_TRUE(v.truncated);
  EXPECT_EQ(v.files.size(), static_cast<size_t>(kMaxFiles));
  EXPECT_EQ(v.files["f1"].size(), kExcerptBytes);       // the excerpt reports show
  EXPECT_EQ(v.long_files["f1"].size(), 5000u);           // the whole file, for checks
  EXPECT_TRUE(v.marker.empty());
}

// The issue's variant: the pod's name after byte 1024 of the proof file was
// never read (`head -c 1024`). Now the whole file up to 64 KiB is, and
// `truncated` says only what lies beyond that.
TEST(VolumeRead, AProofAfterTheFirstKilobyteIsRead) {
  std::string d = make_dir();
  auto r = run_process({"sh", "-c", "cd " + d + " && head -c 3000 /dev/zero | tr '\\0' '#' > log.txt"
                                        " && printf '\\npod=web-1\\n' >> log.txt"},
                       "", 5s);
  ASSERT_EQ(r.exit_code, 0);
  VolumeRead v = read_dir(d);
  EXPECT_TRUE(v.ok);
  EXPECT_FALSE(v.truncated);
  EXPECT_EQ(v.files["log.txt"].size(), kExcerptBytes);
  EXPECT_EQ(v.files["log.txt"].find("pod=web-1"), std::string::npos);
  ASSERT_EQ(v.long_files.count("log.txt"), 1u);
  EXPECT_NE(v.long_files["log.txt"].find("pod=web-1"), std::string::npos);
  EXPECT_EQ(v.long_files["log.txt"].size(), 3000u + 11u);
}

TEST(VolumeRead, AFileBeyondTheBoundIsTruncated) {
  std::string d = make_dir();
  auto r = run_process({"sh", "-c", "cd " + d + " && head -c 70000 /dev/zero | tr '\\0' x > big"}, "", 5s);
  ASSERT_EQ(r.exit_code, 0);
  VolumeRead v = read_dir(d);
  EXPECT_TRUE(v.ok);
  EXPECT_TRUE(v.truncated);
  EXPECT_EQ(v.long_files["big"].size(), static_cast<size_t>(kMaxFileBytes));
}

TEST(VolumeRead, MissingFolderIsNotOk) {
  VolumeRead v = read_dir("/nonexistent/sts");
  EXPECT_FALSE(v.ok);
}

TEST(VolumeRead, OutputWithoutDoneIsNotOk) {
  VolumeRead v;
  parse_volume_listing("@@B@@ begin\n@@B@@ file ./a 1\nx\n", "@@B@@", v);
  EXPECT_FALSE(v.ok);
}

}  // namespace
}  // namespace sts
