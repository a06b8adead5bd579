// Data written through the app survives the deletion of the database pod
// (Lab 06 1.9 and 2.8, section 3's "messages survive pod deletion", Level 2's
// wallets, Project 5). The scenario writes data that carries the run's
// namespace name (a token no earlier run can have left), reads it back,
// deletes the database pod (step delete-pod) and, once the replacement is
// Ready, reads it again:
//
//   phase data-write    the writes (POST /users, POST /cache/k/v, INSERT, RPUSH)
//   phase data-before   one reading before the deletion
//   phase data-after    the same reading after it
//   phase data-after-direct  optional: the data read in the database pod
//                       itself after the deletion, to tell an app that
//                       cannot serve it from data that is gone
//
// over HTTP through the app (op http) or with the database's own client in
// its pod (op exec). The reading after must hold the token and equal the one
// before. A client missing from the pod (exit 127: a queue that is neither
// Redis nor PostgreSQL) makes the check not applicable: the instructor judges.
#include "checks/app_readings.h"
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

inline constexpr const char* kWrite = "data-write";
inline constexpr const char* kBefore = "data-before";
inline constexpr const char* kAfter = "data-after";
inline constexpr const char* kDirect = "data-after-direct";

std::string normalized(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// True when the StatefulSet as submitted keeps the database's data on no
// claim template (none, or mounted elsewhere than its data directory).
bool storage_lost(const Observations& obs) {
  const Json& set = obs.statefulset_manifest;
  std::vector<ClaimTemplate> templates = claim_templates(set);
  if (templates.empty()) return true;
  const Json* db = database_container(set);
  std::optional<std::string> dir = db ? data_dir_of(obs, *db, database_of_image(str_at(*db, {"image"}))) : std::nullopt;
  if (!dir) return false;
  for (const ClaimTemplate& t : templates)
    for (const std::string& m : t.mount_paths)
      if (path_within(*dir, m)) return false;
  return true;
}

// Why the data did not come back, from the StatefulSet as submitted.
std::string storage_hint(const Observations& obs) {
  const Json& set = obs.statefulset_manifest;
  std::vector<ClaimTemplate> templates = claim_templates(set);
  const Json* db = database_container(set);
  std::string database = db ? database_of_image(str_at(*db, {"image"})) : "";
  std::optional<std::string> dir = db ? data_dir_of(obs, *db, database) : std::nullopt;
  if (templates.empty())
    return "The StatefulSet has no volumeClaimTemplates, so the new pod started on empty storage. Declare a "
           "volumeClaimTemplate and mount it at the database's data directory" +
           (dir ? " (" + *dir + ")" : std::string()) + ": the recreated pod reattaches the same claim.";
  if (dir) {
    bool covered = false;
    std::vector<std::string> mounts;
    for (const ClaimTemplate& t : templates)
      for (const std::string& m : t.mount_paths) {
        mounts.push_back(t.name + " at " + m);
        covered = covered || path_within(*dir, m);
      }
    if (!covered)
      return "The PVC is mounted (" + (mounts.empty() ? std::string("nowhere") : join(mounts)) + ") but " + database +
             " keeps its data in " + *dir + ", outside it: mount the volumeClaimTemplate there (or point " +
             (database == "postgres" ? std::string("PGDATA") : std::string("the data directory")) + " into it).";
  }
  return "Keep the data on the pod's own PVC from volumeClaimTemplates, mounted at the database's data directory, "
         "and let the database write it to disk before it stops.";
}

class DataPersistence : public Check {
 public:
  std::string id() const override { return "data-persistence"; }
  std::string title() const override { return "Data survives deleting the database pod"; }
  std::string criterion() const override {
    return "Data written through the application before the database pod is deleted is read back unchanged "
           "once the StatefulSet has recreated the pod.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<AppReading> writes = app_readings(obs, kWrite);
    AppReading before = last_reading(obs, kBefore);
    for (const AppReading& w : writes)
      if (w.no_tool) {
        CheckResult r = skipped(id(), "the database pod has no client the scenario could use (" + w.problem +
                                          "): its persistence is the instructor's to judge");
        r.summary = "no redis-cli or psql in the database pod: judged by the instructor";
        r.not_applicable = true;
        return r;
      }
    if (auto unmet = unmet_step(obs, id(), "delete-pod")) return *unmet;
    if (auto unmet = unmet_step(obs, id(), kAfter)) return *unmet;
    AppReading after = last_reading(obs, kAfter);
    for (const AppReading* r : {&before, &after})
      if (r->infrastructure) return errored(id(), "a reading was lost to the cluster: " + r->line());
    for (const AppReading& w : writes)
      if (w.infrastructure) return errored(id(), "a write was lost to the cluster: " + w.line());
    if (writes.empty() || before.phase.empty() || after.phase.empty())
      return skipped(id(), std::string("the scenario recorded no ") +
                               (writes.empty() ? kWrite : before.phase.empty() ? kBefore : kAfter) + " phase");

    const std::string token = obs.namespace_;
    const std::string pod = str_at(obs.scenario_params, {"deleted_pod"});
    std::vector<std::string> write_lines, failed_writes;
    for (const AppReading& w : writes) {
      write_lines.push_back(w.line());
      if (!w.ok) failed_writes.push_back(w.request + ": " + w.problem);
    }
    Assertion written{"written", "the writes through the app succeeded", failed_writes.empty(),
                      failed_writes.empty() ? std::to_string(writes.size()) + " writes answered successfully"
                                            : join(failed_writes, "; ")};
    bool before_has = before.ok && before.text.find(token) != std::string::npos;
    Assertion read_before{"read-before", "before the deletion, the data reads back", before_has,
                          !before.ok ? "reading failed: " + before.problem
                          : before_has ? "the reading shows the data written (marked " + token + ")"
                                       : "the reading does not show the data written (no " + token + "): " +
                                             bounded(before.text, 200)};
    bool after_has = after.ok && after.text.find(token) != std::string::npos;
    bool same = before.ok && after.ok && normalized(before.text) == normalized(after.text);
    Assertion survived{"survived",
                       "after " + (pod.empty() ? std::string("the database pod") : pod) +
                           " was deleted and recreated, the same data reads back",
                       after_has && (same || !before.ok), ""};
    // "404 Not Found" for the key written is the app's answer that it is gone.
    const bool not_found = !after.ok && after.http_status == 404;
    if (not_found) survived.detail = "the data is gone: " + after.problem;
    else if (!after.ok) survived.detail = "reading after the deletion failed: " + after.problem;
    else if (!after_has) survived.detail = "the data is gone: " + bounded(after.text, 200);
    else if (!same && before.ok)
      survived.detail = "the data changed: before " + bounded(before.text, 150) + "; after " + bounded(after.text, 150);
    else survived.detail = "the same " + std::to_string(normalized(after.text).size()) + " characters read back";

    // Read in the database pod itself: whether the data is there at all.
    AppReading direct = last_reading(obs, kDirect);
    const bool direct_has = direct.ok && direct.text.find(token) != std::string::npos;
    if (!direct.phase.empty() && !survived.passed)
      survived.detail += "; read in the database pod: " +
                         (direct_has ? std::string("the data is there") : direct.ok ? "no such data" : direct.problem);

    std::vector<Evidence> ev{{"writes", join(write_lines, "\n"), writes.front().t},
                             {"reading before the deletion", before.line(), before.t},
                             {"reading after the deletion", after.line(), after.t}};
    if (!direct.phase.empty()) ev.push_back({"read in the database pod after the deletion", direct.line(), direct.t});
    if (auto w = step_window(obs, "delete-pod"))
      for (const PodLife& l : lives_created_in(obs, *w))
        if (l.name == pod && l.created)
          ev.push_back({"replacement of " + pod, creation_sequence({l}), l.created->t});

    CheckResult r = result_from(id(), {written, read_before, survived}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = "the data written before deleting " + pod + " read back unchanged after its replacement";
      return r;
    }
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    if (!written.passed || !before_has) {
      r.summary = "the app could not store and read back data before the deletion";
      r.hint = "The app must reach the database by its stable DNS name <pod>.<headless-service> (DB_HOST / "
               "REDIS_HOST) and be Ready before it is used (Lab 06 1.7, 2.6).";
    } else if (!after.ok && !not_found &&
               (direct.phase.empty() ? !storage_lost(obs) : direct_has)) {
      r.summary = "after " + pod + " was recreated, the app could not read the data" +
                  (direct_has ? std::string(" (it is still in the database)") : "");
      r.hint = "After the database pod is replaced the app must reach it again under the same name: connect to "
               "<pod>.<headless-service>, never to a pod IP (Lab 06 1.10, COMMON MISTAKES 3).";
    } else {
      r.summary = "the data written before deleting " + pod + " did not survive";
      r.hint = storage_hint(obs);
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(DataPersistence);
}  // namespace sts
