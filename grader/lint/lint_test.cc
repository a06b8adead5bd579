#include "grader/lint/lint.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

std::vector<Diagnostic> lint_text(const std::string& text, const LintConfig& cfg = {}) {
  return lint(parse_manifests(text, "s.yaml"), cfg);
}

// The finding of `rule` at `line`, or nullptr.
const Diagnostic* at(const std::vector<Diagnostic>& ds, const std::string& rule, int line) {
  for (const Diagnostic& d : ds)
    if (d.rule == rule && d.pos.line == line) return &d;
  return nullptr;
}

std::string all(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const Diagnostic& d : ds) s += d.str() + "\n";
  return s;
}

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  if (at == std::string::npos) ADD_FAILURE() << "no \"" << from << "\" in the sample";
  else s.replace(at, from.size(), to);
  return s;
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
        command: ["sh", "-c"]
        args:
        - |
          [ -f /data/id ] || echo "$HOSTNAME" > /data/id
          trap 'exit 0' TERM
          sleep 2147483647 &
          wait
        readinessProbe: {exec: {command: [true]}}
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: standard
      resources: {requests: {storage: 64Mi}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
)";

LintConfig lab04() {
  LintConfig c;
  c.lab = "lab04-section3";
  c.min_storage = "50Mi";
  c.min_storage_bytes = 50.0L * 1024 * 1024;
  c.min_replicas = 3;
  c.namespace_ = "statefulset-lab";
  return c;
}

TEST(Lint, CorrectSubmissionHasNoFindings) {
  EXPECT_EQ(all(lint_text(kGood, lab04())), "");
}

TEST(Lint, WrongServiceNameAtItsLine) {
  auto ds = lint_text(replace(kGood, "serviceName: web", "serviceName: db-svc"));
  const Diagnostic* d = at(ds, "service-name", 12);
  ASSERT_TRUE(d) << all(ds);
  EXPECT_EQ(d->severity, "error");
  EXPECT_NE(d->message.find("(Services: web)"), std::string::npos) << d->message;
  EXPECT_NE(d->fix.find("Lab 04 common mistake 3"), std::string::npos);
  EXPECT_EQ(d->str().rfind("s.yaml:12:3: error: serviceName \"db-svc\" names no Service", 0), 0u) << d->str();
}

TEST(Lint, NotHeadlessAndSelectorMismatch) {
  std::string s = replace(kGood, "  clusterIP: None\n", "");
  s = replace(s, "selector: {app: web}", "selector: {app: db}");
  auto ds = lint_text(s);
  EXPECT_TRUE(at(ds, "not-headless", 4)) << all(ds);
  EXPECT_TRUE(at(ds, "service-selector", 5)) << all(ds);
}

TEST(Lint, StatefulSetSelectorMissingItsTemplate) {
  auto ds = lint_text(replace(kGood, "selector: {matchLabels: {app: web}}", "selector: {matchLabels: {app: db}}"));
  EXPECT_TRUE(at(ds, "selector-labels", 14)) << all(ds);
}

TEST(Lint, OtherServiceSelectingNothing) {
  auto ds = lint_text(std::string(kGood) + "---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n");
  EXPECT_TRUE(at(ds, "service-selector", 48)) << all(ds);
}

TEST(Lint, DeploymentInsteadOfStatefulSet) {
  auto ds = lint_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
  ASSERT_EQ(ds.size(), 1u) << all(ds);
  EXPECT_EQ(ds[0].rule, "no-statefulset");
  EXPECT_EQ(ds[0].pos.line, 2);
}

const char* kPostgresDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: postgres}
spec:
  selector: {matchLabels: {app: postgres}}
  template:
    metadata: {labels: {app: postgres}}
    spec:
      containers:
      - name: db
        image: postgres:16
)";

