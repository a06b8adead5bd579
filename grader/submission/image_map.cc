#include "grader/submission/image_map.h"

#include <stdexcept>

#include "grader/base/image_ref.h"

namespace sts {

namespace {

// Each container list of a pod spec in an object, with its JSON pointer.
std::vector<std::pair<Json*, std::string>> container_lists(Json& object) {
  std::vector<std::pair<Json*, std::string>> out;
  const std::string kind = str_at(object, {"kind"});
  std::string spec_ptr;
  Json* spec = nullptr;
  if (kind == "Pod") {
    spec = &object["spec"];
    spec_ptr = "/spec";
  } else if (kind == "CronJob") {
    spec = &object["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    spec_ptr = "/spec/jobTemplate/spec/template/spec";
  } else if (object.contains("spec") && object["spec"].is_object() && object["spec"].contains("template")) {
    spec = &object["spec"]["template"]["spec"];
    spec_ptr = "/spec/template/spec";
  }
  if (!spec || !spec->is_object()) return out;
  for (const char* list : {"initContainers", "containers"})
    if (spec->contains(list) && (*spec)[list].is_array()) out.push_back({&(*spec)[list], spec_ptr + "/" + list});
  return out;
}

}  // namespace

ImageMapping parse_image_mapping(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw std::invalid_argument("image map \"" + spec + "\" is not FROM=TO");
  ImageMapping m;
  const std::string from = spec.substr(0, eq);
  m.to = spec.substr(eq + 1);
  m.any_tag = !image_has_tag_or_digest(from);
  m.from = m.any_tag ? image_repository(normalize_image(from)) : normalize_image(from);
  return m;
}

std::vector<std::string> apply_image_map(std::vector<Manifest>& manifests, const std::vector<ImageMapping>& maps) {
  std::vector<std::string> notes;
  if (maps.empty()) return notes;
  for (Manifest& m : manifests)
    for (auto& [list, ptr] : container_lists(m.object))
      for (size_t i = 0; i < list->size(); ++i) {
        Json& c = (*list)[i];
        if (!c.is_object() || !c.contains("image") || !c["image"].is_string()) continue;
        const std::string image = c["image"].get<std::string>();
        const std::string n = normalize_image(image);
        const ImageMapping* hit = nullptr;
        for (const ImageMapping& map : maps)
          if (map.any_tag ? image_repository(n) == map.from : n == map.from) hit = &map;  // the later wins
        if (!hit) continue;
        c["image"] = hit->to;
        const std::string at = m.where(ptr + "/" + std::to_string(i) + "/image").str();
        notes.push_back(at + ": " + m.kind() + "/" + m.name() + " container " + str_at(c, {"name"}) + ": " + n +
                        " runs as " + hit->to + " (--image-map)");
        if (str_at(c, {"imagePullPolicy"}) == "Never") {
          c["imagePullPolicy"] = "IfNotPresent";
          notes.push_back(at + ": imagePullPolicy Never becomes IfNotPresent for the mapped image " + hit->to);
        }
      }
  return notes;
}

}  // namespace sts
