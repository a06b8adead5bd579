// The real Informer loop driven by a scripted ListWatchSource, as client-go's
// reflector tests drive a reflector with a fake ListerWatcher: list then watch
// from its resourceVersion, resume after a normal end, re-list on 410 and on
// ERROR events delivering only the differences (marked relist), a fault for
// what retrying cannot fix; and the body of a real pod watch recorded on the
// testbed (tests/recorded/pod-watch.jsonl) fed in random chunks.
#include "grader/cluster/informer.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <random>
#include <sstream>

#include "grader/cluster/watch_stream.h"

namespace sts {
namespace {

using namespace std::chrono_literals;
using OnData = std::function<bool(std::string_view)>;

Json pod(const std::string& name, const std::string& uid, const std::string& rv) {
  return {{"kind", "Pod"},
          {"metadata", {{"name", name}, {"namespace", "ns"}, {"uid", uid}, {"resourceVersion", rv}}}};
}

Json pod_list(std::vector<Json> items, const std::string& rv) {
  return {{"kind", "PodList"}, {"metadata", {{"resourceVersion", rv}}}, {"items", std::move(items)}};
}

std::string event(const std::string& type, const Json& object) {
  return Json{{"type", type}, {"object", object}}.dump() + "\n";
}

// Scripted answers, in order; once the script is used up a watch stays open
// (empty chunks) until the informer stops it, as an idle server would.
class ScriptedSource : public ListWatchSource {
 public:
  std::deque<std::function<Json()>> lists;
  std::deque<std::function<HttpResponse(const OnData&)>> watches;

  Json list(const std::string& path) override {
    std::function<Json()> next;
    {
      std::lock_guard<std::mutex> l(mu_);
      paths_.push_back("LIST " + path);
      if (lists.empty()) throw std::logic_error("unscripted list");
      next = std::move(lists.front());
      lists.pop_front();
    }
    return next();
  }
  HttpResponse watch(const std::string& path, const OnData& on_data, std::chrono::seconds) override {
    std::function<HttpResponse(const OnData&)> next;
    {
      std::lock_guard<std::mutex> l(mu_);
      paths_.push_back("WATCH " + path);
      if (!watches.empty()) {
        next = std::move(watches.front());
        watches.pop_front();
      }
    }
    if (next) return next(on_data);
    while (on_data("")) std::this_thread::sleep_for(5ms);
    return {200, "", ""};
  }
  std::vector<std::string> paths() const {
    std::lock_guard<std::mutex> l(mu_);
    return paths_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> paths_;
};

// Streams `body` in chunks of 1..max bytes, then ends the watch normally.
std::function<HttpResponse(const OnData&)> stream(std::string body, size_t max_chunk = 7,
                                                  unsigned seed = 1) {
  return [body, max_chunk, seed](const OnData& on_data) -> HttpResponse {
    std::mt19937 rng(seed);
    for (size_t at = 0; at < body.size();) {
      size_t n = std::min(body.size() - at, std::uniform_int_distribution<size_t>(1, max_chunk)(rng));
      if (!on_data(std::string_view(body).substr(at, n))) break;
      at += n;
    }
    return {200, "", ""};
  };
}

struct Collected {
  std::mutex mu;
  std::vector<WatchEvent> events;
  std::vector<std::string> faults;

  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> l(mu);
    std::vector<std::string> out;
    for (const WatchEvent& e : events)
      out.push_back(e.type + " " + str_at(e.object, {"metadata", "name"}) + (e.relist ? " (relist)" : ""));
    return out;
  }
};

struct Driven {
  ScriptedSource* source;
  Collected got;
  std::unique_ptr<Informer> informer;

  explicit Driven(std::unique_ptr<ScriptedSource> s, InformerOptions o = {}) : source(s.get()) {
    if (o.kind.empty()) o.kind = "Pod";
    o.namespace_ = "ns";
    o.backoff_initial = 1ms;
    o.backoff_max = 5ms;
    informer = std::make_unique<Informer>(
        std::move(s), o,
        [this](WatchEvent e) {
          std::lock_guard<std::mutex> l(got.mu);
          got.events.push_back(std::move(e));
        },
        [this](const std::string& f) {
          std::lock_guard<std::mutex> l(got.mu);
          got.faults.push_back(f);
        });
    informer->start();
  }
  // Waits (bounded) until `n` events arrived.
  std::vector<std::string> until(size_t n) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (got.lines().size() < n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(2ms);
    return got.lines();
  }
  bool until_watch(const std::string& part) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      for (const std::string& p : source->paths())
        if (p.rfind("WATCH ", 0) == 0 && p.find(part) != std::string::npos) return true;
      std::this_thread::sleep_for(2ms);
    }
    return false;
  }
};

