// Where the rubrics and scenarios the grader ships live.
#pragma once
#include <string>

#include "grader/grading/rubric.h"

namespace sts {

// $STS_GRADER_DATA, beside the binary (../share/sts-grader), or the source
// tree it was built from.
std::string data_dir();

// `given` (--rubric), or the default rubric (Lab 04 §3.3) when empty.
std::string rubric_path_or_default(const std::string& given);

// `given` (--scenario), or the rubric's own: scenarios/<rubric.scenario>.yaml
// beside the rubric's folder.
std::string scenario_path_or_default(const std::string& given, const std::string& rubric_path,
                                     const Rubric& rubric);

}  // namespace sts
