#include "grader/submission/read_documents.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sts {
namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("docs-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

TEST(Documents, ReadsMarkdownFilesByRelativePath) {
  TempDir d;
  d.write("k8s/STATEFULSET.md", "# StatefulSet\n");
  d.write("README.MD", "readme");
  d.write("k8s/statefulset.yaml", "kind: StatefulSet");
  d.write(".git/notes.md", "hidden");
  d.write("node_modules/x/README.md", "vendored");
  d.write("sts-grader-report/STATEFULSET.md", "# StatefulSet report: the grader's own");
  auto docs = read_documents(d.path.string(), {(d.path / "sts-grader-report").string()});
  EXPECT_EQ(docs, (std::map<std::string, std::string>{{"README.MD", "readme"},
                                                     {"k8s/STATEFULSET.md", "# StatefulSet\n"}}));
}

TEST(Documents, BoundsFilesAndSize) {
  TempDir d;
  d.write("a.md", std::string(100, 'x'));
  d.write("b.md", "b");
  d.write("c.md", "c");
  DocumentLimits lim;
  lim.max_bytes_per_file = 10;
  lim.max_files = 2;
  auto docs = read_documents(d.path.string(), {}, lim);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs["a.md"], std::string(10, 'x') + kTruncatedNote);
  EXPECT_EQ(docs["b.md"], "b");
}

TEST(Documents, MissingOrFileSubmissionYieldsNothing) {
  TempDir d;
  d.write("one.yaml", "x");
  EXPECT_TRUE(read_documents((d.path / "one.yaml").string()).empty());
  EXPECT_TRUE(read_documents((d.path / "nope").string()).empty());
}

TEST(Documents, SymlinkOutOfTheFolderIsNotFollowed) {
  TempDir d, outside;
  outside.path = outside.path.string() + "-outside";
  fs::create_directories(outside.path);
  outside.write("secret.md", "not the student's");
  fs::create_symlink(outside.path / "secret.md", d.path / "link.md");
  EXPECT_TRUE(read_documents(d.path.string()).empty());
}

TEST(Documents, FindPrefersTheExactPathThenAUniqueName) {
  std::map<std::string, std::string> docs = {{"STATEFULSET.md", "root"}, {"k8s/StatefulSet.md", "k8s"}};
  std::string path;
  ASSERT_NE(find_document(docs, "k8s/STATEFULSET.md", &path), nullptr);
  EXPECT_EQ(path, "k8s/StatefulSet.md");
  docs.erase("k8s/StatefulSet.md");
  EXPECT_EQ(*find_document(docs, "k8s/STATEFULSET.md", &path), "root");
  docs["docs/statefulset.md"] = "other";
  EXPECT_EQ(find_document(docs, "k8s/STATEFULSET.md"), nullptr);   // two candidates: ambiguous
  EXPECT_EQ(find_document({}, "k8s/STATEFULSET.md"), nullptr);
}

}  // namespace
}  // namespace sts
