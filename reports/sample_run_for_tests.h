// A small, hand-made grading run that the report tests render: a 3-replica
// StatefulSet "web" whose pod web-1 was deleted and came back, with one check
// failed, content that tries to break out of Markdown and XML, and every kind
// of item status. Tests only: reports never depend on the real checks.
#pragma once
#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts::testing_sample {

inline Json pod_object(const std::string& name, const std::string& uid, const std::string& ip, bool ready) {
  Json pod = {{"metadata", {{"name", name}, {"uid", uid}}},
              {"spec", {{"volumes", {{{"name", "www"}, {"persistentVolumeClaim", {{"claimName", "www-" + name}}}}}}}},
              {"status", {{"phase", ready ? "Running" : "Pending"}}}};
  if (!ip.empty()) pod["status"]["podIP"] = ip;
  if (ready) pod["status"]["conditions"] = {{{"type", "Ready"}, {"status", "True"}}};
  return pod;
}

inline RunInfo run() {
  RunInfo r;
  r.grader_version = "0.1.0-test";
  r.submission = "examples/submissions/good";
  r.rubric_id = "lab04-section3";
  r.rubric_title = "Lab 04 section 3";
  r.rubric_path = "rubrics/lab04-section3.yaml";
  r.scenario_id = "lab04-section3";
  r.cluster_server = "https://10.0.2.15:6443";
  r.cluster_version = "v1.33.1";
  r.namespace_ = "sts-grader-ab12";
  r.required_namespace = "statefulset-lab";
  r.statefulset = "web";
  r.started_at = "2025-01-02T03:04:05Z";
  r.wall_seconds = 95.25;
  r.verdict_seconds = 60.5;
  r.cleanup_seconds = 2.5;
  r.scenario_seconds = 55;
  r.scenario_waiting_seconds = 50;
  r.grader_cpu_seconds = 1.5;
  r.kubectl_cpu_seconds = 0.3;
  r.waiting_seconds = 80;
  r.cleaned_up = true;
  r.notes = {"namespace statefulset-lab rewritten to sts-grader-ab12"};
  return r;
}

inline ScoredItem scored(const std::string& check, const std::string& title, Status status, double points,
                         double earned) {
  ScoredItem it;
  it.item.check = check;
  it.item.title = title;
  it.item.points = points;
  it.result.id = check;
  it.result.status = status;
  it.earned = earned;
  return it;
}

inline Score score() {
  Score s;
  ScoredItem naming = scored("pod-naming", "Test 1: Pod naming", Status::kPass, 1, 1);
  naming.result.summary = "pods web-0, web-1, web-2";
  naming.result.assertions = {{"ordinal-names", "pods are named <sts>-<ordinal>", true, "web-0, web-1, web-2"}};
  naming.result.evidence = {{"pods", "web-0\nweb-1\nweb-2", 12.5}};

  ScoredItem identity = scored("identity-persistence", "Test 6: Identity persistence", Status::kFail, 1, 0.5);
  identity.item.partial = true;
  identity.result.summary = "1 of 2 assertions passed";
  identity.result.assertions = {{"same-pvc", "the replacement mounts the same claim", true, "www-web-1"},
                                {"original-content", "the volume holds the original content", false,
                                 "index.html changed | was <b>web-1</b>"}};
  identity.result.evidence = {{"content before/after", "before: ```web-1```\nafter: fresh", 40}};
  identity.result.explanation = "the app rewrites index.html at start";
  identity.result.hint = "write the identity file only if it does not exist yet";

  ScoredItem reuse = scored("pvc-reuse", "Test 10: PVC reuse", Status::kSkipped, 1, 0);
  reuse.result.summary = "not judged: requires pvc-retention, which failed";
  reuse.result.explanation = "requires pvc-retention, which failed";

  ScoredItem secret = scored("dns-resolution", "Test 5: DNS resolution", Status::kPass, 1, 1);
  secret.item.hidden = true;
  secret.result.summary = "3 names resolve";
  secret.result.hint = "HIDDEN-HINT";

  ScoredItem manual;
  manual.item.title = "Design questions";
  manual.item.points = 2;
  manual.item.manual = true;
  manual.result.status = Status::kSkipped;

  s.items = {naming, identity, reuse, secret, manual};
  s.earned = 2.5;
  s.possible = 6;
  s.machine_possible = 4;
  s.passed = 2;
  s.failed = 1;
  s.skipped = 1;
  return s;
}

