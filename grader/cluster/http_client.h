// HttpClient: one libcurl easy handle talking to one API server.
//
// A handle belongs to one thread (libcurl's rule); creating another client
// is cheap (the credentials are copied, the exec plugin cache is shared), so
// each thread makes its own. Keep-alive reuses the connection between calls.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "grader/cluster/kubeconfig.h"

namespace sts {

// The request never got an HTTP answer: DNS, connect, TLS, reset, timeout, or
// an abort flag was raised.
class HttpTransportError : public std::runtime_error {
 public:
  // what(): "<METHOD> <url>: <detail>"
  HttpTransportError(const std::string& request, const std::string& detail, int curl_code,
                     bool aborted)
      : std::runtime_error(request + ": " + detail),
        detail_(detail),
        curl_code_(curl_code),
        aborted_(aborted) {}
  const std::string& detail() const { return detail_; }   // libcurl's words only
  int curl_code() const { return curl_code_; }
  bool aborted() const { return aborted_; }    // an abort flag, not the network
  bool timed_out() const;

 private:
  std::string detail_;
  int curl_code_;
  bool aborted_;
};

struct HttpResponse {
  long status = 0;
  std::string body;                  // for streams: only a non-2xx body
  std::string content_type;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};   // whole non-stream request
  std::string user_agent = "sts-grader";
  // Any raised flag makes the running request fail promptly (within ~1 s
  // even on an idle connection) with HttpTransportError::aborted().
  std::vector<const std::atomic<bool>*> abort_flags;
};

class HttpClient {
 public:
  explicit HttpClient(ClusterCredentials creds, HttpOptions opts = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `path` starts with '/' and may carry a query; it is appended to the
  // server URL (which may have a path prefix). Non-2xx answers are returned,
  // not thrown; only transport failures throw HttpTransportError.
  HttpResponse request(std::string_view method, const std::string& path,
                       const std::string& body = "",
                       const std::string& content_type = "application/json");

  // GET whose 2xx body is handed to on_data chunk by chunk as it arrives; no
  // total timeout. The connection counts as dead when fewer than 1 byte/s
  // arrive for `idle_timeout` (API servers send nothing on a quiet watch
  // until its timeoutSeconds, so pass more than that). on_data returning
  // false ends the stream quietly (response returned as is).
  HttpResponse stream(const std::string& path,
                      const std::function<bool(std::string_view)>& on_data,
                      std::chrono::seconds idle_timeout);

  const ClusterCredentials& credentials() const { return creds_; }
  void add_abort_flag(const std::atomic<bool>* flag) { opts_.abort_flags.push_back(flag); }
  bool aborted() const;

 private:
  struct Transfer;
  HttpResponse perform(std::string_view method, const std::string& path, const std::string& body,
                       const std::string& content_type,
                       const std::function<bool(std::string_view)>* on_data,
                       std::chrono::seconds idle_timeout);
  HttpResponse perform_once(std::string_view method, const std::string& path,
                            const std::string& body, const std::string& content_type,
                            const std::function<bool(std::string_view)>* on_data,
                            std::chrono::seconds idle_timeout);
  void configure_tls();

  ClusterCredentials creds_;
  HttpOptions opts_;
  void* curl_ = nullptr;             // CURL*, kept out of the header
  std::string base_url_;             // server, or tls-server-name in its place
  std::string connect_to_;           // CURLOPT_CONNECT_TO entry for tls-server-name
  void* connect_to_list_ = nullptr;  // curl_slist* holding it
};

}  // namespace sts
