#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

CheckResult dns(const RunOptions& o) { return judge("dns-resolution", lab04_run(o)); }

TEST(DnsResolution, PassesWhenNamesResolveToPodIps) {
  CheckResult r = dns({});
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.evidence[0].text.find(
                "web-1.web-svc.sts-grader-t1.svc.cluster.local -> 10.244.0.12 (expected "
                "10.244.0.12"),
            std::string::npos)
      << r.evidence[0].text;
}

// IPv6-only pods (AAAA answers) and dual-stack pods (status.podIPs) match.
TEST(DnsResolution, Ipv6AndDualStackPodsMatch) {
  for (const char* family : {"v6", "dual"}) {
    RunOptions o;
    o.ip_family = family;
    CheckResult r = dns(o);
    EXPECT_EQ(r.status, Status::kPass) << family << ": " << text_of(r);
  }
  RunOptions o;
  o.ip_family = "v6";
  Observations obs = lab04_run(o);
  for (DnsLookup& d : obs.dns)
    if (d.expect_pod == "web-1") d.addresses = {"fd00:10:244:0:0:0:0:99"};
  EXPECT_EQ(failed_ids(judge("dns-resolution", obs)), std::vector<std::string>{"pod-records"});
}

TEST(DnsResolution, ANonHeadlessServiceIsNamedAsTheCause) {
  RunOptions o;
  o.headless = false;
  CheckResult r = dns(o);
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(failed_ids(r),
            (std::vector<std::string>{"pod-records", "service-records", "headless-service"}));
  EXPECT_NE(r.explanation.find("not headless: clusterIP is 10.96.0.42"), std::string::npos);
  EXPECT_NE(assertion(r, "service-records")->detail.find("not pod IPs: 10.96.0.42"),
            std::string::npos);
  EXPECT_NE(r.hint.find("clusterIP: None"), std::string::npos);
}

TEST(DnsResolution, AWrongServiceNameIsNamedAsTheCause) {
  RunOptions o;
  o.service_name_matches = false;
  CheckResult r = dns(o);
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.explanation.find("`wrong-svc` names no Service (submitted: web-svc)"),
            std::string::npos);
  EXPECT_NE(r.hint.find("COMMON MISTAKES 3"), std::string::npos);
}

TEST(DnsResolution, AMismatchedSelectorIsNamedAsTheCause) {
  RunOptions o;
  o.selector_matches = false;
  CheckResult r = dns(o);
  EXPECT_NE(r.explanation.find("(app=other) matches no pod labels"), std::string::npos);
  EXPECT_NE(r.hint.find("COMMON MISTAKES 2"), std::string::npos);
}

TEST(DnsResolution, AStaleAddressFails) {
  Observations obs = lab04_run();
  obs.dns[0].addresses = {"10.244.9.9"};
  CheckResult r = judge("dns-resolution", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"pod-records"});
  EXPECT_NE(r.explanation.find("10.244.9.9, expected 10.244.0.11"), std::string::npos);
}

TEST(DnsResolution, SkippedWhenTheDnsStepNeverRan) {
  Observations obs = lab04_run();
  obs.dns.clear();
  stop_before(obs, "dns", false, "write-markers");
  EXPECT_EQ(judge("dns-resolution", obs).status, Status::kSkipped);
}

TEST(DnsResolution, ErroredWhenTheProbeCouldNotRun) {
  Observations obs = lab04_run();
  obs.dns[2].exec.error = "pod dns-probe not found";
  EXPECT_EQ(judge("dns-resolution", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
