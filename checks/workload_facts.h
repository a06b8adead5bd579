// Facts about the submitted workloads that the Lab 06 / Level 2 / Project 5
// checks share: which objects run a database, where its data directory is,
// what the app's environment resolves to (ConfigMaps and Secrets included).
// Judged on Observations::manifests (the objects as submitted, after the
// namespace rewrite), so design checks work even when the run stopped early.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts {

// Every submitted object of a kind, in submission order.
std::vector<const Json*> manifests_of_kind(const Observations& obs, const std::string& kind);

// The containers of a workload's pod template (Deployment, StatefulSet,
// ReplicaSet, DaemonSet) or of a bare Pod; empty for other kinds.
std::vector<const Json*> containers_of(const Json& workload);

// "Deployment user-api"
std::string describe_object(const Json& object);

// The database-like software an image runs ("postgres", "redis", "mysql", …),
// from the last path component of its repository; "" when none is known.
std::string database_of_image(const std::string& image);
// The first container of the workload that runs a database image, nullptr if none.
const Json* database_container(const Json& workload);

// Where a known database keeps its data in this container: postgres' PGDATA
// (default /var/lib/postgresql/data), redis' --dir / `dir` (default /data, the
// image's working directory), mysql's /var/lib/mysql, mongo's /data/db.
// nullopt for software it does not know.
std::optional<std::string> data_dir_of(const Json& container, const std::string& database);
// The same with the container's environment resolved through ConfigMaps,
// Secrets and envFrom (resolved_env): PGDATA set in a ConfigMap counts.
std::optional<std::string> data_dir_of(const Observations& obs, const Json& container,
                                       const std::string& database);

// True when `path` is `mount` or inside it (path components, not prefixes:
// /data2 is not inside /data).
bool path_within(const std::string& path, const std::string& mount);

// One environment variable as the container will see it.
struct EnvValue {
  std::string name;
  std::string value;                 // "" when it cannot be resolved from the submission
  std::string source;                // "env", "ConfigMap app-config key DB_HOST", …
  bool resolved = true;
};
// env and envFrom of a container, with configMapKeyRef / secretKeyRef /
// envFrom resolved against the submitted ConfigMaps and Secrets (data,
// base64 data of Secrets, stringData). Later entries win, as in Kubernetes.
std::vector<EnvValue> resolved_env(const Observations& obs, const Json& container);

// A dotted-quad IPv4 address (not 0.0.0.0, not loopback) anywhere in the text.
std::optional<std::string> ipv4_in(const std::string& text);

// The host of a value that names a backend: the value itself ("postgres-0.x"),
// or the host part of a URL ("postgresql://u:p@host:5432/db" -> "host");
// a trailing ":port" is dropped.
std::string host_of(const std::string& value);

}  // namespace sts
