#include "grader/cluster/watch_stream.h"

#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace sts {
namespace {

// A stream as an API server writes it, with multi-byte UTF-8 in the objects
// so that some split points fall inside a character.
const std::string kStream =
    R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"web-0","resourceVersion":"101","annotations":{"note":"grüße ✓ 日本"}}}})"
    "\n"
    R"({"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"web-0","resourceVersion":"102"},"status":{"phase":"Running"}}})"
    "\r\n"
    "\n"
    R"({"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"150"}}})"
    "\n"
    R"({"type":"DELETED","object":{"kind":"Pod","metadata":{"name":"wéb-1","resourceVersion":"151"}}})"
    "\n";

// One line per item, so whole decodes compare as vectors of strings.
std::string show(const WatchItem& it) {
  static const char* kinds[] = {"change", "bookmark", "gone", "error"};
  return std::string(kinds[static_cast<int>(it.kind)]) + " " + it.type + " rv=" +
         it.resource_version + " msg=" + it.message + " " + it.object.dump();
}

std::vector<std::string> decode_chunks(const std::vector<std::string_view>& chunks,
                                       WatchDecoder* out = nullptr) {
  WatchDecoder d;
  std::vector<std::string> got;
  auto sink = [&](WatchItem&& it) { got.push_back(show(it)); };
  for (auto c : chunks) d.feed(c, sink);
  d.finish(sink);
  if (out) *out = d;
  return got;
}

TEST(WatchDecoder, DecodesWholeStream) {
  WatchDecoder d;
  std::vector<WatchItem> items;
  d.feed(kStream, [&](WatchItem&& it) { items.push_back(std::move(it)); });
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].kind, WatchItem::Kind::kChange);
  EXPECT_EQ(items[0].type, "ADDED");
  EXPECT_EQ(items[0].resource_version, "101");
  EXPECT_EQ(str_at(items[0].object, {"metadata", "annotations", "note"}), "grüße ✓ 日本");
  EXPECT_EQ(items[1].type, "MODIFIED");
  EXPECT_EQ(str_at(items[1].object, {"status", "phase"}), "Running");  // '\r' dropped
  EXPECT_EQ(items[2].kind, WatchItem::Kind::kBookmark);
  EXPECT_EQ(items[2].resource_version, "150");
  EXPECT_EQ(items[3].type, "DELETED");
  EXPECT_EQ(str_at(items[3].object, {"metadata", "name"}), "wéb-1");
  EXPECT_EQ(d.resource_version(), "151");
  EXPECT_EQ(d.pending_bytes(), 0u);
  EXPECT_EQ(d.lines(), 4);
}

TEST(WatchDecoder, SameResultForEverySplit) {
  const std::vector<std::string> whole = decode_chunks({kStream});
  ASSERT_EQ(whole.size(), 4u);
  // Two chunks, split at every byte offset.
  for (size_t i = 0; i <= kStream.size(); ++i) {
    std::string_view s(kStream);
    ASSERT_EQ(decode_chunks({s.substr(0, i), s.substr(i)}), whole) << "split at " << i;
  }
  // One byte at a time.
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < kStream.size(); ++i) bytes.push_back(std::string_view(kStream).substr(i, 1));
  EXPECT_EQ(decode_chunks(bytes), whole);
  // Random multi-way splits, including empty chunks.
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string_view> chunks;
    for (size_t at = 0; at < kStream.size();) {
      size_t n = std::uniform_int_distribution<size_t>(0, 40)(rng);
      n = std::min(n, kStream.size() - at);
      chunks.push_back(std::string_view(kStream).substr(at, n));
      at += n;
    }
    ASSERT_EQ(decode_chunks(chunks), whole) << "round " << round;
  }
}

TEST(WatchDecoder, PartialLineWaitsForNextChunk) {
  WatchDecoder d;
  std::vector<std::string> got;
  auto sink = [&](WatchItem&& it) { got.push_back(it.type); };
  const std::string first = R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"7"}}})";
  d.feed(first + "\n" + R"({"type":"MODI)", sink);
  EXPECT_EQ(got, std::vector<std::string>{"ADDED"});
  EXPECT_EQ(d.pending_bytes(), std::string(R"({"type":"MODI)").size());
  d.feed(R"(FIED","object":{"metadata":{"resourceVersion":"8"}}})", sink);
  EXPECT_EQ(got.size(), 1u);  // still no newline
  d.feed("\n", sink);
  EXPECT_EQ(got, (std::vector<std::string>{"ADDED", "MODIFIED"}));
  EXPECT_EQ(d.resource_version(), "8");
}

