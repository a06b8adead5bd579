#include "checks/workload_facts.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(WorkloadFacts, DatabaseOfImage) {
  EXPECT_EQ(database_of_image("docker.io/library/postgres:15"), "postgres");
  EXPECT_EQ(database_of_image("postgres"), "postgres");
  EXPECT_EQ(database_of_image("bitnami/postgresql@sha256:abc"), "postgres");
  EXPECT_EQ(database_of_image("redis:7-alpine"), "redis");
  EXPECT_EQ(database_of_image("mongo:7"), "mongo");
  // An app named after its database is not the database.
  EXPECT_EQ(database_of_image("docker.io/stsgrader/user-api:1.0"), "");
  EXPECT_EQ(database_of_image("johndoe/redis-cache-api:1.0"), "");   // an app named after its backend
  EXPECT_EQ(database_of_image("myregistry:5000/team/cache-api:1.0"), "");
}

TEST(WorkloadFacts, DataDirOfPostgresFollowsPgdata) {
  Json c = {{"image", "postgres:15"}};
  EXPECT_EQ(data_dir_of(c, "postgres"), "/var/lib/postgresql/data");
  c["env"] = Json::array({{{"name", "PGDATA"}, {"value", "/var/lib/postgresql/data/pgdata"}}});
  EXPECT_EQ(data_dir_of(c, "postgres"), "/var/lib/postgresql/data/pgdata");
}

// PGDATA from a ConfigMap (valueFrom or envFrom) is where postgres writes:
// the variant was judged at the default directory.
TEST(WorkloadFacts, DataDirOfPostgresFollowsPgdataFromAConfigMap) {
  Observations obs;
  obs.manifests.push_back({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "pg"}}},
                           {"data", {{"PGDATA", "/srv/pg/data"}}}});
  Json c = {{"image", "postgres:15"}, {"envFrom", Json::array({{{"configMapRef", {{"name", "pg"}}}}})}};
  EXPECT_EQ(data_dir_of(obs, c, "postgres"), "/srv/pg/data");
  EXPECT_EQ(data_dir_of(c, "postgres"), "/var/lib/postgresql/data");  // the literal-only reading
  Json k = {{"image", "postgres:15"},
            {"env", Json::array({{{"name", "PGDATA"},
                                  {"valueFrom", {{"configMapKeyRef", {{"name", "pg"}, {"key", "PGDATA"}}}}}}})}};
  EXPECT_EQ(data_dir_of(obs, k, "postgres"), "/srv/pg/data");
  // Not resolvable from the submission: the image's default, as before.
  Json missing = {{"image", "postgres:15"}, {"envFrom", Json::array({{{"configMapRef", {{"name", "other"}}}}})}};
  EXPECT_EQ(data_dir_of(obs, missing, "postgres"), "/var/lib/postgresql/data");
}

TEST(WorkloadFacts, DataDirOfRedisFollowsDirArgument) {
  Json c = {{"image", "redis:7"}};
  EXPECT_EQ(data_dir_of(c, "redis"), "/data");
  c["args"] = Json::array({"--appendonly", "yes", "--dir", "/var/lib/redis"});
  EXPECT_EQ(data_dir_of(c, "redis"), "/var/lib/redis");
  c.erase("args");
  c["command"] = Json::array({"sh", "-c", "exec redis-server --dir /srv/redis --appendonly yes"});
  EXPECT_EQ(data_dir_of(c, "redis"), "/srv/redis");
  EXPECT_FALSE(data_dir_of(c, "kafka").has_value());
}

TEST(WorkloadFacts, PathWithinComparesComponents) {
  EXPECT_TRUE(path_within("/var/lib/postgresql/data/pgdata", "/var/lib/postgresql/data"));
  EXPECT_TRUE(path_within("/data", "/data/"));
  EXPECT_TRUE(path_within("/data", "/"));
  EXPECT_FALSE(path_within("/data2", "/data"));
  EXPECT_FALSE(path_within("/var/lib/postgresql", "/var/lib/postgresql/data"));
}

