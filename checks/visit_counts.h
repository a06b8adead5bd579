// Lab 15's visit counters as the scenario observed them (scenarios/lab15.yaml):
// GET /visits answers per pod before and after the grader's own visits, the
// visits themselves (GET /), `cat /data/visits` in each pod, and the same
// after the pod was deleted. Shared by per-pod-visits and
// visit-count-persistence so both read a counter the same way.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts {

// Phases of the lab15 scenario (the contract with scenarios/lab15.yaml).
inline constexpr const char* kVisitsBefore = "visits-before";
inline constexpr const char* kVisitHits = "hits";
inline constexpr const char* kVisitsAfter = "visits-after";
inline constexpr const char* kVisitsFile = "visits-file";
inline constexpr const char* kVisitsAfterDelete = "visits-after-delete";
inline constexpr const char* kVisitsFileAfterDelete = "visits-file-after-delete";

// The count in an answer: the "visits" member of a JSON object (the course's
// app), else the first integer in the text; nullopt when there is none.
std::optional<long> visits_in(const std::string& body);

// The last exchange of `phase` addressed to `pod`, nullptr if none.
const HttpExchange* exchange_of(const Observations& obs, const std::string& phase, const std::string& pod);
// The exchanges of `phase` addressed to `pod`, in order.
std::vector<const HttpExchange*> exchanges_of(const Observations& obs, const std::string& phase,
                                              const std::string& pod);
// The last exec of `phase` (its purpose) in `pod`, nullptr if none.
const ExecRecord* exec_of(const Observations& obs, const std::string& phase, const std::string& pod);

// One reading of a counter with what it was read from, for evidence:
// "web-0 GET /visits -> 3" or "web-0 /data/visits: (exit 1: No such file)".
struct CountReading {
  std::optional<long> count;
  std::string text;                  // evidence line
  bool infrastructure = false;       // the reading was lost to the cluster
};
CountReading http_count(const HttpExchange* x, const std::string& pod, const std::string& what);
CountReading file_count(const ExecRecord* e, const std::string& pod, const std::string& what);

// Probes that request "/" count visits too: the hint for counts that moved alone.
extern const char* const kProbeCountsHint;

}  // namespace sts