TEST(Lint, DeploymentRunningADatabase) {
  auto ds = lint_text(kPostgresDeployment);
  const Diagnostic* d = at(ds, "deployment-for-state", 11);
  ASSERT_TRUE(d) << all(ds);
  EXPECT_NE(d->message.find("postgres:16"), std::string::npos);
  EXPECT_FALSE(at(ds, "no-statefulset", 2)) << "one finding for one mistake:\n" << all(ds);
  // Beside a StatefulSet too (Lab 06: the cache as a Deployment).
  const int image_line = lines(kGood) + 1 + 11;  // kGood, "---", then the Deployment's line 11
  EXPECT_TRUE(at(lint_text(std::string(kGood) + "---\n" + kPostgresDeployment), "deployment-for-state", image_line));
}

TEST(Lint, DeploymentWithAClaimOrTheLabsName) {
  std::string pvc = replace(kPostgresDeployment, "image: postgres:16", "image: example/api:1.0\n      volumes:\n      - name: d\n        persistentVolumeClaim: {claimName: data}");
  EXPECT_TRUE(at(lint_text(pvc), "deployment-for-state", 14)) << all(lint_text(pvc));
  std::string named = replace(kPostgresDeployment, "image: postgres:16", "image: example/db:1.0");
  EXPECT_FALSE(at(lint_text(named), "deployment-for-state", 3));
  LintConfig cfg;
  cfg.statefulset_names = {"postgres"};
  EXPECT_TRUE(at(lint_text(named, cfg), "deployment-for-state", 3)) << all(lint_text(named, cfg));
  // A stateless API Deployment is fine.
  std::string api = replace(named, "name: postgres}", "name: api}");
  for (const Diagnostic& d : lint_text(api, cfg)) EXPECT_NE(d.rule, "deployment-for-state") << d.str();
}

TEST(Lint, EmptyDirOrSharedClaimInsteadOfTemplates) {
  std::string s = replace(kGood, R"(  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: standard
      resources: {requests: {storage: 64Mi}}
)", "      volumes:\n      - name: data\n        emptyDir: {}\n");
  auto ds = lint_text(s);
  EXPECT_TRUE(at(ds, "shared-volume", 32)) << all(ds);
  EXPECT_FALSE(at(ds, "no-claim-templates", 11)) << all(ds);
  auto shared = lint_text(replace(s, "emptyDir: {}", "persistentVolumeClaim: {claimName: one}"));
  const Diagnostic* d = at(shared, "shared-volume", 32);
  ASSERT_TRUE(d) << all(shared);
  EXPECT_NE(d->message.find("one PVC (one) shared by every pod"), std::string::npos) << d->message;
}

TEST(Lint, NoStorageAtAllAndAMountNamingNothing) {
  std::string s = replace(kGood, R"(  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: standard
      resources: {requests: {storage: 64Mi}}
)", "");
  auto ds = lint_text(s);
  EXPECT_TRUE(at(ds, "no-claim-templates", 11)) << all(ds);
  EXPECT_TRUE(at(ds, "mount-unknown", 29)) << all(ds);
}

TEST(Lint, ClaimSizeModeAndClass) {
  std::string s = replace(kGood, "accessModes: [ReadWriteOnce]", "accessModes: [ReadWriteMany]");
  s = replace(s, "storage: 64Mi", "storage: 10Mi");
  s = replace(s, "      storageClassName: standard\n", "");
  auto ds = lint_text(s, lab04());
  EXPECT_EQ(at(ds, "access-mode", 33)->severity, "warning");
  const Diagnostic* small = at(ds, "min-storage", 34);
  ASSERT_TRUE(small) << all(ds);
  EXPECT_NE(small->message.find("10Mi, less than the lab's minimum of 50Mi"), std::string::npos) << small->message;
  EXPECT_EQ(at(ds, "storage-class", 32)->severity, "info");
  EXPECT_TRUE(at(lint_text(replace(kGood, "storage: 64Mi", "storage: lots"), lab04()), "min-storage", 35));
  EXPECT_TRUE(at(lint_text(replace(kGood, "      resources: {requests: {storage: 64Mi}}\n", ""), lab04()), "min-storage", 32));
  EXPECT_FALSE(at(lint_text(kGood), "min-storage", 35)) << "no minimum without a lab";
}

