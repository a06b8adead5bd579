// The workload itself: a StatefulSet and not a Deployment for state (Lab 06
// mistake 1), the lab's replicas and namespace, readiness, disruption budget
// (Project 5 mistake 7), pinned images.
#include <regex>

#include "grader/submission/isolation.h"
#include "grader/lint/lint_rules.h"

namespace sts {

namespace {

bool makes_pods_directly(const std::string& kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "Pod";
}

// "docker.io/bitnami/postgresql:16@sha256:…" -> "postgresql"
std::string image_repo_name(const std::string& image) {
  std::string s = image.substr(0, image.find('@'));
  const size_t slash = s.rfind('/');
  const size_t colon = s.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) s = s.substr(0, colon);
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

bool database_image(const std::string& image) {
  static const std::regex kDb(
      "(postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|valkey|cassandra|elasticsearch|opensearch|"
      "kafka|rabbitmq|zookeeper|etcd|cockroach|cockroachdb|couchdb|neo4j|influxdb|clickhouse)(-server)?");
  return std::regex_match(image_repo_name(image), kDb);
}

// Why a Deployment/ReplicaSet/Pod looks like the stateful workload: "" when it does not.
std::string stateful_reason(const LintContext& ctx, const Manifest& m, std::string* pointer) {
  std::string ptr;
  const Json* spec = pod_spec_of(m.object, &ptr);
  if (!spec) return "";
  const Json& vols = node_at(*spec, {"volumes"});
  if (vols.is_array())
    for (size_t i = 0; i < vols.size(); ++i)
      if (vols[i].contains("persistentVolumeClaim")) {
        *pointer = ptr + "/volumes/" + std::to_string(i) + "/persistentVolumeClaim";
        return "mounts PersistentVolumeClaim " + str_at(vols[i], {"persistentVolumeClaim", "claimName"}) +
               ": every replica shares that one volume, and a new pod gets a random name";
      }
  std::string reason;
  for_each_container(m, [&](const Json& c, const std::string& cptr) {
    if (reason.empty() && database_image(str_at(c, {"image"}))) {
      *pointer = cptr + "/image";
      reason = "runs the database image " + str_at(c, {"image"}) +
               ": its pods get random names and no storage of their own, so the data is lost with the pod";
    }
  });
  if (!reason.empty()) return reason;
  const auto& names = ctx.config().statefulset_names;
  if (std::find(names.begin(), names.end(), m.name()) != names.end() && !ctx.find("StatefulSet", m.name())) {
    *pointer = "/metadata/name";
    return "is the lab's StatefulSet " + m.name() + ", declared as a " + m.kind();
  }
  return "";
}

void lint_kind(LintContext& ctx) {
  for (const Manifest& m : ctx.manifests()) {
    if (!makes_pods_directly(m.kind())) continue;
    std::string ptr;
    const std::string why = stateful_reason(ctx, m, &ptr);
    if (!why.empty())
      ctx.report("deployment-for-state", m, ptr, m.kind() + " " + m.name() + " " + why,
                 "make it a StatefulSet with volumeClaimTemplates and a headless Service; Deployments are "
                 "for stateless parts such as the API (Lab 06 common mistake 1)");
  }
  if (!ctx.of_kind("StatefulSet").empty() || ctx.reported("deployment-for-state") || ctx.manifests().empty()) return;
  const Manifest* first = &ctx.manifests().front();
  for (const Manifest& m : ctx.manifests())
    if (makes_pods_directly(m.kind())) {
      first = &m;
      break;
    }
  ctx.report("no-statefulset", *first, "/kind",
             makes_pods_directly(first->kind())
                 ? "the submission has no StatefulSet; " + first->kind() + " " + first->name() +
                       " runs the workload without stable names or per-pod storage"
                 : "the submission has no StatefulSet");
}

void lint_replicas(LintContext& ctx) {
  const int want = ctx.config().min_replicas;
  if (want <= 0) return;
  for (const Manifest* s : ctx.of_kind("StatefulSet")) {
    const Json& r = node_at(s->object, {"spec", "replicas"});
    const int have = r.is_number_integer() ? r.get<int>() : 1;
    if (have >= want) continue;
    const std::string count = r.is_null() ? "1 replica (the default)"
                                          : std::to_string(have) + (have == 1 ? " replica" : " replicas");
    ctx.report("replicas", *s, r.is_null() ? "/spec" : "/spec/replicas",
               "StatefulSet " + s->name() + " has " + count + "; the lab asks for at least " + std::to_string(want),
               "set spec.replicas: " + std::to_string(want));
  }
}

void lint_namespace(LintContext& ctx) {
  const std::string& want = ctx.config().namespace_;
  if (want.empty()) return;
  for (const Manifest& m : ctx.manifests()) {
    const bool is_ns = m.kind() == "Namespace";
    const std::string ns = is_ns ? m.name() : m.namespace_();
    if (ns.empty() || ns == want || ns.rfind("kube-", 0) == 0) continue;  // kube-*: a policy error
    ctx.report("namespace", m, is_ns ? "/metadata/name" : "/metadata/namespace",
               m.kind() + " " + m.name() + (is_ns ? " creates namespace " : " is in namespace ") + ns +
                   "; the lab uses " + want + " (the grader runs everything in its own namespace either way)",
               "use namespace " + want + ", or leave metadata.namespace out");
  }
}

void lint_readiness_and_pdb(LintContext& ctx) {
  for (const Manifest* s : ctx.of_kind("StatefulSet")) {
    const Json& cs = node_at(s->object, {"spec", "template", "spec", "containers"});
    if (cs.is_array())
      for (size_t i = 0; i < cs.size(); ++i)
        if (!cs[i].contains("readinessProbe"))
          ctx.report("readiness-probe", *s, "/spec/template/spec/containers/" + std::to_string(i) + "/name",
                     "container " + str_at(cs[i], {"name"}) + " of StatefulSet " + s->name() +
                         " has no readinessProbe: Ready means only 'started', so ordered startup proves less");
    bool covered = false;
    for (const Manifest* pdb : ctx.of_kind("PodDisruptionBudget"))
      covered = covered || label_selector_matches(node_at(pdb->object, {"spec", "selector"}), pod_labels(s->object));
    if (!covered)
      ctx.report("no-pdb", *s, "/metadata/name",
                 "no PodDisruptionBudget selects StatefulSet " + s->name() +
                     "'s pods: a node drain may evict several of them at once");
  }
}

void lint_images(LintContext& ctx) {
  for (const Manifest& m : ctx.manifests())
    for_each_container(m, [&](const Json& c, const std::string& ptr) {
      const std::string image = str_at(c, {"image"});
      if (image.empty() || image.find('@') != std::string::npos) return;
      const size_t slash = image.rfind('/'), colon = image.rfind(':');
      const bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
      if (tagged && image.substr(colon + 1) != "latest") return;
      ctx.report("latest-image", m, ptr + "/image",
                 "image " + quoted(image) + (tagged ? " uses the :latest tag" : " has no tag (so :latest)") +
                     ": every pull may bring different code, and it is pulled at every start",
                 "pin a version, e.g. " + image.substr(0, tagged ? colon : image.size()) + ":<version>");
    });
}

}  // namespace

void lint_workloads(LintContext& ctx) {
  lint_kind(ctx);
  lint_replicas(ctx);
  lint_namespace(ctx);
  lint_readiness_and_pdb(ctx);
  lint_images(ctx);
}

}  // namespace sts
