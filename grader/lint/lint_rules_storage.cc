// Per-pod storage: volumeClaimTemplates rather than shared volumes, mounts that
// name a template, and what each claim asks for (Lab 04 common mistakes 7-8,
// Lab 06 mistake 6, the lab's minimum size).
#include <algorithm>

#include "grader/base/quantity.h"
#include "grader/lint/lint_rules.h"
#include "grader/base/text.h"

namespace sts {

namespace {

// A claim spec (a volumeClaimTemplate's or a PersistentVolumeClaim's) at `ptr`.
void lint_claim(LintContext& ctx, const Manifest& m, const std::string& ptr, const Json& claim,
                const std::string& what) {
  const Json& spec = node_at(claim, {"spec"});
  const Json& modes = node_at(spec, {"accessModes"});
  if (modes.is_array() && std::find(modes.begin(), modes.end(), "ReadWriteMany") != modes.end())
    ctx.report("access-mode", m, ptr + "/spec/accessModes",
               what + " asks for ReadWriteMany: each pod writes only its own volume",
               "use accessModes: [ReadWriteOnce] for per-pod storage (Lab 04 common mistake 8)");
  const Json& storage = node_at(spec, {"resources", "requests", "storage"});
  const std::string text = storage.is_string() ? storage.get<std::string>() : storage.is_number() ? storage.dump() : "";
  const LintConfig& cfg = ctx.config();
  const std::string minimum = cfg.min_storage.empty() ? "" : " (the lab asks for at least " + cfg.min_storage + ")";
  if (text.empty()) {
    ctx.report("min-storage", m, ptr + "/spec", what + " requests no storage (resources.requests.storage)" + minimum,
               "add resources: {requests: {storage: " + (cfg.min_storage.empty() ? "1Gi" : cfg.min_storage) + "}}");
  } else if (auto bytes = parse_quantity(text); !bytes) {
    ctx.report("min-storage", m, ptr + "/spec/resources/requests/storage",
               what + " requests storage " + quoted(text) + ", which is not a Kubernetes quantity",
               "write a quantity such as 100Mi or 1Gi");
  } else if (!cfg.min_storage.empty() && *bytes < cfg.min_storage_bytes) {
    ctx.report("min-storage", m, ptr + "/spec/resources/requests/storage",
               what + " requests " + text + ", less than the lab's minimum of " + cfg.min_storage,
               "request at least " + cfg.min_storage + " per pod");
  }
  const Json& cls = node_at(spec, {"storageClassName"});
  if (cls.is_null())
    ctx.report("storage-class", m, ptr + "/spec",
               what + " names no storageClassName: it relies on the cluster's default StorageClass");
  else if (cls.is_string() && cls.get<std::string>().empty())
    ctx.report("storage-class", m, ptr + "/spec/storageClassName",
               what + " has storageClassName \"\": dynamic provisioning is off, so it binds only to a "
               "PersistentVolume made by hand",
               "name a StorageClass, or leave the field out to use the cluster's default");
}

void lint_statefulset(LintContext& ctx, const Manifest& s) {
  const std::string base = "/spec/template/spec";
  const Json& templates = node_at(s.object, {"spec", "volumeClaimTemplates"});
  std::vector<std::string> names;
  if (templates.is_array())
    for (size_t i = 0; i < templates.size(); ++i) {
      names.push_back(str_at(templates[i], {"metadata", "name"}));
      lint_claim(ctx, s, "/spec/volumeClaimTemplates/" + std::to_string(i), templates[i],
                 "volumeClaimTemplate " + names.back());
    }
  const Json& vols = node_at(s.object, {"spec", "template", "spec", "volumes"});
  auto volume_index = [&](const std::string& name) -> int {
    if (vols.is_array())
      for (size_t i = 0; i < vols.size(); ++i)
        if (str_at(vols[i], {"name"}) == name) return static_cast<int>(i);
    return -1;
  };
  std::vector<int> shared;  // pod volumes that hold the data instead of templates
  for_each_container(s, [&](const Json& c, const std::string& cptr) {
    const Json& mounts = node_at(c, {"volumeMounts"});
    if (!mounts.is_array()) return;
    for (size_t i = 0; i < mounts.size(); ++i) {
      const std::string name = str_at(mounts[i], {"name"});
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      const int v = volume_index(name);
      if (v < 0) {
        ctx.report("mount-unknown", s, cptr + "/volumeMounts/" + std::to_string(i) + "/name",
                   "volumeMount " + quoted(name) + " of container " + str_at(c, {"name"}) +
                       " names neither a volumeClaimTemplate nor a volume" +
                       (names.empty() ? "" : " (templates: " + join(names) + ")"));
      } else if (names.empty() && (vols[v].contains("emptyDir") || vols[v].contains("persistentVolumeClaim")) &&
                 std::find(shared.begin(), shared.end(), v) == shared.end()) {
        shared.push_back(v);
      }
    }
  });
  for (int v : shared) {
    const bool empty_dir = vols[v].contains("emptyDir");
    const std::string name = str_at(vols[v], {"name"});
    ctx.report("shared-volume", s, base + "/volumes/" + std::to_string(v) + (empty_dir ? "/emptyDir" : "/persistentVolumeClaim"),
               "StatefulSet " + s.name() + " keeps its data in volume " + quoted(name) + ", " +
                   (empty_dir ? "an emptyDir: it is erased whenever the pod is deleted"
                              : "one PVC (" + str_at(vols[v], {"persistentVolumeClaim", "claimName"}) +
                                    ") shared by every pod: no pod has storage of its own"),
               "replace the volume with spec.volumeClaimTemplates: [{metadata: {name: " + name +
                   "}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: ...}}}}] "
                   "(Lab 04 common mistake 7)");
  }
  if (names.empty() && shared.empty())
    ctx.report("no-claim-templates", s, "/spec",
               "StatefulSet " + s.name() + " has no volumeClaimTemplates: its pods get no storage of their own",
               "add spec.volumeClaimTemplates and mount them by name (Lab 04 common mistake 7)");
}

}  // namespace

void lint_storage(LintContext& ctx) {
  for (const Manifest* s : ctx.of_kind("StatefulSet")) lint_statefulset(ctx, *s);
  for (const Manifest* pvc : ctx.of_kind("PersistentVolumeClaim"))
    lint_claim(ctx, *pvc, "", pvc->object, "PersistentVolumeClaim " + pvc->name());
}

}  // namespace sts
