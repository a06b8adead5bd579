#include "grader/scenario/debug_evidence.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

// A crash-looping pod as the API server shows it: its app container waits in
// CrashLoopBackOff after 4 restarts; the init container completed.
Json crash_looping_pod() {
  return Json::parse(R"({
    "metadata": {"name": "web-0"},
    "spec": {"initContainers": [{"name": "perms"}], "containers": [{"name": "app"}, {"name": "sidecar"}]},
    "status": {
      "phase": "Running",
      "conditions": [
        {"type": "PodScheduled", "status": "True"},
        {"type": "Ready", "status": "False", "reason": "ContainersNotReady",
         "message": "containers with unready status: [app]"}],
      "initContainerStatuses": [
        {"name": "perms", "ready": true, "restartCount": 0,
         "state": {"terminated": {"reason": "Completed", "exitCode": 0}}}],
      "containerStatuses": [
        {"name": "app", "ready": false, "restartCount": 4,
         "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s restarting failed container=app"}},
         "lastState": {"terminated": {"reason": "Error", "exitCode": 1}}},
        {"name": "sidecar", "ready": false, "restartCount": 0,
         "state": {"waiting": {"reason": "ContainerCreating"}}}]}})");
}

TEST(DebugEvidence, PodStatusConditionsAndContainerStates) {
  PodDebug p = pod_debug(crash_looping_pod());
  EXPECT_EQ(p.name, "web-0");
  EXPECT_EQ(p.phase, "Running");
  EXPECT_EQ(p.reason, "");
  ASSERT_EQ(p.conditions.size(), 2u);
  EXPECT_EQ(p.conditions[0], "PodScheduled=True");
  EXPECT_EQ(p.conditions[1], "Ready=False (ContainersNotReady: containers with unready status: [app])");
  ASSERT_EQ(p.containers.size(), 3u);
  EXPECT_EQ(p.containers[0].name, "perms");  // init containers first
  EXPECT_TRUE(p.containers[0].init);
  EXPECT_EQ(p.containers[0].state, "terminated: Completed (exit 0)");
  EXPECT_EQ(p.containers[1].name, "app");
  EXPECT_EQ(p.containers[1].restarts, 4);
  EXPECT_FALSE(p.containers[1].ready);
  EXPECT_EQ(p.containers[1].state, "waiting: CrashLoopBackOff: back-off 40s restarting failed container=app");
  EXPECT_EQ(p.containers[1].last_state, "terminated: Error (exit 1)");
  EXPECT_EQ(p.containers[2].last_state, "");
}

