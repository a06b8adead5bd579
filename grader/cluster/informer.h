// Informer: keeps a caller informed of every change to one kind of object in
// one namespace (or cluster-wide), as WatchEvents, on its own thread.
//
// List first (each item delivered as SYNC), then watch from the list's
// resourceVersion. A watch the server ends is resumed from the last
// resourceVersion seen (bookmarks included). When the server says that
// version is gone (410) or the stream breaks (ERROR event, undecodable line),
// it lists again and delivers only the differences: objects no longer there
// as DELETED, new ones as ADDED, changed ones as MODIFIED. Connection
// failures are retried with backoff until `fault_deadline` of continuous
// failure; then, or at once for errors retrying cannot fix (401, 403, a bad
// selector), the informer stops and reports a fault: a gap in what it saw is
// always reported, never silent.
//
// It knows nothing of scenarios: what to watch and what to do with the
// events is the caller's.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "grader/cluster/api_client.h"
#include "grader/cluster/http_client.h"
#include "grader/cluster/kubeconfig.h"
#include "grader/model/timeline.h"

namespace sts {

struct InformerOptions {
  std::string kind;                  // a resource_kinds() kind, e.g. "Pod"
  std::string namespace_;            // "" -> all namespaces (or a cluster-scoped kind)
  ListQuery query;                   // server-side selectors
  // Client-side filter: objects it rejects are not delivered. An object that
  // stops matching is delivered as DELETED, one that starts as ADDED, like a
  // server-side selector does.
  std::function<bool(const Json&)> filter;
  std::chrono::seconds fault_deadline{60};   // continuous failure tolerated
  int watch_timeout_seconds = 300;   // asked of the server per watch (+ up to 25% jitter)
  HttpOptions http;                  // add the run's Ctrl-C flag to abort_flags
  RetryPolicy list_retry{std::chrono::milliseconds(250), std::chrono::milliseconds(4'000),
                         std::chrono::milliseconds(15'000)};
  std::chrono::milliseconds backoff_initial{250};
  std::chrono::milliseconds backoff_max{8'000};
};

struct InformerStats {
  long lists = 0;                    // successful lists, the first included
  long relists = 0;                  // lists after the first (410, ERROR, bad stream)
  long watches = 0;                  // watch requests answered 200
  long delivered = 0;                // events handed to the sink
  long transient_errors = 0;         // failures retried
  std::string resource_version;      // last seen
  std::string last_error;            // last failure, retried or not
};

// Where an informer's lists and watches come from: the API server in a run,
// a scripted or recorded source in tests, which then drive the real informer
// loop (re-list on 410, ERROR events, broken streams) as client-go's reflector
// tests do with a fake ListerWatcher.
class ListWatchSource {
 public:
  virtual ~ListWatchSource() = default;
  // Every page as one List, as ApiClient::list; throws ApiError or
  // HttpTransportError.
  virtual Json list(const std::string& path) = 0;
  // A watch request: its body is streamed to `on_data` (false stops it), the
  // answer returned as HttpClient::stream does.
  virtual HttpResponse watch(const std::string& path,
                             const std::function<bool(std::string_view)>& on_data,
                             std::chrono::seconds idle_timeout) = 0;
};

class Informer {
 public:
  using Sink = std::function<void(WatchEvent)>;          // on the informer's thread
  using FaultHandler = std::function<void(const std::string& what)>;

  // Throws std::invalid_argument for an unknown kind.
  Informer(ClusterCredentials creds, InformerOptions opts, Sink sink,
           FaultHandler on_fault = {});
  // The same loop on another source (tests).
  Informer(std::unique_ptr<ListWatchSource> source, InformerOptions opts, Sink sink,
           FaultHandler on_fault = {});
  ~Informer();                       // stop()s
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  void start();
  // Ends the thread promptly (a running request aborts within ~1 s) and joins
  // (from inside the sink it only asks the thread to end).
  void stop();
  // Asks the loop to end without waiting for it: a transfer notices within
  // about a second (libcurl's progress callback), so stopping many informers
  // is request_stop() on each, then stop() on each.
  void request_stop() { stop_ = true; }
  // True once the first list was delivered; false at the deadline, on a
  // fault, or when stopped first.
  bool wait_synced(std::chrono::steady_clock::time_point deadline);

  bool synced() const;
  bool faulted() const;
  std::string fault() const;         // "" unless faulted()
  long relists() const;
  InformerStats stats() const;
  const std::string& kind() const { return opts_.kind; }

 private:
  enum class WatchEnd { kNormal, kRelist };
  void run();
  void list_and_sync(bool first);
  WatchEnd watch_once();
  void apply_change(const std::string& type, Json object);
  void deliver(const std::string& type, Json object, bool relist = false);
  void set_fault(const std::string& what);
  void note_error(const std::string& what);
  bool stopping() const;
  void sleep_abortable(std::chrono::milliseconds d);

  InformerOptions opts_;
  std::unique_ptr<ListWatchSource> source_;
  const ResourceKind& rk_;
  Sink sink_;
  FaultHandler on_fault_;
  std::string collection_;           // list path with selectors

  std::atomic<bool> stop_{false};
  std::thread thread_;

  // Only the informer thread touches these.
  std::map<std::string, Json> known_;   // "<ns>/<name>" -> last delivered object
  std::string rv_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool synced_ = false, faulted_ = false, finished_ = false;
  std::string fault_;
  InformerStats stats_;
};

}  // namespace sts
