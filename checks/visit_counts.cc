#include "checks/visit_counts.h"

#include <cctype>

#include "checks/check_util.h"

namespace sts {

std::optional<long> visits_in(const std::string& body) {
  try {
    Json j = Json::parse(body);
    if (j.is_object()) {
      // An object without "visits" holds no count, whatever digits its other
      // members have (a hostname like web-0).
      auto v = j.find("visits");
      if (v == j.end()) return std::nullopt;
      if (v->is_number_integer()) return v->get<long>();
      if (v->is_string()) return visits_in(v->get<std::string>());
      return std::nullopt;
    }
    if (j.is_number_integer()) return j.get<long>();
  } catch (const Json::exception&) {
  }
  for (size_t i = 0; i < body.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(body[i]))) {
      size_t j = i;
      while (j < body.size() && std::isdigit(static_cast<unsigned char>(body[j])) && j - i < 18) ++j;
      return std::stol(body.substr(i, j - i));
    }
  return std::nullopt;
}

std::vector<const HttpExchange*> exchanges_of(const Observations& obs, const std::string& phase,
                                              const std::string& pod) {
  std::vector<const HttpExchange*> out;
  for (const HttpExchange* x : obs.exchanges(phase))
    if (x->pod == pod) out.push_back(x);
  return out;
}

const HttpExchange* exchange_of(const Observations& obs, const std::string& phase, const std::string& pod) {
  auto all = exchanges_of(obs, phase, pod);
  return all.empty() ? nullptr : all.back();
}

const ExecRecord* exec_of(const Observations& obs, const std::string& phase, const std::string& pod) {
  const ExecRecord* found = nullptr;
  for (const ExecRecord& e : obs.execs)
    if (e.purpose == phase && e.pod == pod) found = &e;
  return found;
}

CountReading http_count(const HttpExchange* x, const std::string& pod, const std::string& what) {
  CountReading r;
  if (!x) {
    r.text = pod + " " + what + ": not requested";
    return r;
  }
  r.text = pod + " " + x->method + " " + x->url + " (" + what + ", " + seconds(x->t) + ") -> ";
  if (!x->exec.error.empty()) {
    r.infrastructure = true;
    r.text += "lost: " + x->exec.error;
    return r;
  }
  if (!x->ok) {
    r.text += x->error;
    return r;
  }
  r.count = visits_in(x->body);
  r.text += std::to_string(x->status) + " " + bounded(x->body, 120);
  if (!r.count) r.text += " (no count in the answer)";
  return r;
}

CountReading file_count(const ExecRecord* e, const std::string& pod, const std::string& what) {
  CountReading r;
  if (!e) {
    r.text = pod + " " + what + ": not read";
    return r;
  }
  std::string cmd = join(e->command, " ");
  r.text = pod + " `" + cmd + "` (" + what + ", " + seconds(e->t_start) + ") -> ";
  if (!e->error.empty()) {
    r.infrastructure = true;
    r.text += "lost: " + e->error;
    return r;
  }
  if (e->exit_code != 0) {
    r.text += "exit " + std::to_string(e->exit_code) + ": " + bounded(e->err, 160);
    return r;
  }
  r.count = visits_in(e->out);
  r.text += "'" + bounded(e->out, 80) + "'";
  if (!r.count) r.text += " (no number)";
  return r;
}

const char* const kProbeCountsHint =
    "If a readiness or liveness probe requests `/`, every probe counts a visit: probe `/health` "
    "instead.";

}  // namespace sts