TEST(WorkloadFacts, ResolvedEnvFollowsConfigMapsSecretsAndOverrides) {
  Observations obs;
  obs.manifests = {{{"kind", "ConfigMap"}, {"metadata", {{"name", "cfg"}}},
                    {"data", {{"DB_HOST", "postgres-0.postgres-headless"}, {"DB_PORT", "5432"}}}},
                   {{"kind", "Secret"}, {"metadata", {{"name", "sec"}}},
                    {"data", {{"DB_PASSWORD", "c2VjcmV0"}}}},           // base64 "secret"
                   {{"kind", "Secret"}, {"metadata", {{"name", "plain"}}}, {"stringData", {{"USER", "app"}}}}};
  Json c = {{"envFrom", Json::array({{{"configMapRef", {{"name", "cfg"}}}}, {{"secretRef", {{"name", "plain"}}}, {"prefix", "DB_"}}})},
            {"env", Json::array({{{"name", "DB_PORT"}, {"value", "6543"}},
                                 {{"name", "DB_PASSWORD"}, {"valueFrom", {{"secretKeyRef", {{"name", "sec"}, {"key", "DB_PASSWORD"}}}}}},
                                 {{"name", "MISSING"}, {"valueFrom", {{"configMapKeyRef", {{"name", "nope"}, {"key", "x"}}}}}}})}};
  std::map<std::string, EnvValue> env;
  for (const EnvValue& e : resolved_env(obs, c)) env[e.name] = e;
  EXPECT_EQ(env["DB_HOST"].value, "postgres-0.postgres-headless");
  EXPECT_EQ(env["DB_HOST"].source, "ConfigMap cfg");
  EXPECT_EQ(env["DB_PORT"].value, "6543");               // env wins over envFrom
  EXPECT_EQ(env["DB_PASSWORD"].value, "secret");
  EXPECT_EQ(env["DB_USER"].value, "app");                 // prefix, stringData
  EXPECT_FALSE(env["MISSING"].resolved);
}

TEST(WorkloadFacts, Ipv4AndHosts) {
  EXPECT_EQ(ipv4_in("10.244.0.5"), "10.244.0.5");
  EXPECT_EQ(ipv4_in("postgresql://u:p@10.1.2.3:5432/db"), "10.1.2.3");
  EXPECT_FALSE(ipv4_in("postgres-0.postgres-headless").has_value());
  EXPECT_FALSE(ipv4_in("0.0.0.0").has_value());
  EXPECT_FALSE(ipv4_in("127.0.0.1").has_value());
  EXPECT_FALSE(ipv4_in("version 1.2.3.4.5").has_value());
  EXPECT_EQ(host_of("postgres-0.postgres-headless"), "postgres-0.postgres-headless");
  EXPECT_EQ(host_of("redis-0.redis-headless:6379"), "redis-0.redis-headless");
  EXPECT_EQ(host_of("postgresql://user:p@ss@postgres-0.pg:5432/app?sslmode=disable"), "postgres-0.pg");
  EXPECT_EQ(host_of("redis://queue-0.queue-headless/0"), "queue-0.queue-headless");
}

TEST(WorkloadFacts, ContainersOfWorkloadsAndPods) {
  Json dep = {{"kind", "Deployment"}, {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "a"}}})}}}}}}}};
  Json pod = {{"spec", {{"containers", Json::array({{{"name", "b"}, {"image", "redis:7"}}})}}}};  // a list item: no kind
  ASSERT_EQ(containers_of(dep).size(), 1u);
  ASSERT_EQ(containers_of(pod).size(), 1u);
  EXPECT_NE(database_container(pod), nullptr);
  EXPECT_EQ(database_container(dep), nullptr);
}

}  // namespace
}  // namespace sts
