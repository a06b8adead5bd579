// ApiClient: the Kubernetes REST calls the grader makes, on one HttpClient.
//
// Like HttpClient it belongs to one thread. Idempotent calls (get, list, del)
// retry transient failures with exponential backoff and jitter, within a
// bounded total time; the caller gets the last error. Writes do not retry:
// the caller knows whether repeating one is safe.
#pragma once
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "grader/cluster/http_client.h"
#include "grader/base/json.h"
#include "grader/cluster/kubeconfig.h"

namespace sts {

// A failed call: an HTTP error answer (with the Status reason/message the API
// server put in the body) or no answer at all (status 0).
class ApiError : public std::runtime_error {
 public:
  ApiError(std::string method, std::string path, int status, std::string reason,
           std::string message, bool aborted = false);

  int status() const { return status_; }          // 0: no HTTP answer
  const std::string& reason() const { return reason_; }    // e.g. NotFound, AlreadyExists, Expired
  const std::string& status_message() const { return message_; }
  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }

  bool transport() const { return status_ == 0; }
  bool aborted() const { return aborted_; }        // an abort flag, never transient
  // Worth retrying: no answer (not aborted), 429, 5xx; and 409 Conflict when
  // the caller re-reads before retrying (conflict_too).
  bool transient(bool conflict_too = false) const;
  bool not_found() const { return status_ == 404; }
  bool gone() const { return status_ == 410; }     // resourceVersion too old / continue expired
  bool conflict() const { return status_ == 409; }

 private:
  std::string method_, path_;
  int status_;
  std::string reason_, message_;
  bool aborted_;
};

struct RetryPolicy {
  std::chrono::milliseconds initial_delay{250};
  std::chrono::milliseconds max_delay{4'000};
  std::chrono::milliseconds max_total{30'000};     // from the first attempt

  // For "is the cluster there at all?" before a run: a user without a
  // cluster hears so in seconds, while a blip still gets retried.
  static RetryPolicy quick() {
    return {std::chrono::milliseconds(250), std::chrono::seconds(2), std::chrono::seconds(10)};
  }
};

// The kinds the grader reads or writes, and where they live in the API.
struct ResourceKind {
  std::string_view kind;             // "Pod"
  std::string_view api_prefix;       // "/api/v1", "/apis/apps/v1"
  std::string_view plural;           // "pods"
  bool namespaced;
};
const std::vector<ResourceKind>& resource_kinds();
// Throws std::invalid_argument naming the known kinds.
const ResourceKind& resource_kind(std::string_view kind);

struct ListQuery {
  std::string label_selector;        // "app=web,tier in (db)"
  std::string field_selector;        // "metadata.name=web-0"
};

// /api/v1/namespaces/<ns>/pods?labelSelector=... ; ns "" -> all namespaces
// (or a cluster-scoped kind, whose ns is ignored).
std::string collection_path(const ResourceKind& k, const std::string& ns = "",
                            const ListQuery& q = {});
// .../pods/<name>[/<subresource>]
std::string object_path(const ResourceKind& k, const std::string& ns, const std::string& name,
                        const std::string& subresource = "");
// Appends key=value (value percent-encoded) with '?' or '&' as needed.
std::string with_query(std::string path, std::string_view key, std::string_view value);
std::string url_encode(std::string_view s);

// The ApiError for a non-2xx answer: the Status object's reason and message
// when the body is one, else the start of the body.
ApiError error_from_response(std::string_view method, const std::string& path,
                             const HttpResponse& r);

class ApiClient {
 public:
  explicit ApiClient(ClusterCredentials creds, HttpOptions http = {}, RetryPolicy retry = {});

  Json get(const std::string& path);
  // Every page (limit=500, following metadata.continue) as one List:
  // {"kind": "...List", "metadata": {"resourceVersion": <snapshot>}, "items": [...]}.
  // Items get kind/apiVersion filled in (list responses leave them out).
  Json list(const std::string& path);
  Json create(const std::string& path, const Json& body);          // POST
  Json replace(const std::string& path, const Json& body);         // PUT
  Json merge_patch(const std::string& path, const Json& body);     // application/merge-patch+json
  // DELETE with optional DeleteOptions; returns the server's answer, or a
  // null Json when the object was already gone (404 counts as done).
  Json del(const std::string& path, const Json& options = Json());
  Json version();                                                  // GET /version

  HttpClient& http() { return http_; }
  const ClusterCredentials& credentials() const { return http_.credentials(); }
  long retries() const { return retries_; }        // transient failures retried so far

 private:
  Json call(std::string_view method, const std::string& path, const Json* body,
            const std::string& content_type);
  template <typename F>
  Json with_retry(std::string_view method, const std::string& path, F attempt);
  void sleep_unless_aborted(std::chrono::milliseconds d);

  HttpClient http_;
  RetryPolicy retry_;
  long retries_ = 0;
};

}  // namespace sts