TEST(Informer, ListsThenWatchesFromTheListsVersionAndResumesFromTheLastEvent) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({pod("a", "ua", "5"), pod("b", "ub", "6")}, "10"); });
  s->watches.push_back(stream(event("ADDED", pod("c", "uc", "11")) + event("MODIFIED", pod("a", "ua", "12")) +
                              event("DELETED", pod("b", "ub", "13"))));
  Driven r(std::move(s));
  EXPECT_EQ(r.until(5), (std::vector<std::string>{"SYNC a", "SYNC b", "ADDED c", "MODIFIED a", "DELETED b"}));
  EXPECT_TRUE(r.informer->synced());
  // The first watch starts at the list's version; after the server ends it,
  // the next one resumes from the last event's, without a list.
  const std::vector<std::string> paths = r.source->paths();
  ASSERT_GE(paths.size(), 2u);
  EXPECT_EQ(paths[0], "LIST /api/v1/namespaces/ns/pods");
  EXPECT_NE(paths[1].find("watch=1&resourceVersion=10&allowWatchBookmarks=true"), std::string::npos) << paths[1];
  EXPECT_TRUE(r.until_watch("resourceVersion=13&"));
  EXPECT_EQ(r.informer->relists(), 0);
}

TEST(Informer, GoneRelistsAndDeliversOnlyTheDifferencesMarked) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({pod("a", "ua", "5"), pod("b", "ub", "6"), pod("c", "uc", "7")}, "10"); });
  s->watches.push_back([](const OnData&) { return HttpResponse{410, "", ""}; });
  // While the watch was lost: a changed, b deleted, c unchanged, d created.
  s->lists.push_back([] {
    return pod_list({pod("a", "ua", "20"), pod("c", "uc", "7"), pod("d", "ud", "21")}, "22");
  });
  Driven r(std::move(s));
  EXPECT_EQ(r.until(6), (std::vector<std::string>{"SYNC a", "SYNC b", "SYNC c", "DELETED b (relist)",
                                                  "MODIFIED a (relist)", "ADDED d (relist)"}));
  EXPECT_TRUE(r.until_watch("resourceVersion=22&"));
  EXPECT_EQ(r.informer->relists(), 1);
  EXPECT_FALSE(r.informer->faulted());
}

TEST(Informer, AnErrorEventMidStreamRelistsAndWhatCameBeforeItCounts) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({pod("a", "ua", "5")}, "10"); });
  Json status = {{"kind", "Status"}, {"code", 410}, {"reason", "Expired"}, {"message", "too old resource version"}};
  s->watches.push_back(stream(event("ADDED", pod("b", "ub", "11")) + event("ERROR", status) +
                              event("ADDED", pod("never", "un", "12"))));
  // The same pod recreated (new uid) while the watch was down.
  s->lists.push_back([] { return pod_list({pod("a", "ua2", "30"), pod("b", "ub", "11")}, "31"); });
  Driven r(std::move(s));
  EXPECT_EQ(r.until(4), (std::vector<std::string>{"SYNC a", "ADDED b", "DELETED a (relist)", "ADDED a (relist)"}));
  EXPECT_TRUE(r.until_watch("resourceVersion=31&"));
  for (const std::string& l : r.got.lines()) EXPECT_EQ(l.find("never"), std::string::npos) << l;
  EXPECT_EQ(r.informer->relists(), 1);
}

