#include "grader/cluster/informer.h"

#include <exception>
#include <optional>
#include <random>

#include "grader/cluster/watch_stream.h"

namespace sts {
namespace {

std::string key_of(const Json& obj) {
  return str_at(obj, {"metadata", "namespace"}) + "/" + str_at(obj, {"metadata", "name"});
}

std::string uid_of(const Json& obj) { return str_at(obj, {"metadata", "uid"}); }
std::string rv_of(const Json& obj) { return str_at(obj, {"metadata", "resourceVersion"}); }

// Raised inside the watch to leave it for a re-list (Gone, ERROR, bad line).
struct NeedRelist {
  std::string why;
};

}  // namespace

// The API server as the source: lists and watches through one client, whose
// requests abort with the informer's stop flag.
class ApiListWatch : public ListWatchSource {
 public:
  ApiListWatch(ClusterCredentials creds, HttpOptions http, RetryPolicy retry)
      : api_(std::move(creds), std::move(http), retry) {}
  Json list(const std::string& path) override { return api_.list(path); }
  HttpResponse watch(const std::string& path, const std::function<bool(std::string_view)>& on_data,
                     std::chrono::seconds idle_timeout) override {
    return api_.http().stream(path, on_data, idle_timeout);
  }

 private:
  ApiClient api_;
};

Informer::Informer(std::unique_ptr<ListWatchSource> source, InformerOptions opts, Sink sink,
                   FaultHandler on_fault)
    : opts_(std::move(opts)),
      source_(std::move(source)),
      rk_(resource_kind(opts_.kind)),
      sink_(std::move(sink)),
      on_fault_(std::move(on_fault)) {
  collection_ = collection_path(rk_, opts_.namespace_, opts_.query);
  opts_.http.abort_flags.push_back(&stop_);
}

Informer::Informer(ClusterCredentials creds, InformerOptions opts, Sink sink,
                   FaultHandler on_fault)
    : Informer(std::unique_ptr<ListWatchSource>(), std::move(opts), std::move(sink),
               std::move(on_fault)) {
  // A list's own retries must not outlast the fault deadline.
  RetryPolicy retry = opts_.list_retry;
  retry.max_total = std::min<std::chrono::milliseconds>(retry.max_total, opts_.fault_deadline);
  source_ = std::make_unique<ApiListWatch>(std::move(creds), opts_.http, retry);
}

Informer::~Informer() { stop(); }

void Informer::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void Informer::stop() {
  stop_ = true;
  // From the sink (our own thread) only ask: the loop ends after it returns.
  if (thread_.joinable() && thread_.get_id() == std::this_thread::get_id()) return;
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
  cv_.notify_all();
}

bool Informer::wait_synced(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_until(lock, deadline, [&] { return synced_ || faulted_ || finished_; });
  return synced_;
}

bool Informer::synced() const {
  std::lock_guard<std::mutex> lock(mu_);
  return synced_;
}
bool Informer::faulted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return faulted_;
}
std::string Informer::fault() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fault_;
}
long Informer::relists() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_.relists;
}
InformerStats Informer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

bool Informer::stopping() const {
  if (stop_) return true;
  for (const auto* f : opts_.http.abort_flags)
    if (f && f->load()) return true;
  return false;
}

