// The lint rules, one theme per file (grader/lint_rules_<theme>.cc); lint()
// runs them all. Each rule id is in grader/lint/lint_catalog.cc.
#pragma once
#include "grader/lint/lint_context.h"

namespace sts {

void lint_policy(LintContext& ctx);      // policy: what the grader refuses to apply
void lint_services(LintContext& ctx);    // service-name, not-headless, service-selector, selector-labels
void lint_storage(LintContext& ctx);     // no-claim-templates, shared-volume, mount-unknown, access-mode,
                                         // min-storage, storage-class
void lint_workloads(LintContext& ctx);   // no-statefulset, deployment-for-state, replicas, namespace,
                                         // readiness-probe, no-pdb, latest-image
void lint_app_code(LintContext& ctx);    // hardcoded-ip, inline-code
void lint_facts(LintContext& ctx);       // parallel-policy, retention-delete, update-strategy

}  // namespace sts
