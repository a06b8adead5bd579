#include "grader/model/observations_io.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include "grader/base/atomic_file.h"
#include "grader/base/base64.h"
#include "grader/base/utf8.h"

namespace sts {
namespace {

// ---- bytes that may not be UTF-8 -------------------------------------------

// Our own encoding of a non-UTF-8 string: anything else is not a recording of ours.
bool base64_decode(const std::string& in, std::string& out) {
  try {
    out = sts::base64_decode(in);
    return true;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

Json text(const std::string& s) {
  if (is_valid_utf8(s)) return s;
  return Json{{"base64", base64_encode(s)}};
}

// ---- writing ---------------------------------------------------------------

Json api_object(const Json& o, const ObservationsJsonOptions& opt) {
  if (!opt.strip_managed_fields || !o.is_object()) return o;
  auto md = o.find("metadata");
  if (md == o.end() || !md->is_object() || !md->contains("managedFields")) return o;
  Json copy = o;
  copy["metadata"].erase("managedFields");
  return copy;
}

Json api_objects(const std::vector<Json>& v, const ObservationsJsonOptions& opt) {
  Json a = Json::array();
  for (const Json& o : v) a.push_back(api_object(o, opt));
  return a;
}

Json texts(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const std::string& s : v) a.push_back(text(s));
  return a;
}

Json files_json(const std::map<std::string, std::string>& files) {
  Json a = Json::array();
  for (const auto& [path, content] : files)
    a.push_back({{"path", text(path)}, {"content", text(content)}});
  return a;
}

// A string as the view writes it: the recording keeps every byte (base64 when
// not UTF-8); report.json is rendered with invalid bytes replaced.
Json str(const std::string& s, RecordView v) { return v == RecordView::kRecording ? text(s) : Json(s); }

Json strs(const std::vector<std::string>& xs, RecordView v) {
  if (v == RecordView::kRecording) return texts(xs);
  return xs;
}

}  // namespace

Json exec_record_json(const ExecRecord& e, RecordView v) {
  if (v == RecordView::kReport)
    return {{"exit_code", e.exit_code}, {"error", e.error}, {"t_start", e.t_start}, {"t_end", e.t_end}};
  return {{"purpose", text(e.purpose)}, {"pod", text(e.pod)},   {"container", text(e.container)},
          {"command", texts(e.command)}, {"exit_code", e.exit_code}, {"out", text(e.out)},
          {"err", text(e.err)},          {"error", text(e.error)}, {"t_start", e.t_start},
          {"t_end", e.t_end}};
}

Json mark_json(const Mark& m, RecordView v) {
  return {{"id", str(m.id, v)}, {"what", str(m.what, v)}, {"seq", m.seq}, {"t", m.t}};
}

Json volume_read_json(const VolumeRead& r, RecordView v) {
  Json j = {{"phase", str(r.phase, v)},
            {"pod", str(r.pod, v)},
            {"pod_uid", str(r.pod_uid, v)},
            {"claim", str(r.claim, v)},
            {"mount_path", str(r.mount_path, v)},
            {"truncated", r.truncated},
            {"marker", str(r.marker, v)},
            {"ok", r.ok},
            {"exec", exec_record_json(r.exec, v)}};
  if (v == RecordView::kRecording) {
    j["files"] = files_json(r.files);
    j["long_files"] = files_json(r.long_files);
  } else {
    j["files"] = r.files;              // path -> excerpt
  }
  return j;
}

Json marker_write_json(const MarkerWrite& w, RecordView v) {
  return {{"phase", str(w.phase, v)}, {"pod", str(w.pod, v)},   {"pod_uid", str(w.pod_uid, v)},
          {"claim", str(w.claim, v)}, {"path", str(w.path, v)}, {"token", str(w.token, v)},
          {"ok", w.ok},               {"exec", exec_record_json(w.exec, v)}};
}

Json dns_lookup_json(const DnsLookup& d, RecordView v) {
  return {{"phase", str(d.phase, v)},
          {"name", str(d.name, v)},
          {"expect_pod", str(d.expect_pod, v)},
          {"addresses", strs(d.addresses, v)},
          {"attempts", d.attempts},
          {"exec", exec_record_json(d.exec, v)}};
}

Json http_exchange_json(const HttpExchange& x, RecordView v) {
  return {{"phase", str(x.phase, v)}, {"pod", str(x.pod, v)},     {"method", str(x.method, v)},
          {"url", str(x.url, v)},     {"status", x.status},       {"body", str(x.body, v)},
          {"ok", x.ok},               {"error", str(x.error, v)}, {"attempts", x.attempts},
          {"t", x.t},                 {"exec", exec_record_json(x.exec, v)}};
}

Json step_failure_json(const StepFailure& f, RecordView v) {
  return {{"step", str(f.step, v)},
          {"waited_for", str(f.waited_for, v)},
          {"last_seen", str(f.last_seen, v)},
          {"infrastructure", f.infrastructure}};
}

Json pod_debug_json(const PodDebug& p, RecordView v) {
  Json containers = Json::array();
  for (const ContainerDebug& c : p.containers)
    containers.push_back({{"name", str(c.name, v)},
                          {"init", c.init},
                          {"ready", c.ready},
                          {"restarts", c.restarts},
                          {"state", str(c.state, v)},
                          {"last_state", str(c.last_state, v)},
                          {"log", str(c.log, v)},
                          {"previous_log", str(c.previous_log, v)},
                          {"log_error", str(c.log_error, v)}});
  return {{"name", str(p.name, v)},
          {"phase", str(p.phase, v)},
          {"reason", str(p.reason, v)},
          {"conditions", strs(p.conditions, v)},
          {"containers", std::move(containers)}};
}

namespace {

Json snapshot_json(const Snapshot& s, const ObservationsJsonOptions& opt) {
  return {{"id", text(s.id)},
          {"t", s.t},
          {"seq", s.seq},
          {"pods", api_objects(s.pods, opt)},
          {"pvcs", api_objects(s.pvcs, opt)},
          {"pvs", api_objects(s.pvs, opt)},
          {"statefulsets", api_objects(s.statefulsets, opt)},
          {"services", api_objects(s.services, opt)},
          {"endpoints", api_objects(s.endpoints, opt)},
          {"deployments", api_objects(s.deployments, opt)},
          {"replicasets", api_objects(s.replicasets, opt)},
          {"kubectl_get", text(s.kubectl_get)}};
}

}  // namespace

Json observations_to_json(const Observations& obs, const ObservationsJsonOptions& opt) {
  Json j;
  j["schema"] = kObservationsSchema;
  j["namespace"] = text(obs.namespace_);
  j["statefulset"] = text(obs.statefulset);
  j["statefulset_manifest"] = obs.statefulset_manifest;
  j["manifests"] = obs.manifests;
  j["namespace_rewrites"] = texts(obs.namespace_rewrites);
  j["cluster_version"] = text(obs.cluster_version);
  j["started_at_unix"] = obs.started_at_unix;
  j["scenario_params"] = obs.scenario_params;
  j["marks"] = records_json(obs.marks, mark_json, RecordView::kRecording);

  Json events = Json::array();
  for (const WatchEvent& e : obs.timeline.events()) {
    events.push_back({{"seq", e.seq},
                      {"t", e.t},
                      {"type", text(e.type)},
                      {"kind", text(e.kind)},
                      {"object", api_object(e.object, opt)}});
    if (e.relist) events.back()["relist"] = true;  // only when set: older recordings stay as they are
  }
  j["timeline"] = std::move(events);

  // Keyed by the map's key; each value also carries its own id (normally equal).
  Json snaps = Json::object();
  for (const auto& [key, s] : obs.snapshots) {
    if (!is_valid_utf8(key))
      throw std::runtime_error("observations: snapshot key is not valid UTF-8");
    snaps[key] = snapshot_json(s, opt);
  }
  j["snapshots"] = std::move(snaps);

  j["volume_reads"] = records_json(obs.volume_reads, volume_read_json, RecordView::kRecording);
  j["marker_writes"] = records_json(obs.marker_writes, marker_write_json, RecordView::kRecording);
  j["dns_lookups"] = records_json(obs.dns, dns_lookup_json, RecordView::kRecording);
  j["http_exchanges"] = records_json(obs.http, http_exchange_json, RecordView::kRecording);

  Json docs = Json::array();
  for (const auto& [path, content] : obs.documents)
    docs.push_back({{"path", text(path)}, {"content", text(content)}});
  j["documents"] = std::move(docs);
  if (!obs.report_document.empty()) j["report_document"] = obs.report_document;

  j["execs"] = records_json(obs.execs, exec_record_json, RecordView::kRecording);
  j["failures"] = records_json(obs.failures, step_failure_json, RecordView::kRecording);
  j["debug"] = {{"collected", obs.debug.collected},
                {"t", obs.debug.t},
                {"pods", records_json(obs.debug.pods, pod_debug_json, RecordView::kRecording)},
                {"events", texts(obs.debug.events)},
                {"error", text(obs.debug.error)}};
  return j;
}

// ---- reading ---------------------------------------------------------------

namespace {

[[noreturn]] void malformed(const std::string& path, const std::string& what) {
  throw ObservationsFormatError("observations: " + (path.empty() ? std::string("(top)") : path) +
                                ": " + what);
}

std::string got(const Json& v) { return std::string("got ") + v.type_name(); }

std::string read_text(const Json& v, const std::string& path) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.size() == 1 && v.contains("base64") && v["base64"].is_string()) {
    std::string out;
    if (!base64_decode(v["base64"].get<std::string>(), out))
      malformed(path + ".base64", "invalid base64");
    return out;
  }
  malformed(path, "expected a string (or {\"base64\": ...}), " + got(v));
}

long read_long(const Json& v, const std::string& path) {
  if (v.is_number_unsigned()) {
    if (v.get<unsigned long long>() >
        static_cast<unsigned long long>(std::numeric_limits<long>::max()))
      malformed(path, "integer out of range");
    return static_cast<long>(v.get<unsigned long long>());
  }
  if (v.is_number_integer()) return v.get<long>();
  malformed(path, "expected an integer, " + got(v));
}

int read_int(const Json& v, const std::string& path) {
  long l = read_long(v, path);
  if (l < std::numeric_limits<int>::min() || l > std::numeric_limits<int>::max())
    malformed(path, "integer out of range");
  return static_cast<int>(l);
}

double read_double(const Json& v, const std::string& path) {
  if (v.is_number()) return v.get<double>();
  malformed(path, "expected a number, " + got(v));
}

bool read_bool(const Json& v, const std::string& path) {
  if (v.is_boolean()) return v.get<bool>();
  malformed(path, "expected true or false, " + got(v));
}

// An object being read: every key must be used, so a misspelt or unknown key
// is an error rather than silently dropped evidence.
class Obj {
 public:
  Obj(const Json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) malformed(path_, "expected an object, " + got(j_));
  }
  const Json* get(const char* key) {
    used_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  std::string at(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  template <typename T, typename F>
  void field(const char* key, T& out, F read) {
    if (const Json* v = get(key)) out = read(*v, at(key));
  }
  void text(const char* key, std::string& out) { field(key, out, read_text); }
  void integer(const char* key, long& out) { field(key, out, read_long); }
  void integer(const char* key, int& out) { field(key, out, read_int); }
  void number(const char* key, double& out) { field(key, out, read_double); }
  void boolean(const char* key, bool& out) { field(key, out, read_bool); }
  void json(const char* key, Json& out) {
    if (const Json* v = get(key)) out = *v;
  }
  // An array; `each` reads one element given its path.
  template <typename F>
  void array(const char* key, F each) {
    const Json* v = get(key);
    if (!v) return;
    if (!v->is_array()) malformed(at(key), "expected an array, " + got(*v));
    for (size_t i = 0; i < v->size(); ++i) each((*v)[i], at(key) + "[" + std::to_string(i) + "]");
  }
  void texts(const char* key, std::vector<std::string>& out) {
    out.clear();
    array(key, [&](const Json& e, const std::string& p) { out.push_back(read_text(e, p)); });
  }
  // A record's `exec` (the kubectl exec it came from), when present.
  void exec(ExecRecord& out);
  void objects(const char* key, std::vector<Json>& out) {
    out.clear();
    array(key, [&](const Json& e, const std::string&) { out.push_back(e); });
  }
  void done() const {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!used_.count(it.key())) malformed(at(it.key().c_str()), "unknown key");
  }

 private:
  const Json& j_;
  std::string path_;
  std::set<std::string> used_;
};

ExecRecord read_exec(const Json& j, const std::string& path) {
  ExecRecord e;
  Obj o(j, path);
  o.text("purpose", e.purpose);
  o.text("pod", e.pod);
  o.text("container", e.container);
  o.texts("command", e.command);
  o.integer("exit_code", e.exit_code);
  o.text("out", e.out);
  o.text("err", e.err);
  o.text("error", e.error);
  o.number("t_start", e.t_start);
  o.number("t_end", e.t_end);
  o.done();
  return e;
}

void Obj::exec(ExecRecord& out) {
  if (const Json* x = get("exec")) out = read_exec(*x, at("exec"));
}

Mark read_mark(const Json& e, const std::string& p) {
  Mark m;
  Obj o(e, p);
  o.text("id", m.id);
  o.text("what", m.what);
  o.integer("seq", m.seq);
  o.number("t", m.t);
  o.done();
  return m;
}

WatchEvent read_event(const Json& e, const std::string& p) {
  WatchEvent w;
  Obj o(e, p);
  o.integer("seq", w.seq);
  o.number("t", w.t);
  o.text("type", w.type);
  o.text("kind", w.kind);
  o.json("object", w.object);
  o.boolean("relist", w.relist);
  o.done();
  return w;
}

Snapshot read_snapshot(const Json& e, const std::string& p) {
  Snapshot s;
  Obj o(e, p);
  o.text("id", s.id);
  o.number("t", s.t);
  o.integer("seq", s.seq);
  o.objects("pods", s.pods);
  o.objects("pvcs", s.pvcs);
  o.objects("pvs", s.pvs);
  o.objects("statefulsets", s.statefulsets);
  o.objects("services", s.services);
  o.objects("endpoints", s.endpoints);
  o.objects("deployments", s.deployments);
  o.objects("replicasets", s.replicasets);
  o.text("kubectl_get", s.kubectl_get);
  o.done();
  return s;
}

// [{path, content}...] into a map; a path twice is malformed.
void read_files(Obj& o, const char* key, std::map<std::string, std::string>& out) {
  o.array(key, [&](const Json& f, const std::string& fp) {
    Obj fo(f, fp);
    std::string path, content;
    fo.text("path", path);
    fo.text("content", content);
    fo.done();
    if (!out.emplace(path, content).second) malformed(fp + ".path", "duplicate path " + path);
  });
}

VolumeRead read_volume_read(const Json& e, const std::string& p) {
  VolumeRead r;
  Obj o(e, p);
  o.text("phase", r.phase);
  o.text("pod", r.pod);
  o.text("pod_uid", r.pod_uid);
  o.text("claim", r.claim);
  o.text("mount_path", r.mount_path);
  read_files(o, "files", r.files);
  read_files(o, "long_files", r.long_files);  // absent in older recordings
  o.boolean("truncated", r.truncated);
  o.text("marker", r.marker);
  o.boolean("ok", r.ok);
  o.exec(r.exec);
  o.done();
  return r;
}

MarkerWrite read_marker_write(const Json& e, const std::string& p) {
  MarkerWrite w;
  Obj o(e, p);
  o.text("phase", w.phase);
  o.text("pod", w.pod);
  o.text("pod_uid", w.pod_uid);
  o.text("claim", w.claim);
  o.text("path", w.path);
  o.text("token", w.token);
  o.boolean("ok", w.ok);
  o.exec(w.exec);
  o.done();
  return w;
}

DnsLookup read_dns_lookup(const Json& e, const std::string& p) {
  DnsLookup d;
  Obj o(e, p);
  o.text("phase", d.phase);
  o.text("name", d.name);
  o.text("expect_pod", d.expect_pod);
  o.texts("addresses", d.addresses);
  o.integer("attempts", d.attempts);
  o.exec(d.exec);
  o.done();
  return d;
}

HttpExchange read_http_exchange(const Json& e, const std::string& p) {
  HttpExchange x;
  Obj o(e, p);
  o.text("phase", x.phase);
  o.text("pod", x.pod);
  o.text("method", x.method);
  o.text("url", x.url);
  o.integer("status", x.status);
  o.text("body", x.body);
  o.boolean("ok", x.ok);
  o.text("error", x.error);
  o.integer("attempts", x.attempts);
  o.number("t", x.t);
  o.exec(x.exec);
  o.done();
  return x;
}

StepFailure read_failure(const Json& e, const std::string& p) {
  StepFailure f;
  Obj o(e, p);
  o.text("step", f.step);
  o.text("waited_for", f.waited_for);
  o.text("last_seen", f.last_seen);
  o.boolean("infrastructure", f.infrastructure);
  o.done();
  return f;
}

ContainerDebug read_container_debug(const Json& e, const std::string& p) {
  ContainerDebug c;
  Obj o(e, p);
  o.text("name", c.name);
  o.boolean("init", c.init);
  o.boolean("ready", c.ready);
  o.integer("restarts", c.restarts);
  o.text("state", c.state);
  o.text("last_state", c.last_state);
  o.text("log", c.log);
  o.text("previous_log", c.previous_log);
  o.text("log_error", c.log_error);
  o.done();
  return c;
}

PodDebug read_pod_debug(const Json& e, const std::string& p) {
  PodDebug pod;
  Obj o(e, p);
  o.text("name", pod.name);
  o.text("phase", pod.phase);
  o.text("reason", pod.reason);
  o.texts("conditions", pod.conditions);
  o.array("containers", [&](const Json& c, const std::string& cp) {
    pod.containers.push_back(read_container_debug(c, cp));
  });
  o.done();
  return pod;
}

DebugEvidence read_debug(const Json& e, const std::string& p) {
  DebugEvidence d;
  Obj o(e, p);
  o.boolean("collected", d.collected);
  o.number("t", d.t);
  o.array("pods", [&](const Json& x, const std::string& xp) { d.pods.push_back(read_pod_debug(x, xp)); });
  o.texts("events", d.events);
  o.text("error", d.error);
  o.done();
  return d;
}

// The schema's version: 2 (this one), or 1, whose DNS lookups and HTTP
// exchanges were keyed "dns" and "http".
int read_schema(Obj& top) {
  const Json* schema = top.get("schema");
  if (!schema) malformed("schema", "missing (expected \"" + std::string(kObservationsSchema) + "\")");
  if (schema->is_string() && schema->get<std::string>() == kObservationsSchema) return 2;
  if (schema->is_string() && schema->get<std::string>() == kObservationsSchemaV1) return 1;
  malformed("schema", "expected \"" + std::string(kObservationsSchema) + "\" (or \"" +
                          kObservationsSchemaV1 + "\"), got " + schema->dump());
}

}  // namespace

