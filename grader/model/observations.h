// Observations: everything the scenario runner saw, the only input of checks.
//
// A check judges these facts and nothing else: it never talks to the cluster,
// so it can be unit-tested on observations recorded from a real run
// (tests/recorded/*.json, see observations_io.h).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/model/timeline.h"

namespace sts {

// One command run inside a pod (kubectl exec), as evidence.
struct ExecRecord {
  std::string purpose;               // "read-volume", "write-marker", "dns", ...
  std::string pod;
  std::string container;
  std::vector<std::string> command;
  int exit_code = -1;                // -1: could not run at all (see error)
  std::string out;                   // stdout, bounded (see kMaxCapture)
  std::string err;                   // stderr, bounded
  std::string error;                 // infrastructure error text, if any
  double t_start = 0, t_end = 0;
};
inline constexpr size_t kMaxCapture = 4096;

// How the grader reads a volume (grader/scenario/volume_read.h), which is what
// a VolumeRead's excerpts, long_files and truncated mean.
inline constexpr const char* kMarkerFile = ".sts-grader-marker";
inline constexpr int kMaxFiles = 20;
// The proof is searched in the whole file up to this bound (a log that names
// the pod after its first kilobyte still proves it)…
inline constexpr int kMaxFileBytes = 64 * 1024;
// …while observations and reports keep a short excerpt of each file.
inline constexpr size_t kExcerptBytes = 1024;

// argv for `kubectl exec … --`: prints "<boundary> file <path> <size>"
// headers, each followed by the file's first bytes and "<boundary> end".

// What one pod's persistent volume held at one point of the scenario.
struct VolumeRead {
  std::string phase;                 // e.g. "initial", "after-delete", "after-reuse"
  std::string pod;
  std::string pod_uid;
  std::string claim;                 // PVC name mounted there
  std::string mount_path;
  std::map<std::string, std::string> files;  // path -> excerpt (first kExcerptBytes), marker excluded
  // Files longer than their excerpt: path -> content up to kMaxFileBytes
  // (above), what checks search and compare; reports keep the
  // excerpts. checks/check_util.h full_files() merges the two.
  std::map<std::string, std::string> long_files;
  bool truncated = false;            // more files, or a file longer, than the read's bounds
  std::string marker;                // content of the grader's marker file, "" if absent
  bool ok = false;                   // false: the read itself failed (see exec)
  ExecRecord exec;
};

// A marker the grader wrote into a volume, to tell reattached storage apart
// from an app that rewrites its files at start.
struct MarkerWrite {
  std::string phase;
  std::string pod;
  std::string pod_uid;
  std::string claim;
  std::string path;                  // full path of the marker file in the pod
  std::string token;                 // what was written
  bool ok = false;
  ExecRecord exec;
};

// One DNS lookup from the probe pod.
struct DnsLookup {
  std::string phase;
  std::string name;                  // FQDN asked
  std::string expect_pod;            // pod whose IP is expected; "" for the service name
  std::vector<std::string> addresses;  // what it resolved to (IPv4), empty if not found
  int attempts = 0;                  // lookups made until it matched or the deadline
  ExecRecord exec;                   // the last attempt
};

// One HTTP request the grader made from its probe pod (op http).
struct HttpExchange {
  std::string phase;
  std::string pod;                   // the pod addressed ({pod:N}/{ip:N}); "" through a Service
  std::string method;                // GET, POST
  std::string url;                   // as sent (placeholders expanded)
  int status = 0;                    // HTTP status; 0: no HTTP answer (see error)
  std::string body;                  // response body, bounded (kMaxCapture); 2xx only
  bool ok = false;                   // a 2xx answer
  std::string error;                 // why not ok: "HTTP 500 …", "… Connection refused"
  int attempts = 0;                  // requests made (retried only while the target was not Ready)
  double t = 0;                      // when the answer was recorded
  ExecRecord exec;                   // the last attempt
};

// The API objects at a named point of the scenario (from the informers' cache).
struct Snapshot {
  std::string id;                    // e.g. "initial", "after-scale-down", "final"
  double t = 0;
  long seq = 0;
  std::vector<Json> pods, pvcs, pvs, statefulsets, services, endpoints;
  std::vector<Json> deployments, replicasets;  // every one in the namespace
  std::string kubectl_get;           // `kubectl get po,sts,svc,pvc -o wide` text
};

// A step that did not reach its goal within its deadline.
struct StepFailure {
  std::string step;                  // step id
  std::string waited_for;            // "3 pods of web Ready"
  std::string last_seen;             // "web-1 Pending: PVC www-web-1 Pending"
  bool infrastructure = false;       // the cluster's fault, not the submission's
};

// Why a pod misbehaved, as a student would look with kubectl describe and
// kubectl logs: taken at the end of the scenario, before cleanup
// (grader/scenario/debug_evidence.h). Reports show it beside failed checks only.
struct ContainerDebug {
  std::string name;
  bool init = false;                 // an init container
  bool ready = false;
  int restarts = 0;
  std::string state;                 // "running", "waiting: CrashLoopBackOff: back-off …", "terminated: Error (exit 1)"
  std::string last_state;            // the previous instance's end, "" when it never restarted
  std::string log;                   // tail of the current log (bounded, see kDebugLogBytes)
  std::string previous_log;          // tail of the previous instance's log (--previous), restarted containers only
  std::string log_error;             // why a log could not be read, "" when it was
};

struct PodDebug {
  std::string name;
  std::string phase;                 // Pending, Running, …
  std::string reason;                // status.reason/message (Evicted, …), "" when none
  std::vector<std::string> conditions;  // "Ready=False (ContainersNotReady: containers with unready status: [app])"
  std::vector<ContainerDebug> containers;  // init containers first
};

struct DebugEvidence {
  bool collected = false;            // false: the run ended before it could be taken
  double t = 0;                      // when it was taken (run clock)
  std::vector<PodDebug> pods;        // the submission's pods (the grader's probe pod left out)
  std::vector<std::string> events;   // the namespace's events, oldest first, bounded
  std::string error;                 // what could not be collected, "" when everything was
};
inline constexpr size_t kDebugLogLines = 200;
inline constexpr size_t kDebugLogBytes = 32 * 1024;
inline constexpr size_t kDebugEvents = 60;

struct Observations {
  std::string namespace_;            // the grading namespace
  std::string statefulset;           // name of the StatefulSet under test
  Json statefulset_manifest;         // as submitted (after namespace rewrite)
  std::vector<Json> manifests;       // every submitted object (after rewrite)
  std::vector<std::string> namespace_rewrites;  // "statefulset-lab -> sts-grader-ab12"
  Timeline timeline;
  std::vector<Mark> marks;           // in order
  std::map<std::string, Snapshot> snapshots;
  std::vector<VolumeRead> volume_reads;
  std::vector<MarkerWrite> marker_writes;
  std::vector<DnsLookup> dns;
  std::vector<HttpExchange> http;    // in order
  std::vector<ExecRecord> execs;     // every exec, including the above, in order
  std::vector<StepFailure> failures;
  Json scenario_params;              // e.g. {"delete_ordinal":1,"initial_replicas":3,...}
  // The submission's *.md files: path relative to the submission -> text,
  // bounded (grader/submission/read_documents.h). Checks judge presence and structure; the
  // content is the instructor's to read.
  std::map<std::string, std::string> documents;
  // The submission's Markdown report as discovery ranked it (a key of
  // `documents`); "" when the submission was not read by discovery.
  std::string report_document;
  std::string cluster_version;       // server gitVersion
  double started_at_unix = 0;        // wall clock of t == 0
  DebugEvidence debug;               // for reports only: no check reads it

  const Mark* mark(const std::string& id) const;
  const Snapshot* snapshot(const std::string& id) const;
  std::vector<const VolumeRead*> reads(const std::string& phase) const;
  const MarkerWrite* marker_for(const std::string& claim) const;  // latest write
  std::vector<const HttpExchange*> exchanges(const std::string& phase) const;
  const StepFailure* failure(const std::string& step) const;
};

}  // namespace sts
