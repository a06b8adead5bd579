#include "checks/workload_facts.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "grader/base/base64.h"

namespace sts {

std::vector<const Json*> manifests_of_kind(const Observations& obs, const std::string& kind) {
  std::vector<const Json*> out;
  for (const Json& m : obs.manifests)
    if (str_at(m, {"kind"}) == kind) out.push_back(&m);
  return out;
}

std::vector<const Json*> containers_of(const Json& workload) {
  // A pod (whose "kind" a list item may lack) has its containers in spec.
  const Json& direct = node_at(workload, {"spec", "containers"});
  const Json& c = direct.is_array() ? direct : node_at(workload, {"spec", "template", "spec", "containers"});
  std::vector<const Json*> out;
  if (c.is_array())
    for (const Json& x : c) out.push_back(&x);
  return out;
}

std::string describe_object(const Json& object) {
  return str_at(object, {"kind"}) + " " + str_at(object, {"metadata", "name"});
}

std::string database_of_image(const std::string& image) {
  // docker.io/library/postgres:15 -> postgres; bitnami/redis@sha256:… -> redis
  std::string repo = image.substr(0, image.find('@'));
  size_t slash = repo.rfind('/');
  std::string name = slash == std::string::npos ? repo : repo.substr(slash + 1);
  name = name.substr(0, name.find(':'));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  // Exact repository names only: a student's "redis-cache-api" is an app.
  static const std::pair<const char*, const char*> kKnown[] = {
      {"postgres", "postgres"},   {"postgresql", "postgres"}, {"postgis", "postgres"},
      {"redis", "redis"},         {"redis-stack-server", "redis"}, {"valkey", "redis"},
      {"mysql", "mysql"},         {"mariadb", "mysql"},       {"mongo", "mongo"},
      {"mongodb", "mongo"},       {"rabbitmq", "rabbitmq"},   {"kafka", "kafka"},
      {"zookeeper", "zookeeper"}, {"etcd", "etcd"},           {"elasticsearch", "elasticsearch"},
      {"cassandra", "cassandra"}};
  for (const auto& [known, db] : kKnown)
    if (name == known) return db;
  return "";
}

const Json* database_container(const Json& workload) {
  for (const Json* c : containers_of(workload))
    if (!database_of_image(str_at(*c, {"image"})).empty()) return c;
  return nullptr;
}

namespace {

std::string env_literal(const Json& container, const std::string& name) {
  const Json& env = node_at(container, {"env"});
  std::string out;
  if (env.is_array())
    for (const Json& e : env)
      if (str_at(e, {"name"}) == name && e.contains("value")) out = str_at(e, {"value"});
  return out;
}

std::vector<std::string> words_of(const Json& container) {
  std::vector<std::string> out;
  for (const char* key : {"command", "args"}) {
    const Json& a = node_at(container, {key});
    if (!a.is_array()) continue;
    for (const Json& w : a) {
      if (!w.is_string()) continue;
      // `sh -c "redis-server --dir /x"`: split the script into words too.
      std::string s = w.get<std::string>();
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        size_t j = i;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
      }
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> data_dir_of(const Json& container, const std::string& database) {
  if (database == "postgres") {
    std::string pgdata = env_literal(container, "PGDATA");
    return pgdata.empty() ? "/var/lib/postgresql/data" : pgdata;
  }
  if (database == "redis") {
    std::vector<std::string> w = words_of(container);
    for (size_t i = 0; i + 1 < w.size(); ++i)
      if (w[i] == "--dir") return w[i + 1];
    return "/data";
  }
  if (database == "mysql") return "/var/lib/mysql";
  if (database == "mongo") return "/data/db";
  return std::nullopt;
}

std::optional<std::string> data_dir_of(const Observations& obs, const Json& container,
                                       const std::string& database) {
  if (database == "postgres") {
    std::string pgdata;
    for (const EnvValue& e : resolved_env(obs, container))
      if (e.name == "PGDATA" && e.resolved) pgdata = e.value;  // later entries win
    if (!pgdata.empty()) return pgdata;
  }
  return data_dir_of(container, database);
}

bool path_within(const std::string& path, const std::string& mount) {
  auto norm = [](std::string p) {
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
  };
  std::string p = norm(path), m = norm(mount);
  if (m == "/") return true;
  return p == m || (p.size() > m.size() && p.compare(0, m.size(), m) == 0 && p[m.size()] == '/');
}

namespace {

const Json* named_object(const Observations& obs, const std::string& kind, const std::string& name) {
  for (const Json& m : obs.manifests)
    if (str_at(m, {"kind"}) == kind && str_at(m, {"metadata", "name"}) == name) return &m;
  return nullptr;
}

// key of a ConfigMap or Secret; nullopt when absent.
std::optional<std::string> data_value(const Json& object, const std::string& key) {
  if (const Json& sd = node_at(object, {"stringData"}); sd.is_object() && sd.contains(key) && sd[key].is_string())
    return sd[key].get<std::string>();
  const Json& d = node_at(object, {"data"});
  if (!d.is_object() || !d.contains(key) || !d[key].is_string()) return std::nullopt;
  std::string v = d[key].get<std::string>();
  if (str_at(object, {"kind"}) != "Secret") return v;
  try {
    return base64_decode(v);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> data_keys(const Json& object) {
  std::vector<std::string> keys;
  for (const char* field : {"data", "stringData"})
    if (const Json& d = node_at(object, {field}); d.is_object())
      for (const auto& [k, v] : d.items()) keys.push_back(k);
  return keys;
}

}  // namespace

std::vector<EnvValue> resolved_env(const Observations& obs, const Json& container) {
  std::vector<EnvValue> out;
  auto put = [&out](EnvValue v) {
    out.erase(std::remove_if(out.begin(), out.end(), [&](const EnvValue& e) { return e.name == v.name; }),
              out.end());
    out.push_back(std::move(v));
  };
  // envFrom first: env entries override it.
  if (const Json& from = node_at(container, {"envFrom"}); from.is_array())
    for (const Json& f : from) {
      std::string prefix = str_at(f, {"prefix"});
      for (const char* kind : {"ConfigMap", "Secret"}) {
        std::string ref = str_at(f, {kind == std::string("ConfigMap") ? "configMapRef" : "secretRef", "name"});
        if (ref.empty()) continue;
        const Json* obj = named_object(obs, kind, ref);
        if (!obj) continue;
        for (const std::string& k : data_keys(*obj))
          put({prefix + k, data_value(*obj, k).value_or(""), std::string(kind) + " " + ref, true});
      }
    }
  if (const Json& env = node_at(container, {"env"}); env.is_array())
    for (const Json& e : env) {
      EnvValue v;
      v.name = str_at(e, {"name"});
      if (e.contains("value")) {
        v.value = str_at(e, {"value"});
        v.source = "env";
      } else {
        const char* kind = nullptr;
        std::string ref, key;
        if (std::string n = str_at(e, {"valueFrom", "configMapKeyRef", "name"}); !n.empty()) {
          kind = "ConfigMap", ref = n, key = str_at(e, {"valueFrom", "configMapKeyRef", "key"});
        } else if (std::string s = str_at(e, {"valueFrom", "secretKeyRef", "name"}); !s.empty()) {
          kind = "Secret", ref = s, key = str_at(e, {"valueFrom", "secretKeyRef", "key"});
        }
        if (!kind) {
          v.source = "valueFrom";
          v.resolved = false;
        } else {
          v.source = std::string(kind) + " " + ref + " key " + key;
          const Json* obj = named_object(obs, kind, ref);
          std::optional<std::string> val = obj ? data_value(*obj, key) : std::nullopt;
          v.resolved = val.has_value();
          v.value = val.value_or("");
        }
      }
      put(std::move(v));
    }
  return out;
}

std::optional<std::string> ipv4_in(const std::string& text) {
  static const std::regex kIp(R"((^|[^0-9.])((25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3})($|[^0-9.]))");
  auto begin = std::sregex_iterator(text.begin(), text.end(), kIp);
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    std::string ip = (*it)[2];
    if (ip == "0.0.0.0" || ip.rfind("127.", 0) == 0) continue;
    return ip;
  }
  return std::nullopt;
}

std::string host_of(const std::string& value) {
  std::string v = value;
  if (size_t scheme = v.find("://"); scheme != std::string::npos) {
    v = v.substr(scheme + 3);
    if (size_t at = v.rfind('@', v.find('/')); at != std::string::npos) v = v.substr(at + 1);
    v = v.substr(0, v.find_first_of("/?"));
  }
  if (size_t colon = v.rfind(':'); colon != std::string::npos &&
                                    v.find_first_not_of("0123456789", colon + 1) == std::string::npos)
    v = v.substr(0, colon);
  return v;
}

}  // namespace sts
