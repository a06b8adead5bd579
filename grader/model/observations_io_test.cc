#include "grader/model/observations_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sts {
namespace {

ExecRecord exec(const std::string& purpose, const std::string& out) {
  ExecRecord e;
  e.purpose = purpose;
  e.pod = "web-1";
  e.container = "nginx";
  e.command = {"sh", "-c", "cat /x", "arg with spaces"};
  e.exit_code = 137;
  e.out = out;
  e.err = "err\n";
  e.error = "exec failed: timeout";
  e.t_start = 12.000000000000002;   // needs all 17 digits
  e.t_end = 0.1 + 0.2;
  return e;
}

Json pod(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name},
            {"uid", "u-" + name},
            {"managedFields", Json::array({{{"manager", "kube-controller-manager"}}})}}},
          {"status", {{"phase", "Running"}, {"podIP", "10.0.0.7"}}}};
}

// Every field of Observations set to a non-default value.
Observations full() {
  Observations o;
  o.namespace_ = "sts-grader-ab12cd";
  o.statefulset = "web";
  o.statefulset_manifest = {{"kind", "StatefulSet"}, {"spec", {{"replicas", 3}}}};
  o.manifests = {{{"kind", "Service"}}, o.statefulset_manifest};
  o.namespace_rewrites = {"statefulset-lab -> sts-grader-ab12cd"};
  o.timeline.add({0, 0.5, "SYNC", "Namespace", {{"metadata", {{"name", "ns"}}}}});
  o.timeline.add({1, 1.25, "ADDED", "Pod", pod("web-0")});
  o.timeline.add({7, 3.0000001, "MODIFIED", "Pod", pod("web-0")});
  o.timeline.add({9, 4.5, "DELETED", "PersistentVolumeClaim", {{"kind", "PersistentVolumeClaim"}}});
  o.marks = {{"apply", "apply", 1, 0.75}, {"scale-down", "scale statefulset web to 2", 8, 4.0}};
  Snapshot s;
  s.id = "initial";
  s.t = 3.5;
  s.seq = 8;
  s.pods = {pod("web-0"), pod("web-1")};
  s.pvcs = {{{"kind", "PersistentVolumeClaim"}}};
  s.pvs = {{{"kind", "PersistentVolume"}}};
  s.statefulsets = {{{"kind", "StatefulSet"}}};
  s.services = {{{"kind", "Service"}}};
  s.endpoints = {{{"kind", "Endpoints"}}};
  s.kubectl_get = "NAME    READY\nweb-0   1/1\n";
  o.snapshots["initial"] = s;
  s.id = "final";
  o.snapshots["final"] = s;
  VolumeRead r;
  r.phase = "after-delete";
  r.pod = "web-1";
  r.pod_uid = "u2";
  r.claim = "www-web-1";
  r.mount_path = "/usr/share/nginx/html";
  r.files = {{"./index.html", "Pod: web-1\nDate: x\n"},
             {"./bin.dat", std::string("\xff\xfe\x00\x01 half \xe2\x82", 12)},
             {"./ünïcode.txt", "héllo ✓"}};
  r.truncated = true;
  r.marker = "sts-grader-marker 1234";
  r.ok = true;
  r.exec = exec("read-volume", "listing\n");
  o.volume_reads = {r};
  MarkerWrite w;
  w.phase = "initial";
  w.pod = "web-1";
  w.pod_uid = "u1";
  w.claim = "www-web-1";
  w.path = "/usr/share/nginx/html/.sts-grader-marker";
  w.token = "tok";
  w.ok = true;
  w.exec = exec("write-marker", "");
  o.marker_writes = {w};
  DnsLookup d;
  d.phase = "initial";
  d.name = "web-0.web-svc.ns.svc.cluster.local";
  d.expect_pod = "web-0";
  d.addresses = {"10.0.0.7", "10.0.0.8"};
  d.attempts = 3;
  d.exec = exec("dns", "Address: 10.0.0.7\n");
  o.dns = {d};
  o.execs = {r.exec, w.exec, d.exec, exec("other", std::string("\x80", 1))};
  o.failures = {{"wait-ready", "3 pods of web Ready", "web-1 Pending", true}};
  o.scenario_params = {{"initial_replicas", 3}, {"delete_ordinal", 1}};
  o.cluster_version = "v1.33.13";
  o.started_at_unix = 1760000000.25;
  return o;
}