TEST(DebugEvidence, UnscheduledPodHasReasonAndNoContainerStatus) {
  Json pod = Json::parse(R"({"metadata": {"name": "web-1"}, "spec": {"containers": [{"name": "app"}]},
    "status": {"phase": "Pending", "reason": "Evicted", "message": "low on ephemeral storage",
      "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                      "message": "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."}]}})");
  PodDebug p = pod_debug(pod);
  EXPECT_EQ(p.reason, "Evicted: low on ephemeral storage");
  EXPECT_EQ(p.conditions[0],
            "PodScheduled=False (Unschedulable: 0/1 nodes are available: pod has unbound immediate "
            "PersistentVolumeClaims.)");
  ASSERT_EQ(p.containers.size(), 1u);
  EXPECT_EQ(p.containers[0].state, "not started");
}

TEST(DebugEvidence, LogsCurrentAndPreviousOnlyWhereTheyExist) {
  std::vector<std::string> asked;
  LogFetcher fetch = [&](const std::string& pod, const std::string& c, bool previous) {
    asked.push_back(pod + "/" + c + (previous ? " --previous" : ""));
    if (previous) return std::string("starting\nconfig missing\n");
    if (c == "perms") throw std::runtime_error("log: HTTP 400 container perms is terminated");
    return std::string("");
  };
  DebugEvidence d = collect_debug_evidence({crash_looping_pod()}, {}, fetch, 12.5);
  EXPECT_TRUE(d.collected);
  EXPECT_EQ(d.t, 12.5);
  // sidecar never started: nothing asked for it; app restarted: both logs.
  EXPECT_EQ(asked, (std::vector<std::string>{"web-0/perms", "web-0/app", "web-0/app --previous"}));
  const auto& cs = d.pods.at(0).containers;
  EXPECT_EQ(cs[0].log_error, "log: HTTP 400 container perms is terminated");
  EXPECT_EQ(cs[1].previous_log, "starting\nconfig missing\n");
  EXPECT_EQ(cs[1].log_error, "");
  EXPECT_EQ(cs[2].log_error, "the container has not started: no log");
  EXPECT_EQ(d.error, "");  // an answered error is the container's, not the collection's
}

TEST(DebugEvidence, AnUnreachableServerStopsFurtherLogReads) {
  int calls = 0;
  LogFetcher fetch = [&](const std::string&, const std::string&, bool) -> std::string {
    ++calls;
    throw LogUnreachable("log: connection refused");
  };
  Json second = crash_looping_pod();
  second["metadata"]["name"] = "web-1";
  DebugEvidence d = collect_debug_evidence({crash_looping_pod(), second}, {}, fetch, 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(d.pods.size(), 2u);  // statuses still there: they come from the cache
  EXPECT_EQ(d.pods[1].containers[1].log_error, "not read: the API server stopped answering");
  EXPECT_EQ(d.error, "web-0/perms: log: connection refused");
}

TEST(DebugEvidence, LogTailKeepsTheEndFromALineStart) {
  std::string log;
  for (int i = 0; i < 100; ++i) log += "line " + std::to_string(i) + "\n";
  EXPECT_EQ(log_tail(log, log.size()), log);
  std::string tail = log_tail(log, 20);
  EXPECT_EQ(tail.substr(tail.find('\n') + 1), "line 98\nline 99\n");
  EXPECT_EQ(tail.rfind("[… ", 0), 0u) << tail;
  EXPECT_NE(tail.find(std::to_string(log.size() - 16) + " earlier bytes left out"), std::string::npos) << tail;
  // One huge line: cut inside it rather than drop everything.
  std::string huge(100, 'x');
  EXPECT_EQ(log_tail(huge, 10), "[… 90 earlier bytes left out]\nxxxxxxxxxx");
}

TEST(DebugEvidence, EventsOldestFirstBoundedWithCounts) {
  std::vector<Json> events = {
      Json::parse(R"({"type": "Warning", "reason": "BackOff", "message": "Back-off restarting failed container app",
                      "involvedObject": {"kind": "Pod", "name": "web-0"}, "count": 5,
                      "lastTimestamp": "2026-12-01T21:10:09Z"})"),
      Json::parse(R"({"type": "Normal", "reason": "Scheduled", "message": "Successfully assigned",
                      "involvedObject": {"kind": "Pod", "name": "web-0"},
                      "eventTime": "2026-12-01T21:10:01.000000Z"})"),
      Json::parse(R"({"type": "Normal", "reason": "SuccessfulCreate", "message": "create Pod web-0",
                      "involvedObject": {"kind": "StatefulSet", "name": "web"}, "series": {"count": 3},
                      "firstTimestamp": "2026-12-01T21:10:00Z"})")};
  std::vector<std::string> lines = event_lines(events);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "21:10:00 Normal SuccessfulCreate StatefulSet/web: create Pod web-0 (x3)");
  EXPECT_EQ(lines[1], "21:10:01 Normal Scheduled Pod/web-0: Successfully assigned");
  EXPECT_EQ(lines[2], "21:10:09 Warning BackOff Pod/web-0: Back-off restarting failed container app (x5)");
  EXPECT_EQ(event_lines(events, 1), std::vector<std::string>{lines[2]});  // the newest kept
}

}  // namespace
}  // namespace sts
