#include "grader/scenario/debug_evidence.h"

#include <algorithm>

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/http_client.h"
#include "grader/scenario/probe_pod.h"

namespace sts {

namespace {

std::string scalar(const Json& n) {
  if (n.is_string()) return n.get<std::string>();
  if (n.is_number() || n.is_boolean()) return n.dump();
  return "";
}

// "waiting: CrashLoopBackOff: back-off 10s …", "terminated: Error (exit 1): …", "running".
std::string state_text(const Json& state) {
  if (!state.is_object() || state.empty()) return "";
  if (state.contains("running")) return "running";
  if (const Json& w = node_at(state, {"waiting"}); w.is_object()) {
    std::string s = "waiting";
    if (std::string r = str_at(w, {"reason"}); !r.empty()) s += ": " + r;
    if (std::string m = str_at(w, {"message"}); !m.empty()) s += ": " + m;
    return s;
  }
  if (const Json& t = node_at(state, {"terminated"}); t.is_object()) {
    std::string s = "terminated";
    if (std::string r = str_at(t, {"reason"}); !r.empty()) s += ": " + r;
    if (std::string code = scalar(node_at(t, {"exitCode"})); !code.empty()) s += " (exit " + code + ")";
    if (std::string sig = scalar(node_at(t, {"signal"})); !sig.empty() && sig != "0") s += " signal " + sig;
    if (std::string m = str_at(t, {"message"}); !m.empty()) s += ": " + m;
    return s;
  }
  return "";
}

// A container that never ran has no log to ask for.
bool has_started(const Json& status) {
  const Json& st = node_at(status, {"state"});
  return (st.is_object() && (st.contains("running") || st.contains("terminated"))) ||
         node_at(status, {"lastState", "terminated"}).is_object();
}

void add_containers(PodDebug& out, const Json& pod, const char* spec_key, const char* status_key, bool init) {
  const Json& specs = node_at(pod, {"spec", spec_key});
  const Json& statuses = node_at(pod, {"status", status_key});
  if (!specs.is_array()) return;
  for (const Json& spec : specs) {
    ContainerDebug c;
    c.name = str_at(spec, {"name"});
    c.init = init;
    const Json* status = nullptr;
    if (statuses.is_array())
      for (const Json& s : statuses)
        if (str_at(s, {"name"}) == c.name) status = &s;
    if (!status) {
      c.state = "not started";
      out.containers.push_back(std::move(c));
      continue;
    }
    c.ready = node_at(*status, {"ready"}).is_boolean() && (*status)["ready"].get<bool>();
    const Json& rc = node_at(*status, {"restartCount"});
    c.restarts = rc.is_number_integer() ? rc.get<int>() : 0;
    c.state = state_text(node_at(*status, {"state"}));
    c.last_state = state_text(node_at(*status, {"lastState"}));
    out.containers.push_back(std::move(c));
  }
}

// Events keep three clocks; the newest one that is set tells when it last happened.
std::string event_time(const Json& e) {
  for (const char* key : {"lastTimestamp", "eventTime", "firstTimestamp"})
    if (std::string t = str_at(e, {key}); !t.empty()) return t;
  return str_at(e, {"metadata", "creationTimestamp"});
}

}  // namespace

PodDebug pod_debug(const Json& pod) {
  PodDebug p;
  p.name = str_at(pod, {"metadata", "name"});
  p.phase = str_at(pod, {"status", "phase"});
  std::string reason = str_at(pod, {"status", "reason"});
  std::string message = str_at(pod, {"status", "message"});
  p.reason = reason.empty() ? message : message.empty() ? reason : reason + ": " + message;
  const Json& conditions = node_at(pod, {"status", "conditions"});
  if (conditions.is_array())
    for (const Json& c : conditions) {
      std::string line = str_at(c, {"type"}) + "=" + str_at(c, {"status"});
      std::string why = str_at(c, {"reason"});
      if (std::string m = str_at(c, {"message"}); !m.empty()) why += (why.empty() ? "" : ": ") + m;
      if (!why.empty()) line += " (" + why + ")";
      p.conditions.push_back(line);
    }
  add_containers(p, pod, "initContainers", "initContainerStatuses", true);
  add_containers(p, pod, "containers", "containerStatuses", false);
  return p;
}

std::vector<std::string> event_lines(const std::vector<Json>& events, size_t max) {
  std::vector<const Json*> sorted;
  for (const Json& e : events) sorted.push_back(&e);
  // RFC 3339 UTC stamps sort as text; stable keeps the store's order for ties.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Json* a, const Json* b) { return event_time(*a) < event_time(*b); });
  if (sorted.size() > max) sorted.erase(sorted.begin(), sorted.end() - static_cast<long>(max));
  std::vector<std::string> out;
  for (const Json* e : sorted) {
    std::string t = event_time(*e);
    // "2026-12-01T21:10:03Z" -> "21:10:03": the date is the run's.
    std::string clock = t.size() >= 19 && t[10] == 'T' ? t.substr(11, 8) : t;
    std::string line = clock.empty() ? "" : clock + " ";
    line += str_at(*e, {"type"}) + " " + str_at(*e, {"reason"}) + " " +
            str_at(*e, {"involvedObject", "kind"}) + "/" + str_at(*e, {"involvedObject", "name"}) + ": " +
            str_at(*e, {"message"});
    long count = 0;
    if (const Json& c = node_at(*e, {"count"}); c.is_number_integer()) count = c.get<long>();
    if (const Json& c = node_at(*e, {"series", "count"}); c.is_number_integer()) count = std::max(count, c.get<long>());
    if (count > 1) line += " (x" + std::to_string(count) + ")";
    out.push_back(line);
  }
  return out;
}

std::string log_tail(const std::string& log, size_t max_bytes) {
  if (log.size() <= max_bytes) return log;
  size_t start = log.size() - max_bytes;
  // Begin at the next full line, unless the cut lies inside one huge line.
  if (size_t nl = log.find('\n', start); nl != std::string::npos && nl + 1 < log.size()) start = nl + 1;
  return "[… " + std::to_string(start) + " earlier bytes left out]\n" + log.substr(start);
}

DebugEvidence collect_debug_evidence(const std::vector<Json>& pods, const std::vector<Json>& events,
                                     const LogFetcher& fetch, double t) {
  DebugEvidence d;
  d.collected = true;
  d.t = t;
  d.events = event_lines(events);
  bool reachable = true;
  std::vector<std::string> problems;
  for (const Json& pod : pods) {
    PodDebug p = pod_debug(pod);
    const Json& statuses_init = node_at(pod, {"status", "initContainerStatuses"});
    const Json& statuses = node_at(pod, {"status", "containerStatuses"});
    for (ContainerDebug& c : p.containers) {
      const Json* status = nullptr;
      for (const Json* list : {&statuses_init, &statuses})
        if (list->is_array())
          for (const Json& s : *list)
            if (str_at(s, {"name"}) == c.name) status = &s;
      if (!status || !has_started(*status)) {
        c.log_error = "the container has not started: no log";
        continue;
      }
      if (!reachable) {
        c.log_error = "not read: the API server stopped answering";
        continue;
      }
      auto read = [&](bool previous, std::string& into) {
        try {
          into = log_tail(fetch(p.name, c.name, previous));
        } catch (const LogUnreachable& e) {
          reachable = false;
          c.log_error = e.what();
          problems.push_back(p.name + "/" + c.name + ": " + e.what());
        } catch (const std::exception& e) {
          c.log_error += (c.log_error.empty() ? "" : "; ") + std::string(e.what());
        }
      };
      read(false, c.log);
      if (c.restarts > 0 && reachable) read(true, c.previous_log);
    }
    d.pods.push_back(std::move(p));
  }
  for (const std::string& s : problems) d.error += (d.error.empty() ? "" : "; ") + s;
  return d;
}

DebugEvidence collect_debug_evidence(const ClusterState& state, const ClusterCredentials& creds,
                                     const std::string& ns, const std::atomic<bool>* abort) {
  std::vector<Json> pods, events;
  state.read([&](const Store& s) {
    for (const Json* p : s.list("Pod"))
      if (str_at(*p, {"metadata", "name"}) != kProbePod) pods.push_back(*p);
    for (const Json* e : s.list("Event"))
      if (str_at(*e, {"involvedObject", "name"}) != kProbePod) events.push_back(*e);
  });
  HttpOptions http;
  http.request_timeout = std::chrono::seconds(10);
  if (abort) http.abort_flags.push_back(abort);
  HttpClient client(creds, http);
  const ResourceKind& pod_kind = resource_kind("Pod");
  LogFetcher fetch = [&](const std::string& pod, const std::string& container, bool previous) {
    std::string path = object_path(pod_kind, ns, pod, "log");
    path = with_query(path, "container", container);
    path = with_query(path, "tailLines", std::to_string(kDebugLogLines));
    // Generous on the server, cut here from the end: limitBytes keeps a log's
    // start, and the last lines are the ones that say why it stopped.
    path = with_query(path, "limitBytes", std::to_string(8 * kDebugLogBytes));
    if (previous) path = with_query(path, "previous", "true");
    HttpResponse r;
    try {
      r = client.request("GET", path);
    } catch (const HttpTransportError& e) {
      throw LogUnreachable(std::string("log: ") + e.what());
    }
    if (r.status / 100 != 2) {
      ApiError e = error_from_response("GET", path, r);
      throw std::runtime_error("log: HTTP " + std::to_string(r.status) + " " +
                               (e.status_message().empty() ? e.reason() : e.status_message()));
    }
    return r.body;
  };
  return collect_debug_evidence(pods, events, fetch, state.now());
}

}  // namespace sts