void expect_exec_eq(const ExecRecord& a, const ExecRecord& b) {
  EXPECT_EQ(a.purpose, b.purpose);
  EXPECT_EQ(a.pod, b.pod);
  EXPECT_EQ(a.container, b.container);
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.exit_code, b.exit_code);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.err, b.err);
  EXPECT_EQ(a.error, b.error);
  EXPECT_EQ(a.t_start, b.t_start);   // exact: doubles round-trip
  EXPECT_EQ(a.t_end, b.t_end);
}

// Through text, as a recording file is.
Observations round_trip(const Observations& o) {
  std::string text = observations_to_json(o).dump(1);
  return observations_from_json(Json::parse(text));
}

TEST(ObservationsIo, RoundTripKeepsEveryField) {
  Observations a = full();
  Observations b = round_trip(a);
  EXPECT_EQ(b.namespace_, a.namespace_);
  EXPECT_EQ(b.statefulset, a.statefulset);
  EXPECT_EQ(b.statefulset_manifest, a.statefulset_manifest);
  EXPECT_EQ(b.manifests, a.manifests);
  EXPECT_EQ(b.namespace_rewrites, a.namespace_rewrites);
  ASSERT_EQ(b.timeline.events().size(), a.timeline.events().size());
  for (size_t i = 0; i < a.timeline.events().size(); ++i) {
    const WatchEvent &x = a.timeline.events()[i], &y = b.timeline.events()[i];
    EXPECT_EQ(y.seq, x.seq);
    EXPECT_EQ(y.t, x.t);
    EXPECT_EQ(y.type, x.type);
    EXPECT_EQ(y.kind, x.kind);
    EXPECT_EQ(y.object, x.object);
  }
  ASSERT_EQ(b.marks.size(), 2u);
  EXPECT_EQ(b.marks[1].id, "scale-down");
  EXPECT_EQ(b.marks[1].what, a.marks[1].what);
  EXPECT_EQ(b.marks[1].seq, 8);
  EXPECT_EQ(b.marks[1].t, 4.0);
  ASSERT_EQ(b.snapshots.size(), 2u);
  for (const char* id : {"initial", "final"}) {
    const Snapshot &x = a.snapshots.at(id), &y = b.snapshots.at(id);
    EXPECT_EQ(y.id, x.id);
    EXPECT_EQ(y.t, x.t);
    EXPECT_EQ(y.seq, x.seq);
    EXPECT_EQ(y.pods, x.pods);
    EXPECT_EQ(y.pvcs, x.pvcs);
    EXPECT_EQ(y.pvs, x.pvs);
    EXPECT_EQ(y.statefulsets, x.statefulsets);
    EXPECT_EQ(y.services, x.services);
    EXPECT_EQ(y.endpoints, x.endpoints);
    EXPECT_EQ(y.kubectl_get, x.kubectl_get);
  }
  ASSERT_EQ(b.volume_reads.size(), 1u);
  const VolumeRead &r = b.volume_reads[0], &ra = a.volume_reads[0];
  EXPECT_EQ(r.phase, ra.phase);
  EXPECT_EQ(r.pod, ra.pod);
  EXPECT_EQ(r.pod_uid, ra.pod_uid);
  EXPECT_EQ(r.claim, ra.claim);
  EXPECT_EQ(r.mount_path, ra.mount_path);
  EXPECT_EQ(r.files, ra.files);      // including the non-UTF-8 bytes and the NUL
  EXPECT_EQ(r.truncated, ra.truncated);
  EXPECT_EQ(r.marker, ra.marker);
  EXPECT_EQ(r.ok, ra.ok);
  expect_exec_eq(r.exec, ra.exec);
  ASSERT_EQ(b.marker_writes.size(), 1u);
  const MarkerWrite &w = b.marker_writes[0], &wa = a.marker_writes[0];
  EXPECT_EQ(w.phase, wa.phase);
  EXPECT_EQ(w.pod, wa.pod);
  EXPECT_EQ(w.pod_uid, wa.pod_uid);
  EXPECT_EQ(w.claim, wa.claim);
  EXPECT_EQ(w.path, wa.path);
  EXPECT_EQ(w.token, wa.token);
  EXPECT_EQ(w.ok, wa.ok);
  expect_exec_eq(w.exec, wa.exec);
  ASSERT_EQ(b.dns.size(), 1u);
  const DnsLookup &d = b.dns[0], &da = a.dns[0];
  EXPECT_EQ(d.phase, da.phase);
  EXPECT_EQ(d.name, da.name);
  EXPECT_EQ(d.expect_pod, da.expect_pod);
  EXPECT_EQ(d.addresses, da.addresses);
  EXPECT_EQ(d.attempts, da.attempts);
  expect_exec_eq(d.exec, da.exec);
  ASSERT_EQ(b.execs.size(), a.execs.size());
  for (size_t i = 0; i < a.execs.size(); ++i) expect_exec_eq(b.execs[i], a.execs[i]);
  ASSERT_EQ(b.failures.size(), 1u);
  EXPECT_EQ(b.failures[0].step, "wait-ready");
  EXPECT_EQ(b.failures[0].waited_for, "3 pods of web Ready");
  EXPECT_EQ(b.failures[0].last_seen, "web-1 Pending");
  EXPECT_TRUE(b.failures[0].infrastructure);
  EXPECT_EQ(b.scenario_params, a.scenario_params);
  EXPECT_EQ(b.cluster_version, a.cluster_version);
  EXPECT_EQ(b.started_at_unix, a.started_at_unix);
  // A second trip is byte-identical: nothing drifts.
  EXPECT_EQ(observations_to_json(b).dump(), observations_to_json(a).dump());
}

