#include "grader/lint.h"

#include <algorithm>

#include "grader/isolation.h"

namespace sts {

std::string Diagnostic::str() const {
  std::string s = pos.str() + ": " + severity + ": " + message + " [" + rule + "]";
  if (!fix.empty()) s += "\n  fix: " + fix;
  return s;
}

namespace {

bool selector_matches(const Json& selector, const Json& labels) {
  if (!selector.is_object() || selector.empty()) return false;
  for (const auto& [k, v] : selector.items())
    if (!labels.is_object() || !labels.contains(k) || labels[k] != v) return false;
  return true;
}

const Manifest* find(const std::vector<Manifest>& ms, const std::string& kind,
                     const std::string& name) {
  for (const Manifest& m : ms)
    if (m.kind() == kind && m.name() == name) return &m;
  return nullptr;
}

void lint_statefulset(const Manifest& s, const std::vector<Manifest>& ms,
                      std::vector<Diagnostic>& out) {
  auto add = [&](const std::string& ptr, const char* sev, const char* rule, std::string msg,
                 std::string fix) {
    out.push_back({s.where(ptr), sev, rule, std::move(msg), std::move(fix)});
  };
  const Json& o = s.object;
  const Json& labels = node_at(o, {"spec", "template", "metadata", "labels"});
  if (!selector_matches(node_at(o, {"spec", "selector", "matchLabels"}), labels))
    add("/spec/selector", "error", "selector-labels",
        "StatefulSet " + s.name() + ": spec.selector.matchLabels does not match the pod template's labels",
        "make spec.selector.matchLabels equal to spec.template.metadata.labels (Lab 04 common mistake 2)");
  std::string svc_name = str_at(o, {"spec", "serviceName"});
  const Manifest* svc = svc_name.empty() ? nullptr : find(ms, "Service", svc_name);
  if (svc_name.empty()) {
    add("/spec", "error", "service-name", "StatefulSet " + s.name() + " has no spec.serviceName",
        "set spec.serviceName to the name of your headless Service");
  } else if (!svc) {
    std::string have;
    for (const Manifest& m : ms)
      if (m.kind() == "Service") have += (have.empty() ? "" : ", ") + m.name();
    add("/spec/serviceName", "error", "service-name",
        "serviceName \"" + svc_name + "\" names no Service in the submission" +
            (have.empty() ? "" : " (Services: " + have + ")"),
        "spec.serviceName must exactly match the headless Service's metadata.name (Lab 04 common mistake 3)");
  } else {
    if (str_at(svc->object, {"spec", "clusterIP"}) != "None")
      out.push_back({svc->where("/spec"), "error", "not-headless",
                     "Service " + svc_name + " is not headless (no clusterIP: None): pods get no "
                     "per-pod DNS names",
                     "add `clusterIP: None` to the Service spec (Lab 04 common mistake 1)"});
    if (!selector_matches(node_at(svc->object, {"spec", "selector"}), labels))
      out.push_back({svc->where("/spec/selector"), "error", "service-selector",
                     "Service " + svc_name + "'s selector matches no label of StatefulSet " +
                         s.name() + "'s pods",
                     "make the Service's spec.selector match spec.template.metadata.labels "
                     "(Lab 04 common mistake 2)"});
  }
  const Json& templates = node_at(o, {"spec", "volumeClaimTemplates"});
  std::vector<std::string> template_names;
  if (!templates.is_array() || templates.empty()) {
    add("/spec", "error", "no-claim-templates",
        "StatefulSet " + s.name() + " has no volumeClaimTemplates: pods get no storage of their own",
        "use spec.volumeClaimTemplates (not volumes) so each pod gets its own PVC (Lab 04 common mistake 7)");
  } else {
    for (size_t i = 0; i < templates.size(); ++i) {
      std::string base = "/spec/volumeClaimTemplates/" + std::to_string(i);
      template_names.push_back(str_at(templates[i], {"metadata", "name"}));
      const Json& modes = node_at(templates[i], {"spec", "accessModes"});
      if (modes.is_array() && std::find(modes.begin(), modes.end(), "ReadWriteMany") != modes.end())
        add(base + "/spec/accessModes", "warning", "access-mode",
            "volumeClaimTemplate " + template_names.back() + " asks for ReadWriteMany",
            "use ReadWriteOnce for per-pod storage (Lab 04 common mistake 8)");
      if (str_at(templates[i], {"spec", "storageClassName"}).empty())
        add(base + "/spec", "info", "storage-class",
            "volumeClaimTemplate " + template_names.back() +
                " names no storageClassName: it relies on the cluster's default StorageClass",
            "");
    }
  }
  const Json& vols = node_at(o, {"spec", "template", "spec", "volumes"});
  const Json& cs = node_at(o, {"spec", "template", "spec", "containers"});
  if (cs.is_array())
    for (size_t c = 0; c < cs.size(); ++c) {
      std::string cbase = "/spec/template/spec/containers/" + std::to_string(c);
      const Json& mounts = node_at(cs[c], {"volumeMounts"});
      if (mounts.is_array())
        for (size_t m = 0; m < mounts.size(); ++m) {
          std::string name = str_at(mounts[m], {"name"});
          bool is_template = std::find(template_names.begin(), template_names.end(), name) !=
                             template_names.end();
          bool is_volume = false;
          if (vols.is_array())
            for (const Json& v : vols)
              if (str_at(v, {"name"}) == name) {
                is_volume = true;
                if (v.contains("emptyDir") || v.contains("persistentVolumeClaim"))
                  add(cbase + "/volumeMounts/" + std::to_string(m), "warning", "shared-volume",
                      "volumeMount " + name + " uses a pod volume (" +
                          (v.contains("emptyDir") ? "emptyDir" : "a shared PVC") +
                          "), not a volumeClaimTemplate: the data is not per-pod persistent",
                      "declare it under spec.volumeClaimTemplates (Lab 04 common mistake 7)");
              }
          if (!is_template && !is_volume)
            add(cbase + "/volumeMounts/" + std::to_string(m), "error", "mount-unknown",
                "volumeMount " + name + " names neither a volumeClaimTemplate nor a volume",
                "the volumeMount name must equal a volumeClaimTemplates[].metadata.name");
        }
      std::string image = str_at(cs[c], {"image"});
      if (image.find('@') == std::string::npos &&
          (image.find(':') == std::string::npos || image.size() > 7 &&
                                                       image.compare(image.size() - 7, 7, ":latest") == 0))
        add(cbase + "/image", "warning", "latest-image",
            "image \"" + image + "\" is not pinned (implies :latest, pulled on every start)",
            "pin a version, e.g. busybox:1.36");
      if (!cs[c].contains("readinessProbe"))
        add(cbase, "info", "readiness-probe",
            "container " + str_at(cs[c], {"name"}) +
                " has no readinessProbe: Ready means only 'started', so ordered startup proves less",
            "");
    }
  const Json& replicas = node_at(o, {"spec", "replicas"});
  if (!replicas.is_number() || replicas.get<int>() < 3)
    add(replicas.is_number() ? "/spec/replicas" : "/spec", "warning", "replicas",
        "StatefulSet " + s.name() + " has " +
            (replicas.is_number() ? std::to_string(replicas.get<int>()) : std::string("1 (default)")) +
            " replicas; the lab asks for at least 3",
        "set spec.replicas: 3");
  if (str_at(o, {"spec", "podManagementPolicy"}) == "Parallel")
    add("/spec/podManagementPolicy", "info", "parallel-policy",
        "podManagementPolicy: Parallel: pods start and stop all at once, so ordered creation and "
        "scaling will not be observed",
        "remove it (the default OrderedReady gives the ordering the lab tests)");
  if (str_at(o, {"spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"}) == "Delete")
    add("/spec/persistentVolumeClaimRetentionPolicy/whenScaled", "info", "retention-delete",
        "PVCs are deleted on scale-down (whenScaled: Delete): PVC retention and reuse will fail",
        "remove the policy or set whenScaled: Retain");
  std::string strategy = str_at(o, {"spec", "updateStrategy", "type"});
  if (strategy == "OnDelete" || node_at(o, {"spec", "updateStrategy", "rollingUpdate", "partition"}).is_number())
    add("/spec/updateStrategy", "info", "update-strategy",
        "updateStrategy " + (strategy.empty() ? std::string("RollingUpdate") : strategy) +
            (strategy == "OnDelete" ? ": pods update only when deleted" : " with a partition"),
        "");
}

}  // namespace

std::vector<Diagnostic> lint(const std::vector<Manifest>& ms) {
  std::vector<Diagnostic> out;
  for (const std::string& v : policy_violations(ms)) {
    size_t split = v.find(": ");
    SourcePos p;
    p.file = v.substr(0, split);     // already "file:line:col"
    out.push_back({p, "error", "policy", v.substr(split + 2),
                   "remove it: submissions may only create namespaced workload objects"});
  }
  bool any_sts = false;
  for (const Manifest& m : ms) {
    if (m.kind() == "StatefulSet") {
      any_sts = true;
      lint_statefulset(m, ms, out);
    }
  }
  if (!any_sts) {
    for (const Manifest& m : ms)
      if (m.kind() == "Deployment" || m.kind() == "Pod")
        out.push_back({m.pos, "error", "no-statefulset",
                       m.kind() + " " + m.name() + " runs the workload, but there is no StatefulSet: "
                       "no stable names, no per-pod storage",
                       "use kind: StatefulSet with volumeClaimTemplates and a headless Service"});
    if (out.empty() || out.back().rule != "no-statefulset")
      out.push_back({ms.empty() ? SourcePos{} : ms[0].pos, "error", "no-statefulset",
                     "the submission has no StatefulSet", ""});
  }
  return out;
}

int lint_command(const Options& opts) {
  std::vector<Manifest> ms;
  try {
    ms = read_manifests(opts.submission);
  } catch (const ManifestError& e) {
    fprintf(stdout, "%s: error: %s [parse]\n", "sts-grader", e.what());
    return kExitNotGradable;
  }
  std::vector<Diagnostic> ds = lint(ms);
  int errors = 0;
  for (const Diagnostic& d : ds) {
    fprintf(stdout, "%s\n", d.str().c_str());
    errors += d.severity == "error";
  }
  fprintf(stderr, "%zu objects, %d errors, %zu findings\n", ms.size(), errors, ds.size());
  return errors ? kExitFail : kExitPass;
}

}  // namespace sts
