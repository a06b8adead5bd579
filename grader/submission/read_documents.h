// The submission's own documents: every *.md file under the submission folder,
// read before the run into Observations::documents, so checks can judge that
// a document and its sections are there (k8s/STATEFULSET.md of Lab 15, the
// design answers of Lab 04 section 3.4, Lab 06's design-decisions.md). What
// they say is the instructor's to judge.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "grader/model/documents.h"  // kTruncatedNote

namespace sts {

struct DocumentLimits {
  size_t max_files = 64;
  size_t max_bytes_per_file = 64 * 1024;   // longer files end with kTruncatedNote
  int max_depth = 6;
};

// Relative path ("k8s/STATEFULSET.md") -> text. Skips hidden folders (.git),
// node_modules, symlinks leaving the folder, and `exclude` (the report folder
// when it lies inside the submission: the grader's own STATEFULSET.md is not
// the student's). A submission that is a single file or unreadable yields
// nothing; never throws.
std::map<std::string, std::string> read_documents(const std::string& submission,
                                                  const std::vector<std::string>& exclude = {},
                                                  const DocumentLimits& limits = {});

}  // namespace sts
