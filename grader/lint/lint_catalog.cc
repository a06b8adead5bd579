#include "grader/lint/lint_catalog.h"

namespace sts {

const std::vector<LintRuleInfo>& lint_rules() {
  static const std::vector<LintRuleInfo> kRules = {
      {"parse", "error",
       "the submission cannot be read: invalid YAML, not a Kubernetes object, or a Helm chart or "
       "kustomization that does not render",
       "fix the named file and line; `helm template` / `kubectl kustomize` show the same error",
       "issue 4: unparseable input is not gradable"},
      {"policy", "error",
       "an object or file the grader refuses on a shared cluster (the rule named in the message, "
       "policy/... or source/..., see docs/security.md): kinds outside the allow-list, node-level pod "
       "settings, volumes other than claims/configMaps/secrets/emptyDir/downwardAPI/projected, "
       "Services leaving the cluster, RBAC beyond the namespace, reserved names, bounds; symlinks "
       "leaving the submission, special files, remote kustomize bases",
       "remove it: a submission may only create the namespaced objects the labs use, in its own namespace",
       "grader isolation policy (docs/security.md)"},
      {"no-statefulset", "error", "the submission has no StatefulSet",
       "use kind: StatefulSet with volumeClaimTemplates and a headless Service",
       "Lab 04 section 3.2; Lab 06 mistake 1"},
      {"deployment-for-state", "error",
       "a Deployment, ReplicaSet or bare Pod runs the stateful workload: it mounts a PVC, runs a "
       "database image, or carries the name of the lab's StatefulSet",
       "make it a StatefulSet with volumeClaimTemplates and a headless Service; keep Deployments "
       "for stateless parts such as the API",
       "Lab 06 mistake 1; Lab 15 task 2; Level 2"},
      {"service-name", "error", "the StatefulSet's spec.serviceName is missing or names no Service",
       "spec.serviceName must exactly match the headless Service's metadata.name",
       "Lab 04 mistake 3; Lab 06 mistake 5"},
      {"not-headless", "error", "the Service named by serviceName is not headless (no clusterIP: None)",
       "add `clusterIP: None` to the Service's spec", "Lab 04 mistake 1; Project 5 mistake 1"},
      {"service-selector", "error", "a Service's selector matches no pod template's labels",
       "make the Service's spec.selector match the pods' spec.template.metadata.labels",
       "Lab 04 mistake 2; Project 5 mistake 2"},
      {"selector-labels", "error", "a workload's spec.selector does not match its own pod template labels",
       "make spec.selector.matchLabels equal to spec.template.metadata.labels", "Lab 04 mistake 2"},
      {"no-claim-templates", "error", "a StatefulSet has no volumeClaimTemplates: its pods get no storage of their own",
       "add spec.volumeClaimTemplates so each pod gets its own PVC", "Lab 04 mistake 7"},
      {"shared-volume", "error",
       "a StatefulSet keeps its data in `volumes` (emptyDir, or one PVC shared by every pod) instead "
       "of volumeClaimTemplates",
       "move the volume to spec.volumeClaimTemplates (same name as the volumeMount) so each pod gets its own PVC",
       "Lab 04 mistake 7"},
      {"mount-unknown", "error", "a volumeMount names neither a volumeClaimTemplate nor a volume",
       "the volumeMount's name must equal a volumeClaimTemplates[].metadata.name", "Lab 04 section 2"},
      {"access-mode", "warning", "per-pod storage asks for ReadWriteMany",
       "use ReadWriteOnce: each pod writes only its own volume; many provisioners cannot give ReadWriteMany",
       "Lab 04 mistake 8; Lab 06 mistake 6"},
      {"min-storage", "error", "a claim asks for less storage than the lab's minimum, or for none",
       "set resources.requests.storage to at least the lab's minimum", "Lab 04 section 3.2 (at least 50Mi)"},
      {"storage-class", "info",
       "a claim names no storageClassName, so it depends on the cluster's default StorageClass",
       "name the StorageClass (kubectl get storageclass) to avoid surprises on another cluster",
       "Lab 04 reasoning question on storageClassName"},
      {"replicas", "error", "a StatefulSet has fewer replicas than the lab requires",
       "set spec.replicas to at least the lab's minimum", "Lab 04 section 3.2 (at least 3)"},
      {"duplicate-key", "warning",
       "a mapping key is written twice in one object; helm install and kubectl apply keep the last value",
       "remove the earlier key (or the later one, if that is the value meant)",
       "issue 16: render as the student deployed it"},
      {"service-type", "warning",
       "a NodePort or LoadBalancer Service: the grader places it as ClusterIP (a fixed nodePort collides "
       "across students graded at once; the checks reach pods and ClusterIP Services only)",
       "nothing to fix for grading; a headless Service plus ClusterIP is what the lab needs",
       "issue 16: parallel batch is safe with real charts"},
      {"namespace", "warning",
       "an object names a namespace other than the lab's (the grader rewrites it into its own)",
       "use the lab's namespace, or leave metadata.namespace out", "Lab 04 section 3.2"},
      {"hardcoded-ip", "warning",
       "an IP address written into env, command/args or a ConfigMap: pod IPs change on every restart",
       "use the stable DNS name, e.g. postgres-0.postgres-headless", "Lab 06 mistake 3"},
      {"inline-code", "warning",
       "application code inlined in YAML: a heredoc, `python -c`, packages installed at start, a long "
       "script, or a ConfigMap holding source code that a pod runs",
       "put the application in an image (Dockerfile) and run that image", "Lab 06 mistake 4"},
      {"readiness-probe", "info",
       "a StatefulSet container has no readinessProbe: Ready then means only 'started', so ordered "
       "startup waits for less",
       "add a readinessProbe that checks the application really serves", "Lab 04 section 1.3 (ordered, Ready)"},
      {"no-pdb", "info", "no PodDisruptionBudget selects the StatefulSet's pods",
       "add a PodDisruptionBudget (policy/v1) with maxUnavailable: 1 selecting the pods' labels",
       "Project 5 mistake 7"},
      {"latest-image", "warning", "an image is not pinned (no tag, or :latest): every start may run different code",
       "pin a version, e.g. busybox:1.36", "Lab 06 (versioned images)"},
      {"parallel-policy", "info",
       "podManagementPolicy: Parallel: pods start and stop all at once, so ordered creation and scaling will not be observed",
       "remove it (the default OrderedReady starts each pod after the previous one is Ready)",
       "Lab 04 mistake 6"},
      {"retention-delete", "info",
       "persistentVolumeClaimRetentionPolicy deletes PVCs (whenScaled or whenDeleted: Delete)",
       "remove the policy or use Retain if the data must outlive scale-down",
       "Lab 04 mistake 4; Project 5 mistake 4"},
      {"update-strategy", "info",
       "updateStrategy is OnDelete or a partitioned RollingUpdate: pods are not all updated by a rollout",
       "", "Lab 15 bonus; Project 5 mistake 3"},
  };
  return kRules;
}

const LintRuleInfo* find_lint_rule(const std::string& id) {
  for (const LintRuleInfo& r : lint_rules())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace sts
