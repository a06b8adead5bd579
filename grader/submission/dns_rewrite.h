// Cluster DNS names that name the submission's own namespace
// ("postgres-0.postgres-headless.default.svc.cluster.local" in DB_HOST)
// would point outside the grading namespace once the objects are placed
// there: they are rewritten with the namespace (Lab 06 shows the FQDN form).
#pragma once
#include <string>
#include <vector>

#include "grader/base/json.h"

namespace sts {

// Replaces ".<ns>.svc" (ns one of `from`, followed by the end of the name)
// with ".<to>.svc" in every string of `object` outside metadata: env values,
// command and args, ConfigMap and Secret stringData values. Returns the
// number of strings changed.
int rewrite_namespace_dns(Json& object, const std::vector<std::string>& from, const std::string& to);

}  // namespace sts
