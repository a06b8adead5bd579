// Lab 06 1.5 / 2.5 and COMMON MISTAKES 6: the database keeps its data on
// per-pod claims from volumeClaimTemplates (not emptyDir, not one shared
// claim), each ReadWriteOnce (one writer per volume), mounted where the
// database really writes (postgres' PGDATA, redis' /data). Judged on the
// submitted StatefulSet.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

class StorageDesign : public Check {
 public:
  std::string id() const override { return "storage-design"; }
  std::string title() const override { return "Per-pod ReadWriteOnce storage at the data directory"; }
  std::string criterion() const override {
    return "The StatefulSet declares volumeClaimTemplates with accessModes [ReadWriteOnce] and mounts one at the "
           "database's data directory.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (obs.statefulset.empty()) return skipped(id(), "the submission has no StatefulSet");
    const Json& set = obs.statefulset_manifest;
    std::vector<ClaimTemplate> templates = claim_templates(set);
    std::vector<std::string> lines, mounted, other_volumes, bad_modes;
    for (const ClaimTemplate& t : templates) {
      if (!t.mount_paths.empty()) mounted.push_back(t.name + " at " + join(t.mount_paths));
      lines.push_back("volumeClaimTemplate " + t.name + ": mounted at " +
                      (t.mount_paths.empty() ? std::string("(nowhere)") : join(t.mount_paths)));
    }
    if (const Json& vcts = node_at(set, {"spec", "volumeClaimTemplates"}); vcts.is_array())
      for (const Json& v : vcts) {
        const Json& modes = node_at(v, {"spec", "accessModes"});
        std::vector<std::string> m;
        if (modes.is_array())
          for (const Json& x : modes)
            if (x.is_string()) m.push_back(x.get<std::string>());
        bool ok = !m.empty();
        for (const std::string& x : m) ok = ok && (x == "ReadWriteOnce" || x == "ReadWriteOncePod");
        lines.push_back(str_at(v, {"metadata", "name"}) + " accessModes " + (m.empty() ? "(none)" : join(m)) +
                        ", storage " + str_at(v, {"spec", "resources", "requests", "storage"}));
        if (!ok) bad_modes.push_back(str_at(v, {"metadata", "name"}) + ": " + (m.empty() ? "none" : join(m)));
      }
    if (const Json& vols = node_at(set, {"spec", "template", "spec", "volumes"}); vols.is_array())
      for (const Json& v : vols) {
        if (v.contains("emptyDir")) other_volumes.push_back(str_at(v, {"name"}) + " (emptyDir)");
        else if (std::string c = str_at(v, {"persistentVolumeClaim", "claimName"}); !c.empty())
          other_volumes.push_back(str_at(v, {"name"}) + " (claim " + c + ", shared by every pod)");
      }

    Assertion per_pod{"claim-templates", "data on per-pod claims from volumeClaimTemplates", !mounted.empty(), ""};
    per_pod.detail = !mounted.empty() ? join(mounted)
                     : templates.empty()
                         ? "no volumeClaimTemplates" + (other_volumes.empty() ? std::string() : "; volumes: " + join(other_volumes))
                         : "no container mounts a volumeClaimTemplate";
    Assertion rwo{"read-write-once", "every claim template is ReadWriteOnce", !templates.empty() && bad_modes.empty(),
                  templates.empty() ? "no claim templates"
                  : bad_modes.empty() ? "ReadWriteOnce"
                                      : "not ReadWriteOnce: " + join(bad_modes)};
    const Json* db = database_container(set);
    std::string database = db ? database_of_image(str_at(*db, {"image"})) : "";
    std::optional<std::string> dir = db ? data_dir_of(obs, *db, database) : std::nullopt;
    Assertion at_dir{"data-dir-on-claim", "the database's data directory is on a claim template", false, ""};
    if (!dir) {
      at_dir.passed = !mounted.empty();
      at_dir.detail = "no known database image: any mounted claim template counts";
    } else {
      // The database container's own mounts: an init container's do not count.
      if (const Json& ms = node_at(*db, {"volumeMounts"}); ms.is_array())
        for (const Json& m : ms)
          for (const ClaimTemplate& t : templates)
            if (str_at(m, {"name"}) == t.name && path_within(*dir, str_at(m, {"mountPath"}))) {
              at_dir.passed = true;
              at_dir.detail = database + " writes to " + *dir + ", inside " + t.name + " at " + str_at(m, {"mountPath"});
            }
      if (!at_dir.passed)
        at_dir.detail = database + " writes to " + *dir + (mounted.empty() ? ", on no claim" : ", outside " + join(mounted));
    }
    CheckResult r = result_from(id(), {per_pod, rwo, at_dir}, {{"storage of " + obs.statefulset, join(lines, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = "per-pod ReadWriteOnce claims at " + (dir ? *dir : join(mounted));
      return r;
    }
    r.summary = !per_pod.passed ? "no per-pod claims from volumeClaimTemplates"
                : !rwo.passed   ? "claim templates are not ReadWriteOnce"
                                : "the data directory is not on the claim";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = !per_pod.passed ? "Use volumeClaimTemplates, not emptyDir or one shared claim, so each pod gets its own PVC "
                               "(Lab 06 1.5)."
             : !rwo.passed   ? "Use accessModes: [ReadWriteOnce]: one database pod writes to each volume (Lab 06 "
                               "COMMON MISTAKES 6)."
                             : "Mount the claim template at the directory the database writes to" +
                                   (dir ? " (" + *dir + ")" : std::string()) + ".";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(StorageDesign);
}  // namespace sts
