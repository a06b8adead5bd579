#include "grader/observations_io.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include "grader/base64.h"
#include "grader/utf8.h"

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

Json exec_json(const ExecRecord& e) {
  return {{"purpose", text(e.purpose)}, {"pod", text(e.pod)},   {"container", text(e.container)},
          {"command", texts(e.command)}, {"exit_code", e.exit_code}, {"out", text(e.out)},
          {"err", text(e.err)},          {"error", text(e.error)}, {"t_start", e.t_start},
          {"t_end", e.t_end}};
}

Json files_json(const std::map<std::string, std::string>& files) {
  Json a = Json::array();
  for (const auto& [path, content] : files)
    a.push_back({{"path", text(path)}, {"content", text(content)}});
  return a;
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

  Json marks = Json::array();
  for (const Mark& m : obs.marks)
    marks.push_back({{"id", text(m.id)}, {"what", text(m.what)}, {"seq", m.seq}, {"t", m.t}});
  j["marks"] = std::move(marks);

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
    snaps[key] = {{"id", text(s.id)},
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
  j["snapshots"] = std::move(snaps);

  Json reads = Json::array();
  for (const VolumeRead& r : obs.volume_reads)
    reads.push_back({{"phase", text(r.phase)},
                     {"pod", text(r.pod)},
                     {"pod_uid", text(r.pod_uid)},
                     {"claim", text(r.claim)},
                     {"mount_path", text(r.mount_path)},
                     {"files", files_json(r.files)},
                     {"long_files", files_json(r.long_files)},
                     {"truncated", r.truncated},
                     {"marker", text(r.marker)},
                     {"ok", r.ok},
                     {"exec", exec_json(r.exec)}});
  j["volume_reads"] = std::move(reads);

  Json writes = Json::array();
  for (const MarkerWrite& w : obs.marker_writes)
    writes.push_back({{"phase", text(w.phase)},
                      {"pod", text(w.pod)},
                      {"pod_uid", text(w.pod_uid)},
                      {"claim", text(w.claim)},
                      {"path", text(w.path)},
                      {"token", text(w.token)},
                      {"ok", w.ok},
                      {"exec", exec_json(w.exec)}});
  j["marker_writes"] = std::move(writes);

  Json dns = Json::array();
  for (const DnsLookup& d : obs.dns)
    dns.push_back({{"phase", text(d.phase)},
                   {"name", text(d.name)},
                   {"expect_pod", text(d.expect_pod)},
                   {"addresses", texts(d.addresses)},
                   {"attempts", d.attempts},
                   {"exec", exec_json(d.exec)}});
  j["dns"] = std::move(dns);

  Json http = Json::array();
  for (const HttpExchange& x : obs.http)
    http.push_back({{"phase", text(x.phase)},
                    {"pod", text(x.pod)},
                    {"method", text(x.method)},
                    {"url", text(x.url)},
                    {"status", x.status},
                    {"body", text(x.body)},
                    {"ok", x.ok},
                    {"error", text(x.error)},
                    {"attempts", x.attempts},
                    {"t", x.t},
                    {"exec", exec_json(x.exec)}});
  j["http"] = std::move(http);

  Json docs = Json::array();
  for (const auto& [path, content] : obs.documents)
    docs.push_back({{"path", text(path)}, {"content", text(content)}});
  j["documents"] = std::move(docs);
  if (!obs.report_document.empty()) j["report_document"] = obs.report_document;

  Json execs = Json::array();
  for (const ExecRecord& e : obs.execs) execs.push_back(exec_json(e));
  j["execs"] = std::move(execs);

  Json failures = Json::array();
  for (const StepFailure& f : obs.failures)
    failures.push_back({{"step", text(f.step)},
                        {"waited_for", text(f.waited_for)},
                        {"last_seen", text(f.last_seen)},
                        {"infrastructure", f.infrastructure}});
  j["failures"] = std::move(failures);

  Json pods = Json::array();
  for (const PodDebug& p : obs.debug.pods) {
    Json containers = Json::array();
    for (const ContainerDebug& c : p.containers)
      containers.push_back({{"name", text(c.name)},
                            {"init", c.init},
                            {"ready", c.ready},
                            {"restarts", c.restarts},
                            {"state", text(c.state)},
                            {"last_state", text(c.last_state)},
                            {"log", text(c.log)},
                            {"previous_log", text(c.previous_log)},
                            {"log_error", text(c.log_error)}});
    pods.push_back({{"name", text(p.name)},
                    {"phase", text(p.phase)},
                    {"reason", text(p.reason)},
                    {"conditions", texts(p.conditions)},
                    {"containers", std::move(containers)}});
  }
  j["debug"] = {{"collected", obs.debug.collected},
                {"t", obs.debug.t},
                {"pods", std::move(pods)},
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

}  // namespace

Observations observations_from_json(const Json& j) {
  Observations obs;
  Obj top(j, "");
  const Json* schema = top.get("schema");
  if (!schema) malformed("schema", "missing (expected \"" + std::string(kObservationsSchema) + "\")");
  if (!schema->is_string() || schema->get<std::string>() != kObservationsSchema)
    malformed("schema", "expected \"" + std::string(kObservationsSchema) + "\", got " +
                            schema->dump());
  top.text("namespace", obs.namespace_);
  top.text("statefulset", obs.statefulset);
  top.json("statefulset_manifest", obs.statefulset_manifest);
  top.objects("manifests", obs.manifests);
  top.texts("namespace_rewrites", obs.namespace_rewrites);
  top.text("cluster_version", obs.cluster_version);
  top.text("report_document", obs.report_document);
  top.number("started_at_unix", obs.started_at_unix);
  top.json("scenario_params", obs.scenario_params);

  top.array("marks", [&](const Json& e, const std::string& p) {
    Mark m;
    Obj o(e, p);
    o.text("id", m.id);
    o.text("what", m.what);
    o.integer("seq", m.seq);
    o.number("t", m.t);
    o.done();
    obs.marks.push_back(std::move(m));
  });

  top.array("timeline", [&](const Json& e, const std::string& p) {
    WatchEvent w;
    Obj o(e, p);
    o.integer("seq", w.seq);
    o.number("t", w.t);
    o.text("type", w.type);
    o.text("kind", w.kind);
    o.json("object", w.object);
    o.boolean("relist", w.relist);
    o.done();
    obs.timeline.add(std::move(w));
  });

  if (const Json* snaps = top.get("snapshots")) {
    if (!snaps->is_object()) malformed("snapshots", "expected an object keyed by id, " + got(*snaps));
    for (auto it = snaps->begin(); it != snaps->end(); ++it) {
      Snapshot s;
      Obj o(it.value(), "snapshots." + it.key());
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
      obs.snapshots[it.key()] = std::move(s);
    }
  }

  top.array("volume_reads", [&](const Json& e, const std::string& p) {
    VolumeRead r;
    Obj o(e, p);
    o.text("phase", r.phase);
    o.text("pod", r.pod);
    o.text("pod_uid", r.pod_uid);
    o.text("claim", r.claim);
    o.text("mount_path", r.mount_path);
    o.array("files", [&](const Json& f, const std::string& fp) {
      Obj fo(f, fp);
      std::string path, content;
      fo.text("path", path);
      fo.text("content", content);
      fo.done();
      if (!r.files.emplace(path, content).second) malformed(fp + ".path", "duplicate path " + path);
    });
    o.array("long_files", [&](const Json& f, const std::string& fp) {  // absent in older recordings
      Obj fo(f, fp);
      std::string path, content;
      fo.text("path", path);
      fo.text("content", content);
      fo.done();
      if (!r.long_files.emplace(path, content).second) malformed(fp + ".path", "duplicate path " + path);
    });
    o.boolean("truncated", r.truncated);
    o.text("marker", r.marker);
    o.boolean("ok", r.ok);
    if (const Json* x = o.get("exec")) r.exec = read_exec(*x, o.at("exec"));
    o.done();
    obs.volume_reads.push_back(std::move(r));
  });

  top.array("marker_writes", [&](const Json& e, const std::string& p) {
    MarkerWrite w;
    Obj o(e, p);
    o.text("phase", w.phase);
    o.text("pod", w.pod);
    o.text("pod_uid", w.pod_uid);
    o.text("claim", w.claim);
    o.text("path", w.path);
    o.text("token", w.token);
    o.boolean("ok", w.ok);
    if (const Json* x = o.get("exec")) w.exec = read_exec(*x, o.at("exec"));
    o.done();
    obs.marker_writes.push_back(std::move(w));
  });

  top.array("dns", [&](const Json& e, const std::string& p) {
    DnsLookup d;
    Obj o(e, p);
    o.text("phase", d.phase);
    o.text("name", d.name);
    o.text("expect_pod", d.expect_pod);
    o.texts("addresses", d.addresses);
    o.integer("attempts", d.attempts);
    if (const Json* x = o.get("exec")) d.exec = read_exec(*x, o.at("exec"));
    o.done();
    obs.dns.push_back(std::move(d));
  });

  top.array("http", [&](const Json& e, const std::string& p) {
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
    if (const Json* v = o.get("exec")) x.exec = read_exec(*v, o.at("exec"));
    o.done();
    obs.http.push_back(std::move(x));
  });

  top.array("documents", [&](const Json& e, const std::string& p) {
    Obj o(e, p);
    std::string path, content;
    o.text("path", path);
    o.text("content", content);
    o.done();
    if (!obs.documents.emplace(path, content).second) malformed(p + ".path", "duplicate path " + path);
  });

  top.array("execs", [&](const Json& e, const std::string& p) {
    obs.execs.push_back(read_exec(e, p));
  });

  top.array("failures", [&](const Json& e, const std::string& p) {
    StepFailure f;
    Obj o(e, p);
    o.text("step", f.step);
    o.text("waited_for", f.waited_for);
    o.text("last_seen", f.last_seen);
    o.boolean("infrastructure", f.infrastructure);
    o.done();
    obs.failures.push_back(std::move(f));
  });

  if (const Json* d = top.get("debug")) {  // optional: recordings before it stay valid
    Obj o(*d, "debug");
    o.boolean("collected", obs.debug.collected);
    o.number("t", obs.debug.t);
    o.array("pods", [&](const Json& e, const std::string& p) {
      PodDebug pod;
      Obj po(e, p);
      po.text("name", pod.name);
      po.text("phase", pod.phase);
      po.text("reason", pod.reason);
      po.texts("conditions", pod.conditions);
      po.array("containers", [&](const Json& ce, const std::string& cp) {
        ContainerDebug c;
        Obj co(ce, cp);
        co.text("name", c.name);
        co.boolean("init", c.init);
        co.boolean("ready", c.ready);
        co.integer("restarts", c.restarts);
        co.text("state", c.state);
        co.text("last_state", c.last_state);
        co.text("log", c.log);
        co.text("previous_log", c.previous_log);
        co.text("log_error", c.log_error);
        co.done();
        pod.containers.push_back(std::move(c));
      });
      po.done();
      obs.debug.pods.push_back(std::move(pod));
    });
    o.texts("events", obs.debug.events);
    o.text("error", obs.debug.error);
    o.done();
  }
  top.done();
  return obs;
}

void write_observations_file(const std::string& path, const Observations& obs,
                             const ObservationsJsonOptions& opt) {
  std::string body = observations_to_json(obs, opt).dump(1) + "\n";
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << body;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + ec.message());
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
