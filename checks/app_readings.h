// What the app or the database answered in a phase of the scenario, whether
// the grader asked over HTTP (op http: Lab 06's APIs) or ran the database's
// own client in its pod (op exec: psql, redis-cli). Shared by the checks
// that judge data written through the app (data-persistence).
#pragma once
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts {

struct AppReading {
  std::string phase;
  std::string request;               // "GET http://user-api:8000/users" or "postgres-0: psql …"
  bool ok = false;                   // 2xx, or exit 0
  std::string text;                  // response body or stdout
  std::string problem;               // why not ok: "HTTP 503 …", "exit 1: ERROR: …"
  bool infrastructure = false;       // lost to the cluster, not the app's answer
  bool no_tool = false;              // exit 127: the client is not in that pod
  int http_status = 0;               // HTTP only: the status (404: not found), 0 none
  double t = 0;
  std::string line() const;          // evidence line, bounded
};

// Every answer of `phase` in time order; a request or command repeated by the
// op's retries counts once, with its last answer. Execs of the grader's probe
// pod (the transport of op http) are not readings of their own.
std::vector<AppReading> app_readings(const Observations& obs, const std::string& phase);

// The last answer of `phase`, or nullptr-like (phase empty) when none.
AppReading last_reading(const Observations& obs, const std::string& phase);

}  // namespace sts
