// --image-map FROM=TO (issue 16, docs/submission-discovery.md §15): an
// instructor grades a chart whose image only the student's registry holds,
// or a local image with imagePullPolicy Never, with an image the cluster has.
#pragma once
#include <string>
#include <vector>

#include "grader/submission/manifest.h"

namespace sts {

struct ImageMapping {
  std::string from;                  // normalized; without a tag it matches every tag
  std::string to;                    // as given
  bool any_tag = false;
};

// Parses "FROM=TO"; throws std::invalid_argument with why not.
ImageMapping parse_image_mapping(const std::string& spec);

// Substitutes every container image (init containers too) that a mapping
// matches, the later mapping winning; a mapped container with
// imagePullPolicy Never gets IfNotPresent (the instructor's image is meant to
// be pulled). Returns one note per substitution, at the image's line.
std::vector<std::string> apply_image_map(std::vector<Manifest>& manifests, const std::vector<ImageMapping>& maps);

}  // namespace sts
