// Student outcomes and a rubric for the batch renderers' tests: the shape of
// report.json (docs/report-json-schema.md), built by hand.
#pragma once
#include <string>
#include <vector>

#include "grader/batch/batch_outcome.h"
#include "grader/grading/rubric.h"

namespace sts::testdata {

inline Rubric batch_rubric() {
  Rubric r;
  r.id = "lab04-section3";
  r.title = "Lab 04 section 3";
  auto item = [](std::string check, std::string title, double points) {
    RubricItem i;
    i.check = std::move(check);
    i.title = std::move(title);
    i.points = points;
    return i;
  };
  r.items = {item("pod-naming", "Test 1: Pod naming", 1), item("dns-resolution", "Test 5: DNS", 1),
             item("pvc-reuse", "Test 10: PVC reuse", 1)};
  r.items[2].hidden = true;
  RubricItem manual;
  manual.manual = true;
  manual.title = "Written answers";
  manual.points = 2;
  r.items.push_back(manual);
  return r;
}

// A gradable report: statuses and earned points of the three checks.
inline Json batch_report(const std::vector<std::pair<std::string, double>>& checks) {
  static const char* ids[] = {"pod-naming", "dns-resolution", "pvc-reuse"};
  static const char* titles[] = {"Test 1: Pod naming", "Test 5: DNS", "Test 10: PVC reuse"};
  Json cs = Json::array();
  double earned = 0;
  int passed = 0;
  for (size_t i = 0; i < checks.size(); ++i) {
    earned += checks[i].second;
    passed += checks[i].first == "pass";
    cs.push_back({{"id", ids[i]},
                  {"title", titles[i]},
                  {"status", checks[i].first},
                  {"points", 1.0},
                  {"earned", checks[i].second},
                  {"manual", false},
                  {"hidden", i == 2},
                  {"summary", std::string(ids[i]) + ": " + checks[i].first},
                  {"explanation", checks[i].first == "pass" || i == 2 ? "" : "because of a mistake"},
                  {"hint", checks[i].first == "fail" && i != 2 ? "fix it like this" : ""}});
  }
  cs.push_back({{"id", ""}, {"title", "Written answers"}, {"status", "manual"}, {"points", 2.0},
                {"earned", 0.0}, {"manual", true}, {"hidden", false},
                {"summary", "judged by the instructor"}, {"explanation", ""}, {"hint", ""}});
  char verdict[64];
  snprintf(verdict, sizeof verdict, "%g/3", earned);
  return {{"schema", "sts-grader/report/v1"},
          {"run", {{"grader_version", "0.1.0"}, {"rubric", {{"id", "lab04-section3"}}},
                   {"wall_seconds", 41.6}, {"notes", Json::array({"statefulset-lab -> sts-grader-x"})}}},
          {"score", {{"earned", earned}, {"possible", 5.0}, {"machine_possible", 3.0},
                     {"gradable", true}, {"reason", ""}, {"verdict", verdict}}},
          {"checks", cs}};
}

inline StudentOutcome graded(const std::string& student, const Json& report) {
  StudentOutcome o;
  o.student = student;
  o.submission = "/subs/" + student;
  o.report = report;
  o.status = report["score"]["earned"].get<double>() == 3 ? "pass" : "fail";
  return o;
}

inline StudentOutcome ungraded(const std::string& student, const std::string& status,
                               const std::string& reason) {
  StudentOutcome o;
  o.student = student;
  o.submission = "/subs/" + student;
  o.status = status;
  o.reason = reason;
  return o;
}

}  // namespace sts::testdata