Observations observations_from_json(const Json& j) {
  Observations obs;
  Obj top(j, "");
  const int version = read_schema(top);
  top.text("namespace", obs.namespace_);
  top.text("statefulset", obs.statefulset);
  top.json("statefulset_manifest", obs.statefulset_manifest);
  top.objects("manifests", obs.manifests);
  top.texts("namespace_rewrites", obs.namespace_rewrites);
  top.text("cluster_version", obs.cluster_version);
  top.text("report_document", obs.report_document);
  top.number("started_at_unix", obs.started_at_unix);
  top.json("scenario_params", obs.scenario_params);
  top.array("marks", [&](const Json& e, const std::string& p) { obs.marks.push_back(read_mark(e, p)); });
  top.array("timeline", [&](const Json& e, const std::string& p) { obs.timeline.add(read_event(e, p)); });
  if (const Json* snaps = top.get("snapshots")) {
    if (!snaps->is_object()) malformed("snapshots", "expected an object keyed by id, " + got(*snaps));
    for (auto it = snaps->begin(); it != snaps->end(); ++it)
      obs.snapshots[it.key()] = read_snapshot(it.value(), "snapshots." + it.key());
  }
  top.array("volume_reads",
            [&](const Json& e, const std::string& p) { obs.volume_reads.push_back(read_volume_read(e, p)); });
  top.array("marker_writes",
            [&](const Json& e, const std::string& p) { obs.marker_writes.push_back(read_marker_write(e, p)); });
  top.array(version == 1 ? "dns" : "dns_lookups",
            [&](const Json& e, const std::string& p) { obs.dns.push_back(read_dns_lookup(e, p)); });
  top.array(version == 1 ? "http" : "http_exchanges",
            [&](const Json& e, const std::string& p) { obs.http.push_back(read_http_exchange(e, p)); });
  read_files(top, "documents", obs.documents);
  top.array("execs", [&](const Json& e, const std::string& p) { obs.execs.push_back(read_exec(e, p)); });
  top.array("failures", [&](const Json& e, const std::string& p) { obs.failures.push_back(read_failure(e, p)); });
  if (const Json* d = top.get("debug")) obs.debug = read_debug(*d, "debug");  // optional: older recordings
  top.done();
  return obs;
}

void write_observations_file(const std::string& path, const Observations& obs,
                             const ObservationsJsonOptions& opt) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  write_file_atomically(path, observations_to_json(obs, opt).dump(1) + "\n");
}

Observations read_observations_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  Json j;
  try {
    j = Json::parse(ss.str());
  } catch (const Json::parse_error& e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
  try {
    return observations_from_json(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace sts