inline Observations observations() {
  Observations o;
  o.namespace_ = "sts-grader-ab12";
  o.statefulset = "web";
  o.cluster_version = "v1.33.1";
  o.namespace_rewrites = {"statefulset-lab -> sts-grader-ab12"};
  o.scenario_params = {{"delete_ordinal", 1}, {"initial_replicas", 3}};
  o.statefulset_manifest = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web"},
    "spec": {
      "replicas": 3, "serviceName": "nginx",
      "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27",
        "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
      "volumeClaimTemplates": [{"metadata": {"name": "www"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "50Mi"}}}}]
    }})");
  long seq = 0;
  const auto add = [&](double t, const std::string& type, Json pod) {
    o.timeline.add({++seq, t, type, "Pod", std::move(pod)});
  };
  add(1.0, "ADDED", pod_object("web-0", "uid-web-0-aaaaaaaa", "", false));
  add(4.5, "MODIFIED", pod_object("web-0", "uid-web-0-aaaaaaaa", "10.1.0.10", true));
  add(5.0, "ADDED", pod_object("web-1", "uid-web-1-bbbbbbbb", "", false));
  add(9.0, "MODIFIED", pod_object("web-1", "uid-web-1-bbbbbbbb", "10.1.0.11", true));
  add(9.5, "ADDED", pod_object("web-2", "uid-web-2-cccccccc", "", false));
  add(13.0, "MODIFIED", pod_object("web-2", "uid-web-2-cccccccc", "10.1.0.12", true));
  add(30.0, "DELETED", pod_object("web-1", "uid-web-1-bbbbbbbb", "10.1.0.11", true));
  add(30.5, "ADDED", pod_object("web-1", "uid-web-1-dddddddd", "", false));
  add(35.0, "MODIFIED", pod_object("web-1", "uid-web-1-dddddddd", "10.1.0.21", true));
  o.marks = {{"apply", "apply the submission", 0, 0.5}, {"delete-pod", "delete pod web-1", 7, 29.0}};

  Snapshot initial;
  initial.id = "initial";
  initial.t = 14;
  initial.kubectl_get = "NAME    READY   STATUS\npod/web-0   1/1   Running\n";
  o.snapshots["initial"] = initial;

  VolumeRead r0;
  r0.phase = "initial";
  r0.pod = "web-0";
  r0.pod_uid = "uid-web-0-aaaaaaaa";
  r0.claim = "www-web-0";
  r0.mount_path = "/usr/share/nginx/html";
  r0.files = {{"index.html", "I am web-0\n```\nnot a fence end\n```"}};
  r0.ok = true;
  VolumeRead r1 = r0;
  r1.pod = "web-1";
  r1.pod_uid = "uid-web-1-bbbbbbbb";
  r1.claim = "www-web-1";
  r1.files = {{"index.html", "I am web-1"}};
  r1.marker = "tok-1";
  VolumeRead r1_after = r1;
  r1_after.phase = "after-delete";
  r1_after.pod_uid = "uid-web-1-dddddddd";
  r1_after.files = {{"index.html", "fresh"}};
  o.volume_reads = {r0, r1, r1_after};

  DnsLookup d;
  d.phase = "initial";
  d.name = "web-1.nginx.sts-grader-ab12.svc.cluster.local";
  d.expect_pod = "web-1";
  d.addresses = {"10.1.0.11"};
  d.attempts = 1;
  d.exec.exit_code = 0;
  d.exec.t_start = 15;
  d.exec.t_end = 15.2;
  o.dns = {d};
  o.failures = {{"scale-down", "2 pods of web", "web-2 Terminating", false}};
  return o;
}

}  // namespace sts::testing_sample
