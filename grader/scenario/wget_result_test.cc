#include "grader/scenario/wget_result.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

const std::string kSentinel = "sts-grader-http-abc";

// stderr as busybox wget -S writes it (observed on the testbed).
const char* kOkErr =
    "Connecting to 10.244.0.27:8000 (10.244.0.27:8000)\n"
    "  HTTP/1.1 200 OK\n  Content-Type: application/json\n  Content-Length: 40\n  \n"
    "writing to stdout\n-                    100% |****|    40  0:00:00 ETA\nwritten to stdout\n";

TEST(WgetResult, OkAnswerKeepsTheBodyExactly) {
  std::string body = "{\"hostname\": \"web-0\", \"visits\": 3}\n";
  WgetResult r = parse_wget(body + "\n" + kSentinel + " rc=0\n", kOkErr, kSentinel, 10);
  EXPECT_TRUE(r.ran);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.reason, "OK");
  EXPECT_EQ(r.body, body);
  EXPECT_EQ(r.error, "");
}

TEST(WgetResult, ErrorStatusConnectionRefusedAndDns) {
  WgetResult r = parse_wget("\n" + kSentinel + " rc=1\n",
                            "Connecting to x (x)\n  HTTP/1.1 404 Not Found\n"
                            "wget: server returned error: HTTP/1.1 404 Not Found\n",
                            kSentinel, 10);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error, "HTTP 404 Not Found");

  r = parse_wget("\n" + kSentinel + " rc=1\n",
                 "Connecting to 10.244.0.27:8001 (10.244.0.27:8001)\n"
                 "wget: can't connect to remote host (10.244.0.27): Connection refused\n",
                 kSentinel, 10);
  EXPECT_TRUE(r.ran);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, "can't connect to remote host (10.244.0.27): Connection refused");
  EXPECT_FALSE(r.unresolved);

  r = parse_wget("\n" + kSentinel + " rc=1\n", "wget: bad address 'web-0.web:8000'\n", kSentinel, 10);
  EXPECT_TRUE(r.unresolved);
  EXPECT_EQ(r.error, "bad address 'web-0.web:8000'");
}

TEST(WgetResult, TimeoutAndMissingSentinel) {
  WgetResult r = parse_wget("\n" + kSentinel + " rc=143\n", "Connecting to 10.0.0.99:80\n", kSentinel, 7);
  EXPECT_TRUE(r.ran);
  EXPECT_EQ(r.error, "no complete answer within 7s");
  // kubectl failed: the wrapper never printed its sentinel.
  r = parse_wget("", "error: unable to upgrade connection: container not found", kSentinel, 7);
  EXPECT_FALSE(r.ran);
  // A body that mimics the sentinel with another nonce does not end the output.
  r = parse_wget("x\nsts-grader-http-zzz rc=0\n\n" + kSentinel + " rc=0\n", kOkErr, kSentinel, 7);
  EXPECT_EQ(r.body, "x\nsts-grader-http-zzz rc=0\n");
}

TEST(WgetResult, RedirectsTakeTheLastStatus) {
  WgetResult r = parse_wget("done\n" + kSentinel + " rc=0\n",
                            "  HTTP/1.1 302 Found\n  Location: /x\n  HTTP/1.0 200 OK\n", kSentinel, 5);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "done");
}

TEST(WgetResult, CommandPassesDataAsArguments) {
  WgetRequest req;
  req.url = "http://10.0.0.1:8000/x?a=1&b='2'";
  std::vector<std::string> get = wget_command(req, kSentinel);
  ASSERT_EQ(get.size(), 7u);
  EXPECT_EQ(get[0], "sh");
  EXPECT_EQ(get[4], req.url);
  EXPECT_EQ(get[5], kSentinel);
  EXPECT_EQ(get[6], "10");
  req.method = "POST";
  req.body = R"x({"title": "$(rm -rf /)"})x";
  std::vector<std::string> post = wget_command(req, kSentinel);
  ASSERT_EQ(post.size(), 9u);
  EXPECT_EQ(post[7], req.body);
  EXPECT_EQ(post[8], "application/json");
  EXPECT_EQ(post[2].find("rm -rf"), std::string::npos);
}

}  // namespace
}  // namespace sts
