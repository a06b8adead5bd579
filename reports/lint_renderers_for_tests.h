// Tests only: a lint run with one finding of each severity, a rendered
// position and text that needs escaping in every format.
#pragma once
#include "grader/model/lint_diagnostic.h"

namespace sts::testing_sample {

inline LintRun lint_run() {
  LintRun r;
  r.submission = "subs/alice";
  r.source = "helm";
  r.rubric_id = "lab15";
  r.objects = 4;
  Diagnostic e{{"subs/alice/web.yaml", 27, 3}, "error", "service-name",
               "serviceName \"web-svc\" names no Service in the submission (Services: web, api)",
               "spec.serviceName must exactly match the headless Service's metadata.name"};
  Diagnostic w{{"subs/alice/k8s/templates/sts.yaml", 12, 9}, "warning", "hardcoded-ip",
               "env DB_HOST hard-codes 10.244.0.5: 100% wrong\r\nafter a restart", "use postgres-0.postgres-headless"};
  w.pos.rendered = true;
  Diagnostic i{{"subs/alice/my dir/web,1.yaml", 0, 0}, "info", "update-strategy", "OnDelete: pods update when deleted", ""};
  r.diagnostics = {e, w, i};
  return r;
}

}  // namespace sts::testing_sample
