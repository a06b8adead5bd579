#include "grader/model/nslookup.h"

#include <gtest/gtest.h>

namespace sts {
namespace {
TEST(Nslookup, BusyboxAnswerSkipsServerAddress) {
  EXPECT_EQ(nslookup_addresses("Server:\t\t169.254.20.10\nAddress:\t169.254.20.10:53\n\n"
                               "Name:\tweb-0.web.ns.svc.cluster.local\nAddress: 10.88.0.12\n\n"
                               "*** Can't find web-0.web.ns.svc.cluster.local: No answer\n"),
            std::vector<std::string>{"10.88.0.12"});
}
TEST(Nslookup, SeveralAddressesSortedAndDeduplicated) {
  EXPECT_EQ(nslookup_addresses("Server: 10.0.0.10\nAddress: 10.0.0.10#53\n\nName: web\n"
                               "Address: 10.88.0.9\nName: web\nAddress: 10.88.0.7\n"
                               "Name: web\nAddress: 10.88.0.9\n"),
            (std::vector<std::string>{"10.88.0.7", "10.88.0.9"}));
}
TEST(Nslookup, NxdomainHasNoAddresses) {
  EXPECT_TRUE(nslookup_addresses("Server:\t\t169.254.20.10\nAddress:\t169.254.20.10:53\n\n"
                                 "** server can't find x.svc.cluster.local: NXDOMAIN\n")
                  .empty());
}
// IPv6-only and dual-stack pods: AAAA answers count, in canonical form.
TEST(Nslookup, AaaaAnswersAreAddressesToo) {
  EXPECT_EQ(nslookup_addresses("Server:\t\tfd00:10:96::a\nAddress:\t[fd00:10:96::a]:53\n\n"
                               "Name:\tweb-0.web.ns.svc.cluster.local\nAddress: fd00:10:244:0:0:0:0:5\n\n"
                               "Name:\tweb-0.web.ns.svc.cluster.local\nAddress: 10.88.0.12\n"),
            (std::vector<std::string>{"10.88.0.12", "fd00:10:244::5"}));
}
TEST(Nslookup, CanonicalIp) {
  EXPECT_EQ(canonical_ip("fd00:0:0::0a"), "fd00::a");
  EXPECT_EQ(canonical_ip("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(canonical_ip("10.1.2"), "");
  EXPECT_EQ(canonical_ip("web-0"), "");
}
}  // namespace
}  // namespace sts
