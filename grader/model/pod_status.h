// Reading a Pod object's status: shared by the timeline (what happened) and
// the wait conditions (what holds now), so both judge readiness alike.
#pragma once
#include "grader/base/json.h"

namespace sts {
// condition Ready == True
bool pod_ready(const Json& pod);
// metadata.deletionTimestamp set
bool terminating(const Json& obj);
}  // namespace sts
