#include "checks/visit_counts.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(VisitsIn, JsonMemberElseFirstInteger) {
  EXPECT_EQ(visits_in("{\"hostname\": \"web-0\", \"visits\": 7}\n"), 7);
  EXPECT_EQ(visits_in("{\"visits\": \"12\"}"), 12);
  EXPECT_EQ(visits_in("42\n"), 42);
  EXPECT_EQ(visits_in("Visits: 5 (pod web-1)"), 5);
  // An object without the member has no count, whatever digits the hostname holds.
  EXPECT_EQ(visits_in("{\"message\": \"Hello from web-0\"}"), std::nullopt);
  EXPECT_EQ(visits_in(""), std::nullopt);
  EXPECT_EQ(visits_in("no number"), std::nullopt);
}

TEST(CountReading, SaysWhereTheNumberCameFrom) {
  HttpExchange x;
  x.method = "GET";
  x.url = "http://10.0.0.1:8000/visits";
  x.ok = true;
  x.status = 200;
  x.body = "{\"visits\": 3}";
  x.t = 4.25;
  CountReading r = http_count(&x, "web-0", "before");
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.text, "web-0 GET http://10.0.0.1:8000/visits (before, 4.2s) -> 200 {\"visits\": 3}");
  x.ok = false;
  x.error = "HTTP 500 Internal Server Error";
  EXPECT_EQ(http_count(&x, "web-0", "before").count, std::nullopt);
  x.exec.error = "kubectl exec timed out";
  EXPECT_TRUE(http_count(&x, "web-0", "before").infrastructure);
  EXPECT_EQ(http_count(nullptr, "web-0", "before").text, "web-0 before: not requested");

  ExecRecord e;
  e.command = {"cat", "/data/visits"};
  e.exit_code = 1;
  e.err = "cat: can't open '/data/visits': No such file or directory";
  CountReading f = file_count(&e, "web-1", "its volume");
  EXPECT_EQ(f.count, std::nullopt);
  EXPECT_NE(f.text.find("exit 1: cat: can't open"), std::string::npos);
  e.exit_code = 0;
  e.out = "5\n";
  EXPECT_EQ(file_count(&e, "web-1", "its volume").count, 5);
}

}  // namespace
}  // namespace sts
