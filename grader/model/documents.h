// Looking up one of the submission's documents in Observations::documents
// (read before the run by grader/submission/read_documents.h): what a check
// needs to find k8s/STATEFULSET.md or the design answers.
#pragma once
#include <map>
#include <string>

namespace sts {

// Appended to a document cut at its size limit.
inline constexpr const char* kTruncatedNote = "\n[… truncated by sts-grader]\n";

// The document at `want` (case-insensitive), else the only one with that file
// name anywhere; nullptr when none or ambiguous. Sets *path to the key found.
const std::string* find_document(const std::map<std::string, std::string>& docs,
                                 const std::string& want, std::string* path = nullptr);

}  // namespace sts
