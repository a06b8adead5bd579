#include "grader/cluster/http_client.h"

#include <curl/curl.h>

#include <mutex>

namespace sts {
namespace {

constexpr size_t kMaxErrorBody = 1 << 20;  // a stream's non-2xx body is a Status: small

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void set_blob(CURL* c, CURLoption opt, const std::string& data) {
  curl_blob blob{const_cast<char*>(data.data()), data.size(), CURL_BLOB_COPY};
  curl_easy_setopt(c, opt, &blob);
}

struct HeaderList {
  curl_slist* list = nullptr;
  void add(const std::string& h) { list = curl_slist_append(list, h.c_str()); }
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

bool HttpTransportError::timed_out() const { return curl_code_ == CURLE_OPERATION_TIMEDOUT; }

// State of one transfer, reached from libcurl's callbacks.
struct HttpClient::Transfer {
  HttpClient* self;
  CURL* curl;
  HttpResponse response;
  const std::function<bool(std::string_view)>* on_data = nullptr;
  bool caller_stopped = false;

  static size_t on_write(char* ptr, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t len = size * n;
    if (t->on_data) {
      long code = 0;
      curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
      if (code >= 200 && code < 300) {
        if (!(*t->on_data)(std::string_view(ptr, len))) {
          t->caller_stopped = true;
          return 0;  // makes curl stop with CURLE_WRITE_ERROR
        }
        return len;
      }
      if (t->response.body.size() + len > kMaxErrorBody) return len;  // drop the excess
    }
    t->response.body.append(ptr, len);
    return len;
  }

  // libcurl calls this often while data flows and about once a second while
  // idle, which bounds how long an abort takes on a quiet watch.
  static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<Transfer*>(user)->self->aborted() ? 1 : 0;
  }
};

HttpClient::HttpClient(ClusterCredentials creds, HttpOptions opts)
    : creds_(std::move(creds)), opts_(std::move(opts)) {
  global_init_once();
  CURL* c = curl_easy_init();
  if (!c) throw HttpTransportError("curl", "curl_easy_init failed", CURLE_FAILED_INIT, false);
  curl_ = c;

  base_url_ = creds_.server;
  if (!creds_.tls_server_name.empty()) {
    // Ask for the certificate of tls-server-name while connecting to the
    // server's address: put that name in the URL and map it back with CONNECT_TO.
    CURLU* u = curl_url();
    if (curl_url_set(u, CURLUPART_URL, creds_.server.c_str(), 0) == CURLUE_OK) {
      char *host = nullptr, *port = nullptr;
      curl_url_get(u, CURLUPART_HOST, &host, 0);
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
      if (host && port) {
        connect_to_ = creds_.tls_server_name + ":" + port + ":" + host + ":" + port;
        curl_url_set(u, CURLUPART_HOST, creds_.tls_server_name.c_str(), 0);
        char* url = nullptr;
        if (curl_url_get(u, CURLUPART_URL, &url, 0) == CURLUE_OK) {
          base_url_ = url;
          while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
        }
        curl_free(url);
      }
      curl_free(host);
      curl_free(port);
    }
    curl_url_cleanup(u);
  }

  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  curl_easy_setopt(c, CURLOPT_USERAGENT, opts_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opts_.connect_timeout.count()));
  // HTTP/1.1: one connection per handle either way; keeps watches simple.
  curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  // Notices a silently dead peer (NAT drop, node gone) on long quiet watches.
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPINTVL, 10L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip for big lists
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  if (!connect_to_.empty()) {
    // CURLOPT_CONNECT_TO keeps the list pointer: it lives as long as the handle.
    curl_slist* l = curl_slist_append(nullptr, connect_to_.c_str());
    connect_to_list_ = l;
    curl_easy_setopt(c, CURLOPT_CONNECT_TO, l);
  }
  if (!creds_.proxy_url.empty()) curl_easy_setopt(c, CURLOPT_PROXY, creds_.proxy_url.c_str());
  configure_tls();
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_slist_free_all(static_cast<curl_slist*>(connect_to_list_));
}

void HttpClient::configure_tls() {
  CURL* c = static_cast<CURL*>(curl_);
  if (creds_.insecure) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!creds_.ca_pem.empty()) {
    set_blob(c, CURLOPT_CAINFO_BLOB, creds_.ca_pem);  // else the system store
  }
}

bool HttpClient::aborted() const {
  for (const auto* f : opts_.abort_flags)
    if (f && f->load(std::memory_order_relaxed)) return true;
  return false;
}

HttpResponse HttpClient::request(std::string_view method, const std::string& path,
                                 const std::string& body, const std::string& content_type) {
  return perform(method, path, body, content_type, nullptr, std::chrono::seconds(0));
}

HttpResponse HttpClient::stream(const std::string& path,
                                const std::function<bool(std::string_view)>& on_data,
                                std::chrono::seconds idle_timeout) {
  return perform("GET", path, "", "", &on_data, idle_timeout);
}

HttpResponse HttpClient::perform(std::string_view method, const std::string& path,
                                 const std::string& body, const std::string& content_type,
                                 const std::function<bool(std::string_view)>* on_data,
                                 std::chrono::seconds idle_timeout) {
  HttpResponse r = perform_once(method, path, body, content_type, on_data, idle_timeout);
  // An exec plugin's token may be revoked before its stated expiry: run it
  // again once, as client-go does.
  if (r.status == 401 && creds_.exec) {
    creds_.exec->invalidate();
    r = perform_once(method, path, body, content_type, on_data, idle_timeout);
  }
  return r;
}

HttpResponse HttpClient::perform_once(std::string_view method, const std::string& path,
                                      const std::string& body, const std::string& content_type,
                                      const std::function<bool(std::string_view)>* on_data,
                                      std::chrono::seconds idle_timeout) {
  CURL* c = static_cast<CURL*>(curl_);
  std::string url = base_url_ + path;
  std::string what = std::string(method) + " " + url;
  if (aborted()) throw HttpTransportError(what, "aborted", CURLE_ABORTED_BY_CALLBACK, true);

  ClientAuth auth = creds_.auth();  // may run an exec plugin (KubeconfigError)
  if (!auth.client_cert_pem.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
    set_blob(c, CURLOPT_SSLCERT_BLOB, auth.client_cert_pem);
    curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM");
    set_blob(c, CURLOPT_SSLKEY_BLOB, auth.client_key_pem);
  }
  HeaderList headers;
  headers.add("Accept: application/json");
  headers.add("Expect:");  // no 100-continue round trip for big bodies
  if (!auth.token.empty()) {
    headers.add("Authorization: Bearer " + auth.token);
  } else if (!auth.username.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, auth.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, auth.password.c_str());
  }
  if (!body.empty()) headers.add("Content-Type: " + content_type);

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, nullptr);
  if (body.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body.c_str());
  }
  if (method != "GET" && method != "POST") {
    std::string m(method);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, m.c_str());  // curl copies it
  } else if (method == "POST" && body.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
    curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, "");
  }
  if (on_data) {
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 0L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(idle_timeout.count()));
  } else {
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(opts_.request_timeout.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 0L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 0L);
  }

  Transfer t{this, c, {}, on_data};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);

  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.response.status);
  if (char* ct = nullptr; curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
    t.response.content_type = ct;
  if (rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && t.caller_stopped)) return t.response;
  bool was_aborted = rc == CURLE_ABORTED_BY_CALLBACK;
  std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (was_aborted) detail = "aborted";
  throw HttpTransportError(what, detail, rc, was_aborted);
}

}  // namespace sts