TEST(Lint, ReplicasAndNamespaceOfTheLab) {
  std::string s = replace(kGood, "replicas: 3", "replicas: 2");
  s = replace(s, "metadata: {name: web}\nspec:\n  serviceName", "metadata: {name: web, namespace: prod}\nspec:\n  serviceName");
  auto ds = lint_text(s, lab04());
  ASSERT_TRUE(at(ds, "replicas", 13)) << all(ds);
  EXPECT_NE(at(ds, "replicas", 13)->message.find("has 2 replicas; the lab asks for at least 3"), std::string::npos);
  EXPECT_EQ(at(ds, "namespace", 10)->severity, "warning");
  auto missing = lint_text(replace(kGood, "  replicas: 3\n", ""), lab04());
  EXPECT_TRUE(at(missing, "replicas", 11)) << all(missing);
  EXPECT_TRUE(lint_text(s).size() == 0) << "without a lab there is nothing to compare with:\n" << all(lint_text(s));
}

TEST(Lint, HardCodedPodIps) {
  std::string s = replace(kGood, "        readinessProbe:", R"(        env:
        - name: DB_HOST
          value: "10.244.0.5"
        - name: ALLOWED
          value: "10.244.0.0/16 0.0.0.0 127.0.0.1 v1.2.3.4"
        readinessProbe:)");
  auto ds = lint_text(s);
  const Diagnostic* d = at(ds, "hardcoded-ip", 30);
  ASSERT_TRUE(d) << all(ds);
  EXPECT_NE(d->message.find("env DB_HOST of container c hard-codes the IP address 10.244.0.5"), std::string::npos);
  EXPECT_NE(d->fix.find("Lab 06 common mistake 3"), std::string::npos);
  EXPECT_EQ(ds.size(), 1u) << "CIDR, 0.0.0.0, loopback and versions are no pod IPs:\n" << all(ds);
  // Inside a block scalar: the line of the address, not of the scalar.
  auto in_args = lint_text(replace(kGood, "          trap 'exit 0' TERM", "          nc 10.244.0.7 5432\n          trap 'exit 0' TERM"));
  EXPECT_TRUE(at(in_args, "hardcoded-ip", 25)) << all(in_args);
  auto in_cm = lint_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  hosts: |\n    db=postgres-0\n    cache=10.244.0.9:6379\n");
  EXPECT_TRUE(at(in_cm, "hardcoded-ip", 7)) << all(in_cm);
}

TEST(Lint, ApplicationCodeInlined) {
  auto heredoc = lint_text(replace(kGood, "          trap 'exit 0' TERM",
                                   "          pip install fastapi\n          cat > /app/main.py <<'EOF'\n"
                                   "          import fastapi\n          EOF\n          trap 'exit 0' TERM"));
  const Diagnostic* d = at(heredoc, "inline-code", 25);
  ASSERT_TRUE(d) << all(heredoc);
  EXPECT_NE(d->message.find("installs packages at every start"), std::string::npos) << d->message;
  EXPECT_EQ(d->severity, "warning");
  EXPECT_EQ(heredoc.size(), 1u) << "one finding per container:\n" << all(heredoc);
  auto py = lint_text(replace(kGood, R"(command: ["sh", "-c"])", R"(command: ["python3", "-c"])"));
  EXPECT_TRUE(at(py, "inline-code", 21)) << all(py);
  const std::string cm = std::string(kGood) +
                         "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  main.py: |\n    print(1)\n";
  for (const Diagnostic& d : lint_text(cm)) EXPECT_NE(d.rule, "inline-code") << "not mounted: not run\n" << d.str();
  auto mounted = lint_text(replace(cm, "        volumeMounts: [{name: data, mountPath: /data}]",
                                   "        volumeMounts: [{name: data, mountPath: /data}]\n      volumes: [{name: app, configMap: {name: app}}]"));
  EXPECT_TRUE(at(mounted, "inline-code", lines(kGood) + 7)) << all(mounted);  // + volumes line, ---, 5 lines
}

