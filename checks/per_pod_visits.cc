// Lab 15 Task 3.2: each pod keeps its own visit count. The scenario reads
// every pod's GET /visits, visits pod 0 and pod 1 a different number of times
// (GET /), reads the counts again and `cat /data/visits` in each pod: each
// count must rise by at least its own visits (a probe on "/" counts too), the
// pods' counts must differ, and each pod's own volume must hold at least its
// own count, the files differing between pods. A shared volume shows here: the app counts in memory,
// so the HTTP answers look isolated, but the file holds the last writer's count.
#include <algorithm>
#include <map>
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/visit_counts.h"

namespace sts {
namespace {

struct PodCounts {
  std::string pod;
  int sent = 0, answered = 0;        // visits the grader made, and those answered 2xx
  CountReading before, after, file;
};

class PerPodVisits : public Check {
 public:
  std::string id() const override { return "per-pod-visits"; }
  std::string title() const override { return "Per-pod storage isolation"; }
  std::string criterion() const override {
    return "Each pod keeps its own visit count: visits to one pod raise only its count, and each "
           "pod's /data/visits holds its own count.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), kVisitsFile)) return *unmet;
    // The pods the grader visited, in ordinal order.
    std::vector<PodCounts> pods;
    std::set<std::string> seen;
    for (const HttpExchange* x : obs.exchanges(kVisitHits))
      if (seen.insert(x->pod).second) pods.push_back({x->pod});
    std::sort(pods.begin(), pods.end(), [&](const PodCounts& a, const PodCounts& b) {
      return ordinal_of(a.pod, obs.statefulset) < ordinal_of(b.pod, obs.statefulset);
    });
    if (pods.size() < 2) return skipped(id(), "the grader visited fewer than two pods (phase \"hits\")");

    std::vector<std::string> lines, unanswered, wrong_delta, wrong_file;
    for (PodCounts& p : pods) {
      for (const HttpExchange* x : exchanges_of(obs, kVisitHits, p.pod)) {
        if (!x->exec.error.empty())
          return errored(id(), "a visit to " + p.pod + " was lost to the cluster: " + x->exec.error);
        ++p.sent;
        if (x->ok) ++p.answered;
        else unanswered.push_back(x->method + " " + x->url + " -> " + x->error);
      }
      p.before = http_count(exchange_of(obs, kVisitsBefore, p.pod), p.pod, "before");
      p.after = http_count(exchange_of(obs, kVisitsAfter, p.pod), p.pod, "after the visits");
      p.file = file_count(exec_of(obs, kVisitsFile, p.pod), p.pod, "its volume");
      for (const CountReading* r : {&p.before, &p.after, &p.file}) {
        if (r->infrastructure) return errored(id(), "reading a count was lost to the cluster: " + r->text);
        if (!r->count && r != &p.file) unanswered.push_back(r->text);
      }
      lines.push_back(p.before.text);
      lines.push_back(p.pod + " visited " + std::to_string(p.sent) + " times (GET /), " +
                      std::to_string(p.answered) + " answered 2xx");
      lines.push_back(p.after.text);
      lines.push_back(p.file.text);
      if (p.before.count && p.after.count) {
        long delta = *p.after.count - *p.before.count;
        // At least what was sent: a readiness probe on "/" counts visits too.
        if (delta < p.answered)
          wrong_delta.push_back(p.pod + " went from " + std::to_string(*p.before.count) + " to " +
                                std::to_string(*p.after.count) + " (+" + std::to_string(delta) +
                                ") after " + std::to_string(p.answered) + " visits");
      }
      // The file is read after the count: it may have risen since, never fallen.
      if (p.after.count && (!p.file.count || *p.file.count < *p.after.count))
        wrong_file.push_back(p.pod + " counts " + std::to_string(*p.after.count) + " but its /data/visits holds " +
                             (p.file.count ? std::to_string(*p.file.count) : p.file.text));
    }
    bool answered = unanswered.empty();
    Assertion answers{"app-answers", "every pod answers GET / and GET /visits with a count", answered,
                      answered ? "all requests answered" : join(unanswered, "; ")};
    Assertion own{"counts-own-visits", "each pod's count rose by at least the visits sent to it",
                  answered && wrong_delta.empty(),
                  !answered ? "not every count could be read" : wrong_delta.empty() ? "each count rose by its own visits" : join(wrong_delta, "; ")};
    // One shared volume holds the last writer's count in every pod's file.
    std::set<long> file_counts;
    for (const PodCounts& p : pods)
      if (p.file.count) file_counts.insert(*p.file.count);
    if (wrong_file.empty() && file_counts.size() < pods.size())
      for (const PodCounts& p : pods)
        if (p.after.count && p.file.count && *p.file.count != *p.after.count)
          wrong_file.push_back(p.pod + " counts " + std::to_string(*p.after.count) +
                               " but its /data/visits holds " + std::to_string(*p.file.count));
    std::set<long> finals;
    for (const PodCounts& p : pods)
      if (p.after.count) finals.insert(*p.after.count);
    Assertion differ{"counts-differ", "the pods show different counts after different numbers of visits",
                     answered && finals.size() == pods.size(), ""};
    std::vector<std::string> shown;
    for (const PodCounts& p : pods)
      shown.push_back(p.pod + "=" + (p.after.count ? std::to_string(*p.after.count) : "?"));
    differ.detail = join(shown);
    Assertion file{"file-holds-own-count", "each pod's own /data/visits holds its own count",
                   answered && wrong_file.empty(),
                   !answered ? "not every count could be read" : wrong_file.empty() ? "each volume holds its pod's count" : join(wrong_file, "; ")};

    CheckResult r = result_from(id(), {answers, own, differ, file},
                                {{"visit counts per pod", join(lines, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = "each pod keeps its own count: " + join(shown);
      return r;
    }
    r.summary = "the pods do not keep separate visit counts";
    if (!answers.passed) {
      r.summary = "the app did not answer every request";
      r.explanation = join(unanswered, "; ") + ".";
      r.hint = "The app must listen on its containerPort (the grader uses the StatefulSet's first containerPort) "
               "and answer GET / (counts a visit) and GET /visits (reads the count) (Lab 15 Task 3).";
    } else if (!file.passed) {
      // Same number in every file: one volume, the last writer's count.
      std::set<long> files;
      for (const PodCounts& p : pods)
        if (p.file.count) files.insert(*p.file.count);
      r.explanation = join(wrong_file, "; ") +
                      (files.size() == 1 && pods.size() > 1
                           ? ". Every pod's /data/visits holds the same number: the pods write to one shared volume."
                           : ".");
      r.hint = "Give each pod its own volume with volumeClaimTemplates, mounted at /data; a PVC in "
               "spec.template.spec.volumes is shared by all pods (Lab 15 Task 2.3).";
    } else {
      r.explanation = join(failed_details(r.assertions), "; ") + ".";
      r.hint = kProbeCountsHint;
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PerPodVisits);
}  // namespace sts
