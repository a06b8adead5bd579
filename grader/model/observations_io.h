// Observations as JSON: lossless serialization, so a real run can be recorded
// (`sts-grader grade --record FILE`) and its observations replayed into the
// checks by unit tests (tests/recorded/*.observations.json).
//
// Format "sts-grader/observations/v2": one JSON object whose keys mirror the
// fields of Observations (observations.h); v1 recordings (DNS lookups and
// HTTP exchanges keyed "dns" and "http") are read too. Each record (a volume
// read, a lookup, an exchange...) has one JSON shape, written by one function
// below for both the recording and report.json's observations section. Strings that are not valid UTF-8
// (bytes read from a volume or an exec's output can be anything) are written
// as {"base64": "..."} so that every byte survives; the reader accepts both.
// Doubles are written with round-trip precision. Keys added within a version
// (documents, long_files, snapshots' deployments and replicasets, debug) are
// optional on reading, so earlier recordings stay valid.
#pragma once
#include <stdexcept>
#include <string>

#include "grader/base/json.h"
#include "grader/model/observations.h"

namespace sts {

inline constexpr const char* kObservationsSchema = "sts-grader/observations/v2";
inline constexpr const char* kObservationsSchemaV1 = "sts-grader/observations/v1";

// Who reads a record: the recording keeps every byte and field (strings that
// are not UTF-8 as {"base64": …}, files as [{path, content}], long_files, the
// exec's output); report.json (docs/report-json-schema.md) keeps what a
// person or an LMS reads: plain strings, files as {path: excerpt}, the exec's
// exit code, error and times.
enum class RecordView { kRecording, kReport };
Json exec_record_json(const ExecRecord& e, RecordView v);
Json mark_json(const Mark& m, RecordView v);
Json volume_read_json(const VolumeRead& r, RecordView v);
Json marker_write_json(const MarkerWrite& w, RecordView v);
Json dns_lookup_json(const DnsLookup& d, RecordView v);
Json http_exchange_json(const HttpExchange& x, RecordView v);
Json step_failure_json(const StepFailure& f, RecordView v);
Json pod_debug_json(const PodDebug& p, RecordView v);
// A list of records as a JSON array, each written by `to_json` for `v`.
template <typename T, typename F>
Json records_json(const std::vector<T>& xs, F to_json, RecordView v) {
  Json a = Json::array();
  for (const T& x : xs) a.push_back(to_json(x, v));
  return a;
}

struct ObservationsJsonOptions {
  // Drop metadata.managedFields from every API object (timeline events and
  // snapshots). No check reads them and they are most of a recording's bytes.
  // Lossy on purpose; recordings for tests use it.
  bool strip_managed_fields = false;
};

// Malformed input: the message names the path, e.g.
// "observations: timeline[12].seq: expected an integer, got string".
struct ObservationsFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Json observations_to_json(const Observations& obs, const ObservationsJsonOptions& opt = {});
// Throws ObservationsFormatError (a std::runtime_error) on a wrong schema,
// wrong types or unknown keys; missing keys keep the field's default.
Observations observations_from_json(const Json& j);

// File helpers: write pretty-printed JSON (atomically: temp file + rename);
// read and parse (std::runtime_error naming the file on any problem).
void write_observations_file(const std::string& path, const Observations& obs,
                             const ObservationsJsonOptions& opt = {});
Observations read_observations_file(const std::string& path);

}  // namespace sts