TEST(ObservationsIo, DefaultObservationsRoundTrip) {
  Observations empty;
  Observations b = round_trip(empty);
  EXPECT_EQ(observations_to_json(b), observations_to_json(empty));
  EXPECT_TRUE(b.statefulset_manifest.is_null());
  EXPECT_TRUE(b.timeline.events().empty());
}

TEST(ObservationsIo, SchemaAndBinaryEncoding) {
  Json j = observations_to_json(full());
  EXPECT_EQ(j["schema"], "sts-grader/observations/v2");
  // Valid UTF-8 stays a plain string; other bytes become {"base64": ...}.
  const Json& files = j["volume_reads"][0]["files"];
  bool saw_binary = false, saw_unicode = false;
  for (const Json& f : files) {
    if (f["path"] == "./bin.dat") {
      ASSERT_TRUE(f["content"].is_object());
      EXPECT_TRUE(f["content"].contains("base64"));
      saw_binary = true;
    }
    if (f["path"] == "./ünïcode.txt") {
      EXPECT_EQ(f["content"], "héllo ✓");
      saw_unicode = true;
    }
  }
  EXPECT_TRUE(saw_binary);
  EXPECT_TRUE(saw_unicode);
  EXPECT_NO_THROW(j.dump());         // strict UTF-8 dumping succeeds
}

TEST(ObservationsIo, StripManagedFieldsOnlyWhenAsked) {
  Observations o = full();
  Json kept = observations_to_json(o);
  EXPECT_TRUE(kept["timeline"][1]["object"]["metadata"].contains("managedFields"));
  ObservationsJsonOptions opt;
  opt.strip_managed_fields = true;
  Json stripped = observations_to_json(o, opt);
  EXPECT_FALSE(stripped["timeline"][1]["object"]["metadata"].contains("managedFields"));
  EXPECT_FALSE(stripped["snapshots"]["initial"]["pods"][0]["metadata"].contains("managedFields"));
  EXPECT_EQ(stripped["timeline"][1]["object"]["metadata"]["uid"], "u-web-0");
  // The rest is unchanged.
  Observations back = observations_from_json(stripped);
  EXPECT_EQ(back.timeline.events().size(), o.timeline.events().size());
  EXPECT_EQ(back.snapshots.at("initial").pods.size(), 2u);
}

