#include "grader/scenario/volume_reader.h"

#include <cctype>

namespace sts {

std::string reader_pod_name(const std::string& phase, int n) {
  std::string p;
  for (char c : phase) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p += std::isalnum(static_cast<unsigned char>(l)) ? l : '-';
  }
  std::string suffix = "-" + std::to_string(n);
  std::string name = "sts-grader-reader-" + p;
  if (name.size() + suffix.size() > 63) name.resize(63 - suffix.size());
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name + suffix;
}

std::string reader_path(const std::string& claim) { return std::string(kReaderRoot) + "/" + claim; }

Json reader_pod_object(const std::string& ns, const std::string& name, const std::string& image,
                       const std::string& node, const std::vector<ReaderMount>& mounts) {
  Json volumes = Json::array(), vmounts = Json::array();
  for (size_t i = 0; i < mounts.size(); ++i) {
    std::string vol = "claim-" + std::to_string(i);
    volumes.push_back({{"name", vol}, {"persistentVolumeClaim", {{"claimName", mounts[i].claim}}}});
    Json m = {{"name", vol}, {"mountPath", reader_path(mounts[i].claim)}};
    if (!mounts[i].sub_path.empty()) m["subPath"] = mounts[i].sub_path;
    vmounts.push_back(m);
  }
  Json spec = {{"terminationGracePeriodSeconds", 0},
               {"restartPolicy", "Never"},
               {"automountServiceAccountToken", false},
               {"volumes", volumes},
               {"containers",
                Json::array({{{"name", kReaderContainer},
                              {"image", image},
                              {"imagePullPolicy", "IfNotPresent"},
                              {"command", Json::array({"sleep", "3600"})},
                              {"volumeMounts", vmounts}}})}};
  if (!node.empty()) spec["nodeName"] = node;
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name},
            {"namespace", ns},
            {"labels", {{"app.kubernetes.io/managed-by", "sts-grader"}, {"sts-grader/role", "volume-reader"}}}}},
          {"spec", spec}};
}

}  // namespace sts
