// Container image references as the container runtime resolves them: a name
// without a registry host is Docker Hub's, without a tag it is :latest.
#pragma once
#include <string>

namespace sts {

// "busybox" -> "docker.io/library/busybox:latest"; digests and hosts kept.
std::string normalize_image(const std::string& ref);

// The repository part of a normalized reference (no tag, no digest).
std::string image_repository(const std::string& normalized);

// True when the reference names a tag or a digest.
bool image_has_tag_or_digest(const std::string& image);

}  // namespace sts
