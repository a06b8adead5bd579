// The debug evidence in every report: shown beside failed, errored and
// skipped items, withheld when only hidden items failed, escaped everywhere.
#include "reports/debug_text.h"

#include <gtest/gtest.h>

#include "reports/json_report.h"
#include "reports/junit.h"
#include "reports/markdown.h"
#include "reports/sample_run_for_tests.h"
#include "reports/summary.h"

namespace sts {
namespace {

using namespace testing_sample;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A crash-looping web-0 whose log tries to break out of every format, and a healthy web-1.
DebugEvidence crash_evidence() {
  DebugEvidence d;
  d.collected = true;
  d.t = 61.5;
  PodDebug bad;
  bad.name = "web-0";
  bad.phase = "Running";
  bad.conditions = {"Ready=False (ContainersNotReady: containers with unready status: [app])"};
  ContainerDebug app;
  app.name = "app";
  app.restarts = 3;
  app.state = "waiting: CrashLoopBackOff: back-off 40s restarting failed container=app";
  app.last_state = "terminated: Error (exit 1)";
  std::string log;
  for (int i = 1; i <= 50; ++i) log += "boot step " + std::to_string(i) + "\n";
  log += "</details>\n```\n</system-out><b>x</b> & \x1b[31m\n";
  log += "config missing\n";
  app.previous_log = log;
  app.log_error = "";
  bad.containers = {app};
  PodDebug good;
  good.name = "web-1";
  good.phase = "Running";
  good.conditions = {"Ready=True"};
  ContainerDebug ok;
  ok.name = "app";
  ok.ready = true;
  ok.state = "running";
  ok.log = "serving\n";
  good.containers = {ok};
  d.pods = {good, bad};
  d.events = {"21:10:01 Normal Scheduled Pod/web-0: Successfully assigned",
              "21:10:09 Warning BackOff Pod/web-0: Back-off restarting failed container app (x5)"};
  return d;
}

Observations with_evidence() {
  Observations o = observations();
  o.debug = crash_evidence();
  return o;
}

// The sample score with every item that could show evidence made hidden.
Score only_hidden_failures() {
  Score s = score();
  for (ScoredItem& it : s.items)
    if (it.result.status != Status::kPass) it.item.hidden = true;
  return s;
}

TEST(DebugText, WhichItemsShowIt) {
  const Score s = score();
  std::vector<bool> shows;
  for (const ScoredItem& it : s.items) shows.push_back(shows_debug_evidence(it));
  // pass, fail, skipped, hidden pass, manual
  EXPECT_EQ(shows, (std::vector<bool>{false, true, true, false, false}));
  EXPECT_TRUE(debug_evidence_shown(s, with_evidence()));
  EXPECT_FALSE(debug_evidence_shown(s, observations()));  // not collected
  EXPECT_FALSE(debug_evidence_shown(only_hidden_failures(), with_evidence()));
}

TEST(DebugText, HeadlineTroubleAndTellingLog) {
  const DebugEvidence d = crash_evidence();
  EXPECT_EQ(pod_headline(d.pods[1]), "web-0 Running, not Ready; app: waiting: CrashLoopBackOff (3 restarts)");
  EXPECT_EQ(pod_headline(d.pods[0]), "web-1 Running, Ready; app: running");
  EXPECT_TRUE(pod_in_trouble(d.pods[1]));
  EXPECT_FALSE(pod_in_trouble(d.pods[0]));
  EXPECT_EQ(&telling_log(d.pods[1].containers[0]), &d.pods[1].containers[0].previous_log);
  EXPECT_EQ(last_lines("a\nb\nc\n", 2), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(last_lines("a\nb", 5), (std::vector<std::string>{"a", "b"}));
}

TEST(DebugText, ReportJsonCarriesItForShownItems) {
  const Json j = report_json(run(), score(), with_evidence());
  const Json& d = j["debug_evidence"];
  ASSERT_TRUE(d.is_object()) << j.dump(1);
  EXPECT_EQ(d["t"], 61.5);
  ASSERT_EQ(d["pods"].size(), 2u);
  EXPECT_EQ(d["pods"][1]["name"], "web-0");
  EXPECT_EQ(d["pods"][1]["containers"][0]["restarts"], 3);
  EXPECT_TRUE(has(d["pods"][1]["containers"][0]["previous_log"].get<std::string>(), "config missing\n"));
  EXPECT_EQ(d["events"].size(), 2u);
  std::vector<bool> flags;
  for (const Json& c : j["checks"]) flags.push_back(c["debug_evidence"].get<bool>());
  EXPECT_EQ(flags, (std::vector<bool>{false, true, true, false, false}));
  // All passed, or only hidden items failed: nothing, not even for the hidden ones.
  const Json hidden = report_json(run(), only_hidden_failures(), with_evidence());
  EXPECT_TRUE(hidden["debug_evidence"].is_null());
  for (const Json& c : hidden["checks"]) EXPECT_FALSE(c["debug_evidence"].get<bool>());
  EXPECT_FALSE(has(render_json(run(), only_hidden_failures(), with_evidence()), "config missing"));
}

TEST(DebugText, MarkdownCollapsedAndEscaped) {
  const std::string md = render_markdown(run(), score(), with_evidence());
  EXPECT_TRUE(has(md, "\n## Debug evidence\n")) << md;
  EXPECT_TRUE(has(md, "[Debug evidence](#debug-evidence)"));
  // The pod in trouble first, collapsed; its summary is HTML-escaped text.
  const size_t bad = md.find("<details>\n<summary>Pod web-0 Running, not Ready; app: waiting: CrashLoopBackOff (3 restarts)</summary>\n\n");
  const size_t good = md.find("<summary>Pod web-1 Running, Ready; app: running</summary>");
  ASSERT_NE(bad, std::string::npos) << md;
  ASSERT_NE(good, std::string::npos);
  EXPECT_LT(bad, good);
  // The log's own ``` and </details> stay inside a longer fence.
  EXPECT_TRUE(has(md, "Log of the previous instance (`--previous`):\n\n````text\nboot step 1\n"));
  EXPECT_TRUE(has(md, "config missing\n````\n"));
  EXPECT_TRUE(has(md, "<summary>Events of the namespace (2)</summary>"));
  // Between the section heading and the next one, every <details> is closed.
  const size_t start = md.find("\n## Debug evidence\n"), end = md.find("\n## ", start + 5);
  const std::string section = md.substr(start, end - start);
  size_t opened = 0, closed = 0;
  for (size_t at = 0; (at = section.find("\n<details>\n", at)) != std::string::npos; ++at) ++opened;
  for (size_t at = 0; (at = section.find("\n</details>\n", at)) != std::string::npos; ++at) ++closed;
  EXPECT_EQ(opened, 3u);
  EXPECT_EQ(closed, 3u + 1u);  // the log's own "</details>" line is inside its code block
  EXPECT_FALSE(has(render_markdown(run(), only_hidden_failures(), with_evidence()), "## Debug evidence"));
}

TEST(DebugText, MarkdownSummaryCannotEndItsHtmlBlock) {
  Observations o = with_evidence();
  o.debug.pods[1].reason = "Evicted\n\n# <script>";
  const std::string md = render_markdown(run(), score(), o);
  EXPECT_TRUE(has(md, "(Evicted  # &lt;script&gt;)")) << md;
  EXPECT_FALSE(has(md, "\n# <script>"));
}

TEST(DebugText, JunitSystemOutOfFailedTestsEscaped) {
  const std::string xml = render_junit(run(), score(), with_evidence());
  const size_t identity = xml.find("name=\"identity-persistence\"");
  ASSERT_NE(identity, std::string::npos);
  const size_t end = xml.find("</testcase>", identity);
  const std::string tc = xml.substr(identity, end - identity);
  EXPECT_TRUE(has(tc, "<system-out>Pods at the end of the scenario:\n")) << tc;
  EXPECT_TRUE(has(tc, "      config missing\n"));
  EXPECT_TRUE(has(tc, "&lt;/system-out&gt;&lt;b&gt;x&lt;/b&gt; &amp; \xEF\xBF\xBD[31m"));  // ESC is not XML 1.0
  EXPECT_FALSE(has(tc, "boot step 10\n"));  // 40 lines of it, the last ones
  EXPECT_TRUE(has(tc, "boot step 50\n"));
  EXPECT_TRUE(has(tc, "Warning BackOff Pod/web-0"));
  // A passing test gets none; hidden failures none at all.
  const size_t naming = xml.find("name=\"pod-naming\"");
  EXPECT_FALSE(has(xml.substr(naming, xml.find("</testcase>", naming) - naming), "Pods at the end"));
  EXPECT_FALSE(has(render_junit(run(), only_hidden_failures(), with_evidence()), "config missing"));
}

TEST(DebugText, TerminalShowsTheLastLinesOfPodsInTrouble) {
  const std::string out = terminal_summary(run(), score(), with_evidence());
  const size_t at = out.find("\n  Debug evidence (full logs and events in STATEFULSET.md):\n");
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_LT(out.find("What to look at:"), at);
  EXPECT_LT(at, out.find("\nnamespace sts-grader-ab12 deleted"));
  EXPECT_TRUE(has(out, "    web-0 Running, not Ready; app: waiting: CrashLoopBackOff (3 restarts)\n"
                       "      app (previous instance) log, last lines:\n"));
  EXPECT_TRUE(has(out, "        config missing\n"));
  EXPECT_TRUE(has(out, "?[31m"));        // no escape sequence reaches the terminal
  EXPECT_FALSE(has(out, "boot step 40\n"));  // last 6 lines only
  EXPECT_FALSE(has(out, "web-1 Running, Ready"));  // healthy pods are in the report
  EXPECT_TRUE(has(out, "    last warnings:\n      21:10:09 Warning BackOff"));
  EXPECT_FALSE(has(out, "Normal Scheduled"));
  EXPECT_EQ(terminal_summary(run(), only_hidden_failures(), with_evidence()),
            terminal_summary(run(), only_hidden_failures()));
}

}  // namespace
}  // namespace sts
