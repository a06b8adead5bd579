#include "grader/lint.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

std::vector<Diagnostic> lint_text(const std::string& text) { return lint(parse_manifests(text, "s.yaml")); }

bool has(const std::vector<Diagnostic>& ds, const std::string& rule, int line) {
  for (const Diagnostic& d : ds)
    if (d.rule == rule && d.pos.line == line) return true;
  return false;
}

const char* kGood = R"(apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  selector: {app: web}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: busybox:1.36
        readinessProbe: {exec: {command: [true]}}
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], storageClassName: standard}
)";

TEST(Lint, CorrectSubmissionHasNoFindings) {
  auto ds = lint_text(kGood);
  for (const Diagnostic& d : ds) ADD_FAILURE() << d.str();
}

TEST(Lint, WrongServiceNameAtItsLine) {
  std::string s = kGood;
  s.replace(s.find("serviceName: web"), 16, "serviceName: db-svc");
  auto ds = lint_text(s);
  ASSERT_TRUE(has(ds, "service-name", 12));
  EXPECT_NE(ds[0].message.find("Services: web"), std::string::npos) << ds[0].message;
}

TEST(Lint, NotHeadlessAndSelectorMismatch) {
  std::string s = kGood;
  s.replace(s.find("  clusterIP: None\n"), 18, "");
  s.replace(s.find("selector: {app: web}"), 20, "selector: {app: db}");
  auto ds = lint_text(s);
  EXPECT_TRUE(has(ds, "not-headless", 4));
  EXPECT_TRUE(has(ds, "service-selector", 5));
}

TEST(Lint, DeploymentInsteadOfStatefulSet) {
  auto ds = lint_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].rule, "no-statefulset");
}

}  // namespace
}  // namespace sts
