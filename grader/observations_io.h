// Observations as JSON: lossless serialization, so a real run can be recorded
// (`sts-grader grade --record FILE`) and its observations replayed into the
// checks by unit tests (tests/recorded/*.observations.json).
//
// Format "sts-grader/observations/v1": one JSON object whose keys mirror the
// fields of Observations (observations.h). Strings that are not valid UTF-8
// (bytes read from a volume or an exec's output can be anything) are written
// as {"base64": "..."} so that every byte survives; the reader accepts both.
// Doubles are written with round-trip precision. Keys added since (http,
// documents, snapshots' deployments and replicasets) are optional on reading,
// so earlier recordings stay valid v1.
#pragma once
#include <stdexcept>
#include <string>

#include "grader/json.h"
#include "grader/observations.h"

namespace sts {

inline constexpr const char* kObservationsSchema = "sts-grader/observations/v1";

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
