#include "grader/cluster/api_client.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>

namespace sts {
namespace {

constexpr int kPageSize = 500;

std::string describe(const std::string& method, const std::string& path, int status,
                     const std::string& reason, const std::string& message) {
  std::string s = method + " " + path + ": ";
  if (status == 0) return s + message;
  s += std::to_string(status);
  if (!reason.empty()) s += " " + reason;
  if (!message.empty()) s += ": " + message;
  return s;
}


double jitter01() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

ApiError error_from_response(std::string_view method, const std::string& path,
                             const HttpResponse& r) {
  std::string reason, message;
  try {
    Json st = Json::parse(r.body);
    reason = str_at(st, {"reason"});
    message = str_at(st, {"message"});
  } catch (const Json::exception&) {
    // Not a Status (a proxy's HTML page, say): keep the start of it.
    message = r.body.substr(0, 300);
    message.erase(std::remove(message.begin(), message.end(), '\n'), message.end());
  }
  return ApiError(std::string(method), path, static_cast<int>(r.status), reason, message);
}

ApiError::ApiError(std::string method, std::string path, int status, std::string reason,
                   std::string message, bool aborted)
    : std::runtime_error(describe(method, path, status, reason, message)),
      method_(std::move(method)),
      path_(std::move(path)),
      status_(status),
      reason_(std::move(reason)),
      message_(std::move(message)),
      aborted_(aborted) {}

bool ApiError::transient(bool conflict_too) const {
  if (aborted_) return false;
  if (status_ == 0 || status_ == 429 || status_ >= 500) return true;
  return conflict_too && status_ == 409;
}

// ---- paths -------------------------------------------------------------------

const std::vector<ResourceKind>& resource_kinds() {
  static const std::vector<ResourceKind> kinds = {
      {"Pod", "/api/v1", "pods", true},
      {"PersistentVolumeClaim", "/api/v1", "persistentvolumeclaims", true},
      {"PersistentVolume", "/api/v1", "persistentvolumes", false},
      {"Service", "/api/v1", "services", true},
      {"Endpoints", "/api/v1", "endpoints", true},
      {"Event", "/api/v1", "events", true},
      {"Namespace", "/api/v1", "namespaces", false},
      {"ConfigMap", "/api/v1", "configmaps", true},
      {"Secret", "/api/v1", "secrets", true},
      {"ResourceQuota", "/api/v1", "resourcequotas", true},
      {"LimitRange", "/api/v1", "limitranges", true},
      {"StatefulSet", "/apis/apps/v1", "statefulsets", true},
      {"Deployment", "/apis/apps/v1", "deployments", true},
      {"ReplicaSet", "/apis/apps/v1", "replicasets", true},
      {"PodDisruptionBudget", "/apis/policy/v1", "poddisruptionbudgets", true},
      {"EndpointSlice", "/apis/discovery.k8s.io/v1", "endpointslices", true},
      {"StorageClass", "/apis/storage.k8s.io/v1", "storageclasses", false},
  };
  return kinds;
}

const ResourceKind& resource_kind(std::string_view kind) {
  for (const auto& k : resource_kinds())
    if (k.kind == kind) return k;
  std::string known;
  for (const auto& k : resource_kinds()) known += (known.empty() ? "" : ", ") + std::string(k.kind);
  throw std::invalid_argument("unknown resource kind \"" + std::string(kind) + "\" (known: " +
                              known + ")");
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

std::string with_query(std::string path, std::string_view key, std::string_view value) {
  path += path.find('?') == std::string::npos ? '?' : '&';
  path += key;
  path += '=';
  path += url_encode(value);
  return path;
}

std::string collection_path(const ResourceKind& k, const std::string& ns, const ListQuery& q) {
  std::string p(k.api_prefix);
  if (k.namespaced && !ns.empty()) p += "/namespaces/" + url_encode(ns);
  p += "/";
  p += k.plural;
  if (!q.label_selector.empty()) p = with_query(p, "labelSelector", q.label_selector);
  if (!q.field_selector.empty()) p = with_query(p, "fieldSelector", q.field_selector);
  return p;
}

std::string object_path(const ResourceKind& k, const std::string& ns, const std::string& name,
                        const std::string& subresource) {
  std::string p = collection_path(k, ns) + "/" + url_encode(name);
  if (!subresource.empty()) p += "/" + subresource;
  return p;
}

// ---- calls -------------------------------------------------------------------

ApiClient::ApiClient(ClusterCredentials creds, HttpOptions http, RetryPolicy retry)
    : http_(std::move(creds), std::move(http)), retry_(retry) {}

Json ApiClient::call(std::string_view method, const std::string& path, const Json* body,
                     const std::string& content_type) {
  HttpResponse r;
  try {
    r = http_.request(method, path, body ? body->dump() : "", content_type);
  } catch (const HttpTransportError& e) {
    throw ApiError(std::string(method), path, 0, "", e.detail(), e.aborted());
  }
  if (r.status < 200 || r.status >= 300) throw error_from_response(method, path, r);
  if (r.body.empty()) return Json();
  try {
    return Json::parse(r.body);
  } catch (const Json::exception& e) {
    throw ApiError(std::string(method), path, static_cast<int>(r.status), "",
                   std::string("answer is not JSON: ") + e.what());
  }
}

void ApiClient::sleep_unless_aborted(std::chrono::milliseconds d) {
  auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until && !http_.aborted())
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
        std::chrono::milliseconds(50),
        std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now())));
}