TEST(Informer, ForbiddenIsAFaultAtOnceNeverRetriedInSilence) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([]() -> Json {
    throw ApiError("GET", "/api/v1/namespaces/ns/pods", 403, "Forbidden", "pods is forbidden: User cannot list");
  });
  Driven r(std::move(s));
  EXPECT_FALSE(r.informer->wait_synced(std::chrono::steady_clock::now() + 10s));
  EXPECT_TRUE(r.informer->faulted());
  EXPECT_NE(r.informer->fault().find("pods is forbidden"), std::string::npos) << r.informer->fault();
  // The handler runs on the informer's thread right after the state is set.
  r.informer->stop();
  std::lock_guard<std::mutex> l(r.got.mu);
  ASSERT_EQ(r.got.faults.size(), 1u);
  EXPECT_EQ(r.got.faults[0], r.informer->fault());
}

TEST(Informer, ABrokenConnectionResumesFromTheLastVersionWithoutAList) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({}, "10"); });
  s->watches.push_back([](const OnData& on_data) -> HttpResponse {
    on_data(event("ADDED", pod("a", "ua", "11")));
    throw HttpTransportError("GET /watch", "Connection reset by peer", 56, false);
  });
  s->watches.push_back(stream(event("MODIFIED", pod("a", "ua", "12"))));
  Driven r(std::move(s));
  EXPECT_EQ(r.until(2), (std::vector<std::string>{"ADDED a", "MODIFIED a"}));
  const std::vector<std::string> paths = r.source->paths();
  ASSERT_GE(paths.size(), 3u);
  EXPECT_NE(paths[2].find("resourceVersion=11&"), std::string::npos) << paths[2];
  EXPECT_EQ(r.informer->relists(), 0);
  EXPECT_EQ(r.informer->stats().transient_errors, 1);
}

TEST(Informer, BookmarksAdvanceTheResumeVersion) {
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({}, "10"); });
  Json mark = {{"kind", "Pod"}, {"metadata", {{"resourceVersion", "40"}}}};
  s->watches.push_back(stream(event("BOOKMARK", mark)));
  Driven r(std::move(s));
  EXPECT_TRUE(r.until_watch("resourceVersion=40&"));
  EXPECT_TRUE(r.got.lines().empty());  // a bookmark is no change
}

TEST(Informer, AnObjectLeavingTheFilterIsDeletedForTheCaller) {
  auto s = std::make_unique<ScriptedSource>();
  Json mine = pod("a", "ua", "5");
  mine["metadata"]["labels"] = {{"app", "web"}};
  Json other = pod("z", "uz", "6");
  s->lists.push_back([=] { return pod_list({mine, other}, "10"); });
  Json relabelled = pod("a", "ua", "11");
  relabelled["metadata"]["labels"] = {{"app", "db"}};
  Json joined = pod("z", "uz", "12");
  joined["metadata"]["labels"] = {{"app", "web"}};
  s->watches.push_back(stream(event("MODIFIED", relabelled) + event("MODIFIED", joined)));
  InformerOptions o;
  o.filter = [](const Json& p) { return str_at(p, {"metadata", "labels", "app"}) == "web"; };
  Driven r(std::move(s), o);
  EXPECT_EQ(r.until(3), (std::vector<std::string>{"SYNC a", "DELETED a", "ADDED z"}));
}

// A real pod watch recorded on the testbed, fed in random chunks through the
// informer: every event is delivered, in order, and the next watch resumes
// from the last event's resourceVersion.
TEST(Informer, ARecordedPodWatchIsDeliveredWholeAndResumedAfter) {
  std::ifstream in(std::string(STS_TESTDATA) + "/pod-watch.jsonl", std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  ASSERT_FALSE(body.str().empty());
  std::vector<std::string> want;
  std::string last_rv;
  WatchDecoder d;
  auto collect = [&](WatchItem&& it) {
    if (it.kind != WatchItem::Kind::kChange) return;
    want.push_back(it.type + " " + str_at(it.object, {"metadata", "name"}));
    last_rv = it.resource_version;
  };
  d.feed(body.str(), collect);
  d.finish(collect);
  ASSERT_GE(want.size(), 6u);
  auto s = std::make_unique<ScriptedSource>();
  s->lists.push_back([] { return pod_list({}, "1"); });
  s->watches.push_back(stream(body.str(), 4096, 7));
  InformerOptions o;
  Driven r(std::move(s), o);
  EXPECT_EQ(r.until(want.size()), want);
  EXPECT_TRUE(r.until_watch("resourceVersion=" + last_rv + "&"));
}

}  // namespace
}  // namespace sts
