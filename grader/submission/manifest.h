// Reading a submission: every YAML document of every *.yaml/*.yml file under
// a folder, as JSON objects that remember where they came from.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/base/source_pos.h"

namespace sts {

// A mapping key written twice in one object. helm install and kubectl apply
// decode with apimachinery's YAMLOrJSONDecoder, which keeps the last value
// (docs/submission-discovery.md H2), so the grader does the same and says so.
struct DuplicateKey {
  std::string pointer;               // JSON pointer of the key
  SourcePos pos;                     // the later key
  std::string first, last;           // the values, as JSON
};

struct Manifest {
  Json object;
  std::vector<DuplicateKey> duplicates;
  SourcePos pos;                     // start of the document
  // JSON pointer ("/spec/serviceName") -> position of that node in the file,
  // so diagnostics can name the line of the offending field.
  std::map<std::string, SourcePos> positions;

  std::string kind() const;
  std::string name() const;
  std::string namespace_() const;
  SourcePos where(const std::string& pointer) const;  // nearest known ancestor
};

// Bad input: names file:line:col. The run is "not gradable" and nothing is applied.
struct ManifestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A submission the grader refuses to read, before any tool or cluster sees
// it: a symlink leaving the folder, a special file, a size bound, a remote
// kustomize base. `rule` is a "source/…" id of docs/lint-rules.md; what()
// is "file:line:col: message [rule]".
struct SubmissionRefused : ManifestError {
  SubmissionRefused(std::string rule, SourcePos pos, std::string message);
  std::string rule;
  SourcePos pos;
  std::string message;
};

// Reads a file or a folder (recursively, sorted, *.yaml and *.yml; hidden
// folders skipped). Empty documents are dropped; `kind: List` is flattened.
std::vector<Manifest> read_manifests(const std::string& path);
std::vector<Manifest> parse_manifests(const std::string& text, const std::string& file);

// Parses one plain YAML document (a scenario, a rubric) to JSON, recording
// the position of every node by JSON pointer. Throws ManifestError file:line:col.
Json parse_yaml_document(const std::string& text, const std::string& file,
                         std::map<std::string, SourcePos>& positions);

// Converts one YAML scalar the way Kubernetes' YAML reader types it.
Json yaml_scalar_to_json(const std::string& value, bool quoted);

}  // namespace sts