void Informer::sleep_abortable(std::chrono::milliseconds d) {
  auto until = std::chrono::steady_clock::now() + d;
  while (!stopping() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

void Informer::note_error(const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.transient_errors;
  stats_.last_error = what;
}

void Informer::set_fault(const std::string& what) {
  std::string msg = opts_.kind + " informer (" + collection_ + "): " + what;
  {
    std::lock_guard<std::mutex> lock(mu_);
    faulted_ = true;
    fault_ = msg;
    stats_.last_error = what;
    cv_.notify_all();
  }
  if (on_fault_) on_fault_(msg);
}

void Informer::deliver(const std::string& type, Json object, bool relist) {
  WatchEvent e;
  e.type = type;
  e.relist = relist;
  e.kind = opts_.kind;
  e.object = std::move(object);
  sink_(std::move(e));
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.delivered;
}

void Informer::run() {
  bool listed = false;
  bool need_list = true;
  // When the current run of failures began; time_point::max() when none.
  auto failing_since = std::chrono::steady_clock::time_point::max();
  auto delay = opts_.backoff_initial;
  thread_local std::mt19937 rng{std::random_device{}()};

  while (!stopping()) {
    auto attempt_start = std::chrono::steady_clock::now();
    std::string failure;
    try {
      if (need_list) {
        list_and_sync(!listed);
        listed = true;
        need_list = false;
        failing_since = std::chrono::steady_clock::time_point::max();
        delay = opts_.backoff_initial;
      }
      auto watch_start = std::chrono::steady_clock::now();
      WatchEnd end = watch_once();
      failing_since = std::chrono::steady_clock::time_point::max();  // the server answered 200: the connection works
      if (end == WatchEnd::kRelist) need_list = true;
      // A watch that ends at once, again and again (a proxy closing it, a
      // repeating ERROR), must not become a busy loop against the server.
      if (std::chrono::steady_clock::now() - watch_start < std::chrono::seconds(1)) {
        sleep_abortable(delay);
        delay = std::min(delay * 2, opts_.backoff_max);
      } else {
        delay = opts_.backoff_initial;
      }
      continue;
    } catch (const NeedRelist& r) {
      need_list = true;
      note_error(r.why);
      sleep_abortable(delay);  // a stream that keeps breaking must not spin
      delay = std::min(delay * 2, opts_.backoff_max);
      continue;
    } catch (const ApiError& e) {
      if (e.aborted() || stopping()) break;
      if (e.gone()) {  // watch asked for a compacted resourceVersion
        need_list = true;
        note_error(e.what());
        continue;
      }
      if (!e.transient()) {
        set_fault(e.what());
        break;
      }
      failure = e.what();
    } catch (const HttpTransportError& e) {
      if (e.aborted() || stopping()) break;
      failure = e.what();
    } catch (const KubeconfigError& e) {  // exec plugin failed: retrying rarely helps
      set_fault(e.what());
      break;
    } catch (const std::exception& e) {  // the sink threw: the caller's bug, not the network
      set_fault(std::string("stopped: ") + e.what());
      break;
    }
    // A transient failure: back off and retry until the fault deadline.
    note_error(failure);
    failing_since = std::min(failing_since, attempt_start);
    auto failing_for = std::chrono::steady_clock::now() - failing_since;
    if (failing_for > opts_.fault_deadline) {
      set_fault("no working connection for " +
                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(failing_for).count()) +
                " s; last error: " + failure);
      break;
    }
    auto d = std::chrono::milliseconds(static_cast<long>(
        delay.count() * std::uniform_real_distribution<double>(0.5, 1.0)(rng)));
    sleep_abortable(d);
    delay = std::min(delay * 2, opts_.backoff_max);
  }
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
  cv_.notify_all();
}

void Informer::list_and_sync(bool first) {
  Json list = source_->list(collection_);
  std::map<std::string, Json> now;
  for (auto& item : list["items"]) {
    if (opts_.filter && !opts_.filter(item)) continue;
    std::string key = key_of(item);
    now.emplace(std::move(key), std::move(item));
  }
  if (first) {
    for (const auto& [_, obj] : now) deliver("SYNC", obj);
  } else {
    // Only the differences: what the lost part of the watch would have said.
    for (const auto& [key, old] : known_) {
      auto it = now.find(key);
      if (it == now.end() || uid_of(it->second) != uid_of(old)) deliver("DELETED", old, true);
    }
    // Marked: these arrive in name order at the list's time, which would
    // fake an ordered rollout for ordering checks.
    for (const auto& [key, obj] : now) {
      auto it = known_.find(key);
      if (it == known_.end() || uid_of(it->second) != uid_of(obj)) {
        deliver("ADDED", obj, true);
      } else if (rv_of(it->second) != rv_of(obj)) {
        deliver("MODIFIED", obj, true);
      }
    }
  }
  known_ = std::move(now);
  rv_ = str_at(list, {"metadata", "resourceVersion"});
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.lists;
  if (!first) ++stats_.relists;
  stats_.resource_version = rv_;
  if (first) {
    synced_ = true;
    cv_.notify_all();
  }
}

void Informer::apply_change(const std::string& type, Json object) {
  std::string key = key_of(object);
  bool match = !opts_.filter || opts_.filter(object);
  auto it = known_.find(key);
  bool known = it != known_.end();
  if (type == "DELETED") {
    if (known) known_.erase(it);
    if (known || match) deliver("DELETED", std::move(object));
    return;
  }
  if (!match) {  // left the filter: to the caller it is gone
    if (known) {
      known_.erase(it);
      deliver("DELETED", std::move(object));
    }
    return;
  }
  std::string t = type;
  if (!known && opts_.filter) t = "ADDED";  // entered the filter
  known_[key] = object;
  deliver(t, std::move(object));
}

Informer::WatchEnd Informer::watch_once() {
  thread_local std::mt19937 rng{std::random_device{}()};
  int timeout = opts_.watch_timeout_seconds +
                std::uniform_int_distribution<int>(0, opts_.watch_timeout_seconds / 4)(rng);
  std::string path = with_query(collection_, "watch", "1");
  path = with_query(path, "resourceVersion", rv_);
  path = with_query(path, "allowWatchBookmarks", "true");
  path = with_query(path, "timeoutSeconds", std::to_string(timeout));

  WatchDecoder decoder;
  std::exception_ptr failed;          // exceptions must not cross libcurl's C frames
  std::string relist_why;
  auto on_item = [&](WatchItem&& it) {
    switch (it.kind) {
      case WatchItem::Kind::kChange:
        apply_change(it.type, std::move(it.object));
        rv_ = it.resource_version.empty() ? rv_ : it.resource_version;
        break;
      case WatchItem::Kind::kBookmark:
        rv_ = it.resource_version.empty() ? rv_ : it.resource_version;
        break;
      case WatchItem::Kind::kGone:
      case WatchItem::Kind::kError:
        relist_why = "watch ERROR " + it.message;
        break;
    }
  };
  auto on_data = [&](std::string_view chunk) -> bool {
    try {
      decoder.feed(chunk, [&](WatchItem&& it) {
        if (relist_why.empty()) on_item(std::move(it));
      });
    } catch (const WatchDecodeError& e) {
      relist_why = e.what();
    } catch (...) {
      failed = std::current_exception();
      return false;
    }
    return relist_why.empty() && !stopping();
  };

  HttpResponse r;
  try {
    r = source_->watch(path, on_data, std::chrono::seconds(timeout + 60));
  } catch (const HttpTransportError& e) {
    if (failed) std::rethrow_exception(failed);
    if (!relist_why.empty()) throw NeedRelist{relist_why};
    // A stream that broke mid-way: resume from the last resourceVersion.
    throw ApiError("GET", path, 0, "", e.detail(), e.aborted());
  }
  if (failed) std::rethrow_exception(failed);
  if (r.status == 410) throw NeedRelist{"watch answered 410 Gone"};
  if (r.status < 200 || r.status >= 300) throw error_from_response("GET", path, r);
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.watches;
    stats_.resource_version = rv_;
  }
  if (!relist_why.empty()) {
    note_error(relist_why);
    return WatchEnd::kRelist;
  }
  if (!stopping()) {
    try {
      decoder.finish([&](WatchItem&& it) { on_item(std::move(it)); });
    } catch (const WatchDecodeError&) {
      // Ended mid-event: that event was not applied and rv_ is before it, so
      // re-watching from rv_ gets it again.
    }
    if (!relist_why.empty()) {
      note_error(relist_why);
      return WatchEnd::kRelist;
    }
  }
  return WatchEnd::kNormal;
}

}  // namespace sts
