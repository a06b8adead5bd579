// Every document of a YAML stream, with the guard yaml-cpp 0.7 needs: its
// LoadAll loops forever on a document that starts with a token it cannot use
// ("---\n,a": jbeder/yaml-cpp#1040). Throws YAML::Exception on invalid YAML.
#pragma once
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sts {

std::vector<YAML::Node> load_yaml_documents(const std::string& text);

}  // namespace sts
