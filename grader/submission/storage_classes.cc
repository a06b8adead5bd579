#include "grader/submission/storage_classes.h"

#include <set>

namespace sts {
namespace {

// Before storageClassName existed, claims named their class in this annotation;
// old tutorials still do, and the API server still honours it.
constexpr const char* kBetaAnnotation = "volume.beta.kubernetes.io/storage-class";

struct Classes {
  std::set<std::string> names;
  std::string default_name;          // "" when the cluster has none
};

Classes cluster_classes(const Json& list) {
  Classes c;
  for (const Json& sc : list.value("items", Json::array())) {
    const std::string name = str_at(sc, {"metadata", "name"});
    c.names.insert(name);
    if (str_at(sc, {"metadata", "annotations", "storageclass.kubernetes.io/is-default-class"}) == "true")
      c.default_name = name;
  }
  return c;
}

// The class a claim asks for: spec.storageClassName, else the beta
// annotation; `named` false when it asks for none (the cluster's default).
std::string asked_class(const Json& claim, bool* named) {
  const Json& spec = node_at(claim, {"spec", "storageClassName"});
  if (spec.is_string()) return *named = true, spec.get<std::string>();
  const Json& beta = node_at(claim, {"metadata", "annotations", kBetaAnnotation});
  if (beta.is_string()) return *named = true, beta.get<std::string>();
  return *named = false, "";
}

void set_class(Json& claim, const std::string& name) {
  if (claim.contains("metadata") && claim["metadata"].contains("annotations") &&
      claim["metadata"]["annotations"].is_object())
    claim["metadata"]["annotations"].erase(kBetaAnnotation);
  claim["spec"]["storageClassName"] = name;
}

}  // namespace

StorageClassPlacement place_storage_classes(std::vector<Manifest>& objects,
                                            const Json& storage_class_list,
                                            const std::string& wanted) {
  StorageClassPlacement out;
  const Classes have = cluster_classes(storage_class_list);
  if (!wanted.empty() && !have.names.count(wanted)) {
    out.problem = "--storage-class " + wanted + ": the cluster has no StorageClass of that name";
    return out;
  }
  auto place = [&](Json& claim, const std::string& what) {
    if (!claim.is_object()) return;
    bool named = false;
    const std::string asked = asked_class(claim, &named);
    std::string to;
    std::string why;
    if (!wanted.empty()) {
      if (named && asked == wanted) return;
      to = wanted;
      why = "--storage-class";
    } else if (named && !asked.empty() && !have.names.count(asked)) {
      if (have.default_name.empty()) {
        out.problem = what + " names StorageClass " + asked +
                      ", which this cluster does not have, and the cluster has no default class "
                      "to grade it on";
        return;
      }
      to = have.default_name;
      why = "this cluster has no class " + asked + "; its default";
    } else {
      return;
    }
    set_class(claim, to);
    out.notes.push_back(what + ": storageClassName " + (named ? asked : std::string("(none)")) +
                        " -> " + to + " (" + why + ")");
  };
  for (Manifest& m : objects) {
    if (m.kind() == "PersistentVolumeClaim") {
      place(m.object, "PersistentVolumeClaim " + m.name());
    } else if (m.kind() == "StatefulSet" &&
               node_at(m.object, {"spec", "volumeClaimTemplates"}).is_array()) {
      for (Json& t : m.object["spec"]["volumeClaimTemplates"])
        place(t, "StatefulSet " + m.name() + " volumeClaimTemplate " + str_at(t, {"metadata", "name"}));
    }
  }
  return out;
}

}  // namespace sts