TEST(WatchDecoder, FinalLineWithoutNewline) {
  WatchDecoder d;
  std::vector<std::string> got;
  auto sink = [&](WatchItem&& it) { got.push_back(it.type); };
  d.feed(R"({"type":"DELETED","object":{"metadata":{"resourceVersion":"9"}}})", sink);
  EXPECT_TRUE(got.empty());
  d.finish(sink);  // a complete event that lacks only its newline
  EXPECT_EQ(got, std::vector<std::string>{"DELETED"});
}

TEST(WatchDecoder, TruncatedFinalLineIsAnError) {
  WatchDecoder d;
  auto sink = [](WatchItem&&) {};
  d.feed(R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"1"}}})" "\n"
         R"({"type":"MODIFIED","object":{"meta)", sink);
  try {
    d.finish(sink);
    FAIL() << "no error";
  } catch (const WatchDecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("ended inside an event"), std::string::npos) << e.what();
  }
  EXPECT_EQ(d.resource_version(), "1");  // the truncated event did not count
}

TEST(WatchDecoder, GoneIsDistinct) {
  WatchDecoder d;
  std::vector<WatchItem> items;
  d.feed(R"j({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 100 (200)","reason":"Expired","code":410}})j" "\n",
         [&](WatchItem&& it) { items.push_back(std::move(it)); });
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, WatchItem::Kind::kGone);
  EXPECT_EQ(items[0].message, "410 Expired: too old resource version: 100 (200)");
  EXPECT_EQ(d.resource_version(), "");  // an error moves nothing forward
}

TEST(WatchDecoder, OtherErrorIsNotGone) {
  WatchDecoder d;
  std::vector<WatchItem> items;
  d.feed(R"({"type":"ERROR","object":{"kind":"Status","code":500,"reason":"InternalError","message":"etcd down"}})" "\n",
         [&](WatchItem&& it) { items.push_back(std::move(it)); });
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, WatchItem::Kind::kError);
  EXPECT_EQ(items[0].message, "500 InternalError: etcd down");
}

TEST(WatchDecoder, BookmarkMovesResourceVersionOnly) {
  WatchDecoder d;
  std::vector<WatchItem> items;
  d.feed(R"({"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12345","annotations":{"k8s.io/initial-events-end":"true"}}}})" "\n",
         [&](WatchItem&& it) { items.push_back(std::move(it)); });
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, WatchItem::Kind::kBookmark);
  EXPECT_EQ(d.resource_version(), "12345");
}

TEST(WatchDecoder, MalformedLineIsAClearErrorAfterEarlierItems) {
  WatchDecoder d;
  std::vector<std::string> got;
  auto sink = [&](WatchItem&& it) { got.push_back(it.type); };
  try {
    d.feed(R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"1"}}})" "\n"
           "<html>502 Bad Gateway</html>\n"
           R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"2"}}})" "\n",
           sink);
    FAIL() << "no error";
  } catch (const WatchDecodeError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("line 2 is not JSON"), std::string::npos) << msg;
    EXPECT_NE(msg.find("<html>502 Bad Gateway</html>"), std::string::npos) << msg;
  }
  EXPECT_EQ(got, std::vector<std::string>{"ADDED"});  // the item before it was delivered
  EXPECT_EQ(d.resource_version(), "1");
}

TEST(WatchDecoder, RejectsNonEvents) {
  auto error_of = [](const std::string& line) -> std::string {
    WatchDecoder d;
    try {
      d.feed(line + "\n", [](WatchItem&&) {});
    } catch (const WatchDecodeError& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_NE(error_of(R"({"kind":"Status"})").find("no \"type\""), std::string::npos);
  EXPECT_NE(error_of(R"({"type":"EXPLODED","object":{}})").find("unknown event type"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"type":"ADDED"})").find("without an object"), std::string::npos);
  EXPECT_NE(error_of("[1,2]").find("not a watch event"), std::string::npos);
}

}  // namespace
}  // namespace sts