std::string error_of(const Json& j) {
  try {
    observations_from_json(j);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ObservationsIo, MalformedInputNamesThePath) {
  Json good = observations_to_json(full());
  EXPECT_NE(error_of(Json::array()).find("expected an object"), std::string::npos);

  Json j = good;
  j.erase("schema");
  EXPECT_NE(error_of(j).find("schema: missing"), std::string::npos) << error_of(j);
  j = good;
  j["schema"] = "sts-grader/observations/v0";
  EXPECT_NE(error_of(j).find("schema: expected \"sts-grader/observations/v2\" (or \"sts-grader/observations/v1\")"),
            std::string::npos) << error_of(j);
  j = good;
  j["timeline"][2]["seq"] = "seven";
  EXPECT_NE(error_of(j).find("timeline[2].seq: expected an integer, got string"),
            std::string::npos) << error_of(j);
  j = good;
  j["timeline"][2]["t"] = true;
  EXPECT_NE(error_of(j).find("timeline[2].t: expected a number"), std::string::npos);
  j = good;
  j["volume_reads"][0]["exec"]["exit_code"] = 1.5;
  EXPECT_NE(error_of(j).find("volume_reads[0].exec.exit_code: expected an integer"),
            std::string::npos) << error_of(j);
  j = good;
  j["snapshots"]["final"]["pods"] = Json::object();
  EXPECT_NE(error_of(j).find("snapshots.final.pods: expected an array"), std::string::npos)
      << error_of(j);
  j = good;
  j["marks"][0]["sequence"] = 1;
  EXPECT_NE(error_of(j).find("marks[0].sequence: unknown key"), std::string::npos) << error_of(j);
  j = good;
  j["dns_lookups"][0]["addresses"][0] = 10;
  EXPECT_NE(error_of(j).find("dns_lookups[0].addresses[0]: expected a string"), std::string::npos);
  j = good;
  j["execs"][3]["out"] = {{"base64", "!!"}};
  EXPECT_NE(error_of(j).find("execs[3].out.base64: invalid base64"), std::string::npos)
      << error_of(j);
  j = good;
  j["failures"][0]["infrastructure"] = "yes";
  EXPECT_NE(error_of(j).find("failures[0].infrastructure: expected true or false"),
            std::string::npos);
  j = good;
  j["dns_lookups"][0]["attempts"] = 1e12;
  EXPECT_NE(error_of(j).find("dns_lookups[0].attempts"), std::string::npos);
  j = good;
  j["extra"] = 1;
  EXPECT_NE(error_of(j).find("extra: unknown key"), std::string::npos);
  // Every error is a std::runtime_error starting "observations: ".
  EXPECT_EQ(error_of(j).rfind("observations: ", 0), 0u);
}

// HTTP exchanges, submission documents and Deployments/ReplicaSets in
// snapshots round-trip; a recording made before they existed still reads.
TEST(ObservationsIo, HttpDocumentsAndDeploymentsRoundTrip) {
  Observations a = full();
  HttpExchange x;
  x.phase = "hits";
  x.pod = "web-0";
  x.method = "POST";
  x.url = "http://10.0.0.7:8000/";
  x.status = 503;
  x.body = std::string("\xff binary", 8);
  x.ok = false;
  x.error = "HTTP 503 Service Unavailable";
  x.attempts = 2;
  x.t = 7.125;
  x.exec = exec("hits", "");
  a.http = {x};
  a.documents = {{"k8s/STATEFULSET.md", "# StatefulSet\n"}, {"README.md", "héllo"}};
  a.snapshots["initial"].deployments = {{{"kind", "Deployment"}, {"metadata", {{"name", "api"}}}}};
  a.snapshots["initial"].replicasets = {{{"kind", "ReplicaSet"}}};
  Observations b = round_trip(a);
  ASSERT_EQ(b.http.size(), 1u);
  const HttpExchange& y = b.http[0];
  EXPECT_EQ(y.phase, x.phase);
  EXPECT_EQ(y.pod, x.pod);
  EXPECT_EQ(y.method, x.method);
  EXPECT_EQ(y.url, x.url);
  EXPECT_EQ(y.status, 503);
  EXPECT_EQ(y.body, x.body);
  EXPECT_FALSE(y.ok);
  EXPECT_EQ(y.error, x.error);
  EXPECT_EQ(y.attempts, 2);
  EXPECT_EQ(y.t, 7.125);
  expect_exec_eq(y.exec, x.exec);
  EXPECT_EQ(b.documents, a.documents);
  EXPECT_EQ(b.snapshots["initial"].deployments, a.snapshots["initial"].deployments);
  EXPECT_EQ(b.snapshots["initial"].replicasets, a.snapshots["initial"].replicasets);
  EXPECT_EQ(b.exchanges("hits").size(), 1u);
  EXPECT_TRUE(b.exchanges("other").empty());

  Json old = observations_to_json(full());
  old.erase("http_exchanges");
  old.erase("documents");
  for (auto& [id, snap] : old["snapshots"].items()) {
    snap.erase("deployments");
    snap.erase("replicasets");
  }
  Observations c = observations_from_json(old);
  EXPECT_TRUE(c.http.empty());
  EXPECT_TRUE(c.documents.empty());
  EXPECT_TRUE(c.snapshots["initial"].deployments.empty());

  Json dup = observations_to_json(a);
  dup["documents"].push_back(dup["documents"][0]);
  EXPECT_THROW(observations_from_json(dup), ObservationsFormatError);
  Json bad = observations_to_json(a);
  bad["http_exchanges"][0]["status"] = "200";
  EXPECT_THROW(observations_from_json(bad), ObservationsFormatError);
}

// Debug evidence (container logs, events, pod status) round-trips, logs with
// any bytes; a recording made before it existed still reads.
TEST(ObservationsIo, DebugEvidenceRoundTrip) {
  Observations a = full();
  a.debug.collected = true;
  a.debug.t = 42.5;
  a.debug.error = "web-2/app: log: HTTP 500";
  a.debug.events = {"12.0 s Warning BackOff pod/web-0: Back-off restarting failed container"};
  PodDebug p;
  p.name = "web-0";
  p.phase = "Running";
  p.reason = "";
  p.conditions = {"Ready=False (ContainersNotReady: containers with unready status: [app])"};
  ContainerDebug c;
  c.name = "app";
  c.init = false;
  c.ready = false;
  c.restarts = 4;
  c.state = "waiting: CrashLoopBackOff";
  c.last_state = "terminated: Error (exit 1)";
  c.log = "";
  c.previous_log = std::string("config missing\n\xfe", 16);
  c.log_error = "no log yet";
  ContainerDebug init = c;
  init.name = "init-perms";
  init.init = true;
  init.restarts = 0;
  p.containers = {init, c};
  a.debug.pods = {p};
  Observations b = round_trip(a);
  EXPECT_TRUE(b.debug.collected);
  EXPECT_EQ(b.debug.t, 42.5);
  EXPECT_EQ(b.debug.error, a.debug.error);
  EXPECT_EQ(b.debug.events, a.debug.events);
  ASSERT_EQ(b.debug.pods.size(), 1u);
  EXPECT_EQ(b.debug.pods[0].name, "web-0");
  EXPECT_EQ(b.debug.pods[0].phase, "Running");
  EXPECT_EQ(b.debug.pods[0].conditions, p.conditions);
  ASSERT_EQ(b.debug.pods[0].containers.size(), 2u);
  const ContainerDebug& y = b.debug.pods[0].containers[1];
  EXPECT_EQ(y.name, "app");
  EXPECT_FALSE(y.init);
  EXPECT_TRUE(b.debug.pods[0].containers[0].init);
  EXPECT_EQ(y.restarts, 4);
  EXPECT_EQ(y.state, c.state);
  EXPECT_EQ(y.last_state, c.last_state);
  EXPECT_EQ(y.previous_log, c.previous_log);  // the invalid byte survives
  EXPECT_EQ(y.log_error, c.log_error);
  EXPECT_EQ(observations_to_json(b).dump(), observations_to_json(a).dump());

  Json old = observations_to_json(full());
  old.erase("debug");
  EXPECT_FALSE(observations_from_json(old).debug.collected);
  Json bad = observations_to_json(a);
  bad["debug"]["pods"][0]["containers"][0]["restarts"] = "4";
  EXPECT_THROW(observations_from_json(bad), ObservationsFormatError);
  bad = observations_to_json(a);
  bad["debug"]["surprise"] = 1;
  EXPECT_THROW(observations_from_json(bad), ObservationsFormatError);
}

TEST(ObservationsIo, FileHelpers) {
  auto dir = std::filesystem::temp_directory_path() / ("obs-io-" + std::to_string(getpid()));
  std::string path = (dir / "sub" / "run.observations.json").string();
  write_observations_file(path, full());
  Observations back = read_observations_file(path);
  EXPECT_EQ(observations_to_json(back), observations_to_json(full()));
  {
    std::ofstream(path) << "{not json";
  }
  try {
    read_observations_file(path);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
  EXPECT_THROW(read_observations_file((dir / "missing.json").string()), std::runtime_error);
  std::filesystem::remove_all(dir);
}

// Recordings made before v2 keyed DNS lookups and HTTP exchanges "dns" and
// "http": they read the same; in a v2 recording those keys are unknown.
TEST(ObservationsIo, V1RecordingsStillRead) {
  const Observations a = full();
  Json v1 = observations_to_json(a);
  v1["schema"] = "sts-grader/observations/v1";
  v1["dns"] = v1["dns_lookups"];
  v1["http"] = v1["http_exchanges"];
  v1.erase("dns_lookups");
  v1.erase("http_exchanges");
  const Observations b = observations_from_json(v1);
  ASSERT_EQ(b.dns.size(), a.dns.size());
  ASSERT_FALSE(b.dns.empty());
  EXPECT_EQ(b.dns[0].addresses, a.dns[0].addresses);
  EXPECT_EQ(b.http.size(), a.http.size());
  EXPECT_EQ(observations_to_json(b), observations_to_json(a));

  Json v2 = observations_to_json(a);
  v2["dns"] = v2["dns_lookups"];
  EXPECT_NE(error_of(v2).find("dns: unknown key"), std::string::npos) << error_of(v2);
}

// report.json's records are the recording's, seen by a person: the same keys
// but the exec's output and the long files, files as {path: excerpt}.
TEST(ObservationsIo, ReportViewOfARecord) {
  const Observations a = full();
  ASSERT_FALSE(a.volume_reads.empty());
  const Json rec = volume_read_json(a.volume_reads[0], RecordView::kRecording);
  const Json rep = volume_read_json(a.volume_reads[0], RecordView::kReport);
  EXPECT_TRUE(rec["files"].is_array());
  EXPECT_TRUE(rep["files"].is_object());
  EXPECT_TRUE(rec.contains("long_files"));
  EXPECT_FALSE(rep.contains("long_files"));
  EXPECT_TRUE(rec["exec"].contains("out"));
  EXPECT_FALSE(rep["exec"].contains("out"));
  EXPECT_EQ(rep["exec"]["exit_code"], rec["exec"]["exit_code"]);
  for (const char* key : {"phase", "pod", "pod_uid", "claim", "mount_path", "truncated", "marker", "ok"})
    EXPECT_EQ(rep[key], rec[key]) << key;
}

}  // namespace
}  // namespace sts
