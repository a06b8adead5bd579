// A class roster for batch grading: who submitted what, and when.
//
// Either a CSV file whose header names the columns
//     student,submission[,ref][,submitted_at][,chart,values,set,set_string,release,image_map]
// (submission: a folder of manifests, or with `ref` a local git repository
// and the tree-ish to grade, e.g. `main`, `v1.0`, `main:k8s`; paths relative
// to the CSV's folder; submitted_at: a time as grader/grading/lateness.h reads it),
// or a folder whose subfolders are the submissions, named by student id.
// The optional chart/values/set/set_string/release columns override, for
// that student, the batch-wide flags of the same kind (values: several files
// separated by ';'; set: one --set argument, helm splits its commas);
// image_map (FROM=TO, several separated by ';') adds to the batch's maps.
// Every mistake is reported as file:line before anything is graded.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sts {

struct RosterEntry {
  std::string student;               // id; names the student's output folder
  std::string submission;            // absolute path: a folder, or a git repository with ref
  std::string ref;                   // git tree-ish; "" for a folder
  std::string submitted_at;          // as written; "" unknown
  std::optional<std::int64_t> submitted_unix;
  std::string where;                 // "roster.csv:4", for messages
  // The row's own rendering flags, e.g. {"--chart", "k8s/visits"}, {"--values", "a.yaml"}.
  std::vector<std::pair<std::string, std::string>> overrides;
};

// `batch_args` (grade flags for every student) with the row's overrides:
// each flag the row sets replaces the batch-wide ones of that flag.
std::vector<std::string> with_roster_overrides(const std::vector<std::string>& batch_args, const RosterEntry& e);

struct Roster {
  std::string source;
  std::vector<RosterEntry> entries;
};

struct RosterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws RosterError ("file:line: what"), listing every problem found.
Roster load_roster(const std::string& path);

// "" when `id` can name a folder and a gradebook row, else why not.
std::string student_id_problem(const std::string& id);

// A student's git repository is hostile input: its config, hooks,
// .gitattributes filters, alternates and promisor remotes must not run or be
// read. Both functions copy only the object store (no objects/info, no
// symlinks) and refs into a fresh repository of the grader's own, and read
// that with system and global config off; they never set safe.directory.
// The tree id of `ref` (e.g. main, v1, main:k8s); "" and *error when none.
std::string git_tree_id(const std::string& repo, const std::string& ref, std::string* error);
// Writes the tree of `ref` into the empty folder `dest` from its blobs (git
// ls-tree + cat-file --batch, no checkout, no filter): regular files and
// in-tree symlinks only (submodules skipped); paths with "..", ".git" or a
// leading "/" refuse the whole tree. Returns "" or why not.
std::string extract_git_tree(const std::string& repo, const std::string& ref, const std::string& dest);

// One CSV record (RFC 4180 quoting, on one line); throws std::invalid_argument
// on an unterminated quote.
std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace sts
