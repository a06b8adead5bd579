// WatchDecoder on the raw bytes of a REAL pod watch: tests/recorded/pod-watch.jsonl
// is the body of
//   kubectl get --raw '/api/v1/namespaces/<ns>/pods?watch=1&resourceVersion=<rv>&timeoutSeconds=20'
// captured on the testbed (Kubernetes 1.33) while a two-replica StatefulSet
// started and was then deleted: ADDED, MODIFIED and DELETED events of real pods,
// managedFields and all.
#include <fstream>
#include "source_paths.h"
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "grader/cluster/watch_stream.h"

namespace sts {
namespace {

std::string recorded_stream() {
  std::ifstream in(std::string(STS_TESTDATA) + "/pod-watch.jsonl", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> out;
  std::istringstream in(body);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::vector<WatchItem> decode_in_chunks(const std::string& body, std::mt19937& rng,
                                        size_t max_chunk, WatchDecoder& d) {
  std::vector<WatchItem> items;
  auto sink = [&](WatchItem&& it) { items.push_back(std::move(it)); };
  std::uniform_int_distribution<size_t> size(1, max_chunk);
  for (size_t at = 0; at < body.size();) {
    size_t n = std::min(size(rng), body.size() - at);
    d.feed(std::string_view(body).substr(at, n), sink);
    at += n;
  }
  d.finish(sink);
  return items;
}

TEST(WatchStreamRecorded, RealPodWatchDecodesInAnyChunking) {
  const std::string body = recorded_stream();
  ASSERT_FALSE(body.empty()) << "tests/recorded/pod-watch.jsonl missing";
  const std::vector<std::string> lines = lines_of(body);
  ASSERT_GE(lines.size(), 6u);
  ASSERT_EQ(body.back(), '\n');

  // What each line says, read independently of the decoder.
  std::vector<Json> want;
  for (const std::string& l : lines) want.push_back(Json::parse(l));

  // Byte-by-byte, small, line-sized and whole-body chunks, several seeds.
  for (size_t max_chunk : {size_t{1}, size_t{7}, size_t{64}, size_t{4096}, body.size()}) {
    for (unsigned seed : {1u, 2u, 3u}) {
      SCOPED_TRACE("max chunk " + std::to_string(max_chunk) + ", seed " + std::to_string(seed));
      std::mt19937 rng(seed);
      WatchDecoder d;
      std::vector<WatchItem> items;
      ASSERT_NO_THROW(items = decode_in_chunks(body, rng, max_chunk, d));
      ASSERT_EQ(items.size(), lines.size());
      EXPECT_EQ(d.lines(), static_cast<long>(lines.size()));
      EXPECT_EQ(d.pending_bytes(), 0u);
      for (size_t i = 0; i < items.size(); ++i) {
        const WatchItem& it = items[i];
        EXPECT_EQ(it.kind, WatchItem::Kind::kChange) << "line " << i + 1;
        EXPECT_TRUE(it.type == "ADDED" || it.type == "MODIFIED" || it.type == "DELETED")
            << "line " << i + 1 << ": " << it.type;
        EXPECT_EQ(it.type, want[i]["type"]);
        EXPECT_EQ(it.object, want[i]["object"]) << "line " << i + 1;
        EXPECT_EQ(it.object["kind"], "Pod");
        EXPECT_EQ(it.resource_version, str_at(want[i]["object"], {"metadata", "resourceVersion"}));
      }
      EXPECT_EQ(d.resource_version(),
                str_at(want.back()["object"], {"metadata", "resourceVersion"}));
    }
  }
}

TEST(WatchStreamRecorded, RealStreamShowsAStatefulSetLifecycle) {
  const std::vector<std::string> lines = lines_of(recorded_stream());
  WatchDecoder d;
  std::vector<WatchItem> items;
  for (const std::string& l : lines)
    d.feed(l + "\n", [&](WatchItem&& it) { items.push_back(std::move(it)); });
  std::set<std::string> types, added, deleted;
  long last_rv = -1;
  bool rv_increasing = true;
  for (const WatchItem& it : items) {
    types.insert(it.type);
    std::string name = str_at(it.object, {"metadata", "name"});
    if (it.type == "ADDED") added.insert(name);
    if (it.type == "DELETED") deleted.insert(name);
    long rv = std::stol(it.resource_version);
    if (rv <= last_rv) rv_increasing = false;
    last_rv = rv;
  }
  EXPECT_EQ(types, (std::set<std::string>{"ADDED", "MODIFIED", "DELETED"}));
  EXPECT_EQ(added, (std::set<std::string>{"cap-0", "cap-1"}));
  EXPECT_EQ(deleted, added);
  EXPECT_TRUE(rv_increasing) << "one watch stream is in resourceVersion order";
  // OrderedReady: cap-1 was added only after cap-0 was reported Running.
  size_t first_running0 = items.size(), added1 = items.size();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string name = str_at(items[i].object, {"metadata", "name"});
    if (name == "cap-0" && str_at(items[i].object, {"status", "phase"}) == "Running" &&
        first_running0 == items.size())
      first_running0 = i;
    if (name == "cap-1" && items[i].type == "ADDED") added1 = i;
  }
  EXPECT_LT(first_running0, added1);
}

TEST(WatchStreamRecorded, TruncatedRealStreamIsAnError) {
  std::string body = recorded_stream();
  body.resize(body.size() - 100);    // cut inside the last event
  WatchDecoder d;
  long n = 0;
  auto sink = [&](WatchItem&&) { ++n; };
  d.feed(body, sink);
  EXPECT_EQ(n, static_cast<long>(lines_of(recorded_stream()).size()) - 1);
  EXPECT_GT(d.pending_bytes(), 0u);
  EXPECT_THROW(d.finish(sink), WatchDecodeError);
}

}  // namespace
}  // namespace sts