TEST(Lint, ReadinessPdbAndImages) {
  std::string s = replace(kGood, "        readinessProbe: {exec: {command: [true]}}\n", "");
  s = replace(s, "image: busybox:1.36", "image: localhost:5000/busybox");
  s = replace(s, "kind: PodDisruptionBudget", "kind: ConfigMap");
  auto ds = lint_text(s);
  EXPECT_EQ(at(ds, "readiness-probe", 19)->severity, "info") << all(ds);
  EXPECT_EQ(at(ds, "no-pdb", 10)->severity, "info") << all(ds);
  const Diagnostic* img = at(ds, "latest-image", 20);
  ASSERT_TRUE(img) << all(ds);
  EXPECT_NE(img->message.find("has no tag"), std::string::npos) << img->message;
  EXPECT_TRUE(at(lint_text(replace(kGood, "busybox:1.36", "busybox:latest")), "latest-image", 20));
  EXPECT_FALSE(at(lint_text(replace(kGood, "busybox:1.36", "busybox@sha256:abc")), "latest-image", 20));
}

TEST(Lint, FactsThatExplainLaterResults) {
  std::string s = replace(kGood, "  replicas: 3\n", R"(  replicas: 3
  podManagementPolicy: Parallel
  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete, whenDeleted: Delete}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {partition: 2}
)");
  auto ds = lint_text(s);
  EXPECT_TRUE(at(ds, "parallel-policy", 14)) << all(ds);
  EXPECT_EQ(std::count_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.rule == "retention-delete"; }), 2);
  const Diagnostic* u = at(ds, "update-strategy", 18);
  ASSERT_TRUE(u) << all(ds);
  EXPECT_NE(u->message.find("only pods with ordinal >= 2"), std::string::npos);
  for (const Diagnostic& d : ds) EXPECT_EQ(d.severity, "info") << d.str();
  EXPECT_TRUE(at(lint_text(replace(kGood, "  replicas: 3\n", "  replicas: 3\n  updateStrategy: {type: OnDelete}\n")),
                 "update-strategy", 14));
}

TEST(Lint, RubricSeverityOverrides) {
  std::string s = replace(kGood, "image: busybox:1.36", "image: busybox");
  LintConfig cfg;
  cfg.severity["latest-image"] = "error";
  EXPECT_EQ(at(lint_text(s, cfg), "latest-image", 20)->severity, "error");
  cfg.severity["latest-image"] = "off";
  EXPECT_EQ(all(lint_text(s, cfg)), "");
}

TEST(Lint, PolicyViolationsEachNamedInFileOrder) {
  auto ds = lint_text(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
---
apiVersion: v1
kind: Pod
metadata: {name: shell, namespace: kube-system}
spec:
  hostPID: true
  containers:
  - name: sh
    image: busybox:1.36
    securityContext: {privileged: true}
  volumes: [{name: host, hostPath: {path: /}}]
)");
  std::vector<int> lines;
  for (const Diagnostic& d : ds)
    if (d.rule == "policy") lines.push_back(d.pos.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 8, 10, 14, 15})) << all(ds);
  for (size_t i = 1; i < ds.size(); ++i) EXPECT_LE(ds[i - 1].pos.line, ds[i].pos.line) << all(ds);
}

TEST(Lint, ReadingErrorsBecomeParseDiagnostics) {
  Diagnostic d = parse_diagnostic("sub/web.yaml:7:13: invalid YAML: end of map not found");
  EXPECT_EQ(d.rule, "parse");
  EXPECT_EQ(d.pos.file, "sub/web.yaml");
  EXPECT_EQ(d.pos.line, 7);
  EXPECT_EQ(d.pos.column, 13);
  EXPECT_EQ(d.message, "invalid YAML: end of map not found");
  Diagnostic r = parse_diagnostic("k8s/templates/sts.yaml:4 (rendered): helm template failed: bad\nmore");
  EXPECT_TRUE(r.pos.rendered);
  EXPECT_EQ(r.pos.line, 4);
  EXPECT_EQ(r.message, "helm template failed: bad\nmore");
  Diagnostic f = parse_diagnostic("sub: no such file or folder");
  EXPECT_EQ(f.pos.file, "sub");
  EXPECT_EQ(f.pos.line, 0);
}

}  // namespace
}  // namespace sts
