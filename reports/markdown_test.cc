#include "reports/markdown.h"

#include <gtest/gtest.h>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

using namespace testing_sample;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderMarkdown, TitleVerdictAndScoreTable) {
  const std::string md = render_markdown(run(), score(), observations());
  EXPECT_EQ(md.rfind("# StatefulSet report: Lab 04 section 3\n\n", 0), 0u) << md.substr(0, 200);
  EXPECT_TRUE(has(md, "\n**2.5/4 — 1 check failed, 1 skipped; 2 more points judged by the instructor**\n"));
  EXPECT_TRUE(has(md, "| Check | Status | Points | Summary |\n|---|---|---|---|\n"));
  EXPECT_TRUE(has(md, "| Test 1: Pod naming | ✅ pass | 1/1 | pods web-0, web-1, web-2 |\n"));
  EXPECT_TRUE(has(md, "| Test 6: Identity persistence | ❌ fail | 0.5/1 | 1 of 2 assertions passed |\n"));
  EXPECT_TRUE(has(md, "| Test 10: PVC reuse | ⏭️ skipped | 0/1 | not judged: requires pvc-retention, which failed |\n"));
  EXPECT_TRUE(has(md, "| Design questions | 📝 manual | –/2 | judged by the instructor |\n"));
}

TEST(RenderMarkdown, Lab15SectionsInOrder) {
  const std::string md = render_markdown(run(), score(), observations());
  size_t at = 0;
  for (const char* h : {"## StatefulSet Overview", "## Resource Verification", "## Network Identity",
                        "## Per-Pod Storage Evidence", "## Persistence Test", "## Checks", "## Pod lifecycle",
                        "## Run"}) {
    const size_t found = md.find(std::string("\n") + h + "\n", at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << h;
    at = found + 1;
  }
}

TEST(RenderMarkdown, OverviewComesFromTheManifest) {
  const std::string md = render_markdown(run(), score(), observations());
  EXPECT_TRUE(has(md, "| Replicas | 3 |"));
  EXPECT_TRUE(has(md, "| serviceName | nginx |"));
  EXPECT_TRUE(has(md, "| podManagementPolicy | OrderedReady (default) |"));
  EXPECT_TRUE(has(md, "| updateStrategy | RollingUpdate (default) |"));
  EXPECT_TRUE(has(md, "| PVC retention policy | whenDeleted Retain (default), whenScaled Retain (default) |"));
  EXPECT_TRUE(has(md, "| Image | nginx: nginx:1.27 |"));
  EXPECT_TRUE(has(md, "- www: 50Mi, ReadWriteOnce, storage class cluster default (default); mounted at nginx:/usr/share/nginx/html\n"));
  EXPECT_TRUE(has(md, "not a Deployment"));
}

TEST(RenderMarkdown, EvidenceSections) {
  const std::string md = render_markdown(run(), score(), observations());
  // Resource verification: the captured kubectl text, and a note for the missing snapshot.
  EXPECT_TRUE(has(md, "### initial\n\nAt 14.0 s:\n\n```text\nNAME    READY   STATUS\npod/web-0   1/1   Running\n```\n"));
  EXPECT_TRUE(has(md, "### final\n\n_Not captured._\n"));
  // Network identity: the pod's IP while the lookup ran (its first life).
  EXPECT_TRUE(has(md, "| initial | web-1.nginx.sts-grader-ab12.svc.cluster.local | 10.1.0.11 | web-1 | 10.1.0.11 | ✅ |"));
  // Per-pod storage: only the initial reads; content with ``` gets a longer fence.
  EXPECT_TRUE(has(md, "### web-0\n\n- claim: www-web-0\n"));
  EXPECT_TRUE(has(md, "````\nI am web-0\n```\nnot a fence end\n```\n````\n"));
  // Persistence test: the deleted pod across phases, and the check's evidence.
  EXPECT_TRUE(has(md, "| initial | uid-web-1-bbbbbbbb | www-web-1 | tok-1 | – |"));
  EXPECT_TRUE(has(md, "| after-delete | uid-web-1-dddddddd | www-web-1 | tok-1 | **no** |"));
  EXPECT_TRUE(has(md, "Verdict: ❌ fail — 1 of 2 assertions passed"));
}

TEST(RenderMarkdown, ChecksShowAssertionsEvidenceExplanationAndHint) {
  const std::string md = render_markdown(run(), score(), observations());
  EXPECT_TRUE(has(md, "### Test 6: Identity persistence — ❌ fail (0.5/1)\n\n`identity-persistence`: 1 of 2 assertions passed\n"));
  EXPECT_TRUE(has(md, "- [x] the replacement mounts the same claim — www-web-1\n"));
  // Student-controlled detail: the pipe and HTML are escaped.
  EXPECT_TRUE(has(md, "- [ ] the volume holds the original content — index.html changed \\| was \\<b\\>web-1\\</b\\>\n"));
  EXPECT_TRUE(has(md, "**content before/after** (at 40.0 s)\n\n````text\nbefore: ```web-1```\nafter: fresh\n````\n"));
  EXPECT_TRUE(has(md, "**Why:** the app rewrites index.html at start\n"));
  EXPECT_TRUE(has(md, "**Hint:** write the identity file only if it does not exist yet\n"));
  // Hidden items show their status, never their details.
  EXPECT_TRUE(has(md, "### Test 5: DNS resolution — ✅ pass (1/1)"));
  EXPECT_TRUE(has(md, "_The details of this check are hidden._"));
  EXPECT_FALSE(has(md, "HIDDEN-HINT"));
  EXPECT_TRUE(has(md, "### Design questions — 📝 manual (–/2)\n\n_Judged by the instructor._\n"));
}

TEST(RenderMarkdown, CleanupInProgressAndNotWaitedFor) {
  RunInfo r = run();
  r.cleaned_up = false;
  r.cleanup_pending = true;  // written at the verdict, or --no-wait-cleanup
  EXPECT_TRUE(has(render_markdown(r, score(), observations()),
                  "- Cleanup: namespace and volumes being deleted (not waited for)\n"));
  r.cleanup_pending = false;
  EXPECT_TRUE(has(render_markdown(r, score(), observations()), "- Cleanup: **not confirmed**"));
}

TEST(RenderMarkdown, LifecycleChartAndRun) {
  const std::string md = render_markdown(run(), score(), observations());
  EXPECT_TRUE(has(md, "```mermaid\ngantt\n"));
  EXPECT_TRUE(has(md, ":active, life2, 30500, 35000\n"));  // end of run = last event
  EXPECT_TRUE(has(md, "- 29.0 s delete-pod: delete pod web-1\n"));
  EXPECT_TRUE(has(md, "- Namespace: sts-grader-ab12 (the lab's statefulset-lab, rewritten)\n"));
  EXPECT_TRUE(has(md, "  - rewrite: statefulset-lab -\\> sts-grader-ab12\n"));
  EXPECT_TRUE(has(md, "- Wall time: 95.2 s (waiting on the cluster 80.0 s; verdict after 60.5 s; cleanup 2.5 s)\n"));
  EXPECT_TRUE(has(md, "- Grader CPU time: 1.5 s (kubectl processes 0.3 s)\n"));
  EXPECT_TRUE(has(md, "- Cleanup: namespace and volumes removed\n"));
  EXPECT_TRUE(has(md, "  - scale-down: waited for 2 pods of web; last seen: web-2 Terminating\n"));
  EXPECT_TRUE(has(md, "- Cluster: https://10.0.2.15:6443, Kubernetes v1.33.1\n"));
}

TEST(RenderMarkdown, NotGradableSaysSoAndWhy) {
  Score s = score();
  s.gradable = false;
  s.not_gradable_reason = "probe pod image busybox could not be pulled";
  const std::string md = render_markdown(run(), s, observations());
  EXPECT_TRUE(has(md, "\n**NOT GRADABLE: probe pod image busybox could not be pulled**\n"));
  EXPECT_TRUE(has(md, "no points were taken"));
}

TEST(RenderMarkdown, EmptyObservationsStillRender) {
  const std::string md = render_markdown(RunInfo{}, Score{}, Observations{});
  EXPECT_TRUE(has(md, "_No StatefulSet manifest was found in the submission._"));
  EXPECT_TRUE(has(md, "_No DNS lookups were made._"));
  EXPECT_TRUE(has(md, "_No volume was read._"));
  EXPECT_TRUE(has(md, "no pod was observed"));
}

}  // namespace
}  // namespace sts
