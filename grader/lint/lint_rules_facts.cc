// Settings that are not mistakes in themselves but change what the live run
// will show: reported as facts, so a failed check later has its explanation.
#include "grader/submission/isolation.h"
#include "grader/lint/lint_rules.h"

namespace sts {

void lint_facts(LintContext& ctx) {
  for (const Manifest* svc : ctx.of_kind("Service")) {
    Json copy = svc->object;
    if (const std::string note = make_cluster_ip(copy); !note.empty())
      ctx.report("service-type", *svc, "/spec/type", note);
  }
  for (const Manifest& m : ctx.manifests())
    for (const DuplicateKey& d : m.duplicates)
      ctx.report_at("duplicate-key", d.pos,
                    m.kind() + "/" + m.name() + ": " + d.pointer + " set twice (" +
                        (d.first == d.last ? "the same value " + d.first + " twice"
                                           : d.first + ", then " + d.last + "; helm install keeps the last, " + d.last) +
                        ")");
  for (const Manifest* s : ctx.of_kind("StatefulSet")) {
    const Json& spec = node_at(s->object, {"spec"});
    if (str_at(spec, {"podManagementPolicy"}) == "Parallel")
      ctx.report("parallel-policy", *s, "/spec/podManagementPolicy",
                 "StatefulSet " + s->name() + " sets podManagementPolicy: Parallel: pods are created and deleted "
                 "all at once, so the ordered creation and scaling checks will fail",
                 "remove it if the lab's ordered startup is wanted (Lab 04 common mistake 6)");
    if (str_at(spec, {"persistentVolumeClaimRetentionPolicy", "whenScaled"}) == "Delete")
      ctx.report("retention-delete", *s, "/spec/persistentVolumeClaimRetentionPolicy/whenScaled",
                 "StatefulSet " + s->name() + " deletes the PVCs of removed pods on scale-down (whenScaled: "
                 "Delete): the PVC retention and reuse checks will fail",
                 "remove the policy or set whenScaled: Retain (Lab 04 common mistake 4 explains why Retain is the default)");
    if (str_at(spec, {"persistentVolumeClaimRetentionPolicy", "whenDeleted"}) == "Delete")
      ctx.report("retention-delete", *s, "/spec/persistentVolumeClaimRetentionPolicy/whenDeleted",
                 "StatefulSet " + s->name() + " deletes its PVCs when it is deleted (whenDeleted: Delete): the data "
                 "does not outlive the StatefulSet",
                 "remove the policy or set whenDeleted: Retain if the data must survive a redeploy");
    const std::string type = str_at(spec, {"updateStrategy", "type"});
    const Json& partition = node_at(spec, {"updateStrategy", "rollingUpdate", "partition"});
    if (type == "OnDelete")
      ctx.report("update-strategy", *s, "/spec/updateStrategy/type",
                 "StatefulSet " + s->name() + " uses updateStrategy OnDelete: a changed template reaches a pod only "
                 "when that pod is deleted, which explains pods still running the old version after an update");
    else if (partition.is_number() && partition.get<double>() > 0)
      ctx.report("update-strategy", *s, "/spec/updateStrategy/rollingUpdate/partition",
                 "StatefulSet " + s->name() + " uses a RollingUpdate with partition " + partition.dump() +
                     ": only pods with ordinal >= " + partition.dump() +
                     " are updated, which explains lower ordinals keeping the old version");
  }
}

}  // namespace sts
