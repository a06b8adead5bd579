// The pod lifecycle chart: one Mermaid gantt bar per pod life.
#pragma once
#include <string>
#include <vector>

#include "grader/model/timeline.h"

namespace sts {

// A Mermaid `gantt` diagram (without the ``` fence) with a section per pod
// name, a bar per life from creation to deletion (or `end_t`, the end of the
// run) and a milestone where the life became Ready. Times are milliseconds
// (`dateFormat x`) since `started_at_unix` when that is known, so the axis
// shows the run's wall-clock time; otherwise since the run's start.
std::string pod_lifecycle_gantt(const std::vector<PodLife>& lives, double end_t,
                                double started_at_unix);

}  // namespace sts