template <typename F>
Json ApiClient::with_retry(std::string_view method, const std::string& path, F attempt) {
  auto start = std::chrono::steady_clock::now();
  auto delay = retry_.initial_delay;
  for (;;) {
    try {
      return attempt();
    } catch (const ApiError& e) {
      if (!e.transient()) throw;
      // Full jitter in [delay/2, delay]: callers on many threads spread out.
      auto d = std::chrono::milliseconds(
          static_cast<long>(delay.count() * (0.5 + 0.5 * jitter01())));
      if (std::chrono::steady_clock::now() + d - start > retry_.max_total) throw;
      ++retries_;
      sleep_unless_aborted(d);
      if (http_.aborted())
        throw ApiError(std::string(method), path, 0, "", "aborted while retrying: " +
                                                             std::string(e.what()), true);
      delay = std::min(delay * 2, retry_.max_delay);
    }
  }
}

Json ApiClient::get(const std::string& path) {
  return with_retry("GET", path, [&] { return call("GET", path, nullptr, ""); });
}

Json ApiClient::list(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    Json result;
    Json items = Json::array();
    std::string cont;
    try {
      do {
        std::string page = with_query(path, "limit", std::to_string(kPageSize));
        if (!cont.empty()) page = with_query(page, "continue", cont);
        Json r = with_retry("GET", page, [&] { return call("GET", page, nullptr, ""); });
        if (result.is_null()) {
          result = {{"apiVersion", r.value("apiVersion", "")},
                    {"kind", r.value("kind", "")},
                    {"metadata", {{"resourceVersion", str_at(r, {"metadata", "resourceVersion"})}}}};
        }
        if (r.contains("items") && r["items"].is_array())
          for (auto& it : r["items"]) items.push_back(std::move(it));
        cont = str_at(r, {"metadata", "continue"});
      } while (!cont.empty());
    } catch (const ApiError& e) {
      // A continue token expires (410) when paging is slower than etcd
      // compaction; a fresh list from the start is the documented remedy.
      if (e.gone() && !cont.empty() && attempt < 2) continue;
      throw;
    }
    // List items carry no kind/apiVersion; watch objects do. Make them alike.
    std::string item_kind = result.value("kind", "");
    if (item_kind.size() > 4 && item_kind.ends_with("List"))
      item_kind.resize(item_kind.size() - 4);
    for (auto& it : items) {
      if (!it.is_object()) continue;
      if (!it.contains("kind") && !item_kind.empty()) it["kind"] = item_kind;
      if (!it.contains("apiVersion")) it["apiVersion"] = result["apiVersion"];
    }
    result["items"] = std::move(items);
    return result;
  }
}

Json ApiClient::create(const std::string& path, const Json& body) {
  return call("POST", path, &body, "application/json");
}

Json ApiClient::replace(const std::string& path, const Json& body) {
  return call("PUT", path, &body, "application/json");
}

Json ApiClient::merge_patch(const std::string& path, const Json& body) {
  return call("PATCH", path, &body, "application/merge-patch+json");
}

Json ApiClient::del(const std::string& path, const Json& options) {
  return with_retry("DELETE", path, [&]() -> Json {
    try {
      return call("DELETE", path, options.is_null() ? nullptr : &options, "application/json");
    } catch (const ApiError& e) {
      if (e.not_found()) return Json();  // gone already (maybe by our earlier try)
      throw;
    }
  });
}

Json ApiClient::version() { return get("/version"); }

}  // namespace sts
