// report.json: the machine-readable report, schema "sts-grader/report/v1",
// documented field by field in docs/report-json-schema.md. Fields are only
// ever added within v1; a removal or change of meaning is a new version.
#pragma once
#include <string>

#include "grader/base/json.h"
#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {

inline constexpr const char* kReportSchema = "sts-grader/report/v1";

Json report_json(const RunInfo& run, const Score& score, const Observations& obs);
// report_json as text, pretty-printed; invalid UTF-8 in student content is replaced.
std::string render_json(const RunInfo& run, const Score& score, const Observations& obs);

}  // namespace sts
