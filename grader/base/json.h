// The JSON type used for every Kubernetes object the grader sees.
#pragma once
#include <nlohmann/json.hpp>

namespace sts {
using Json = nlohmann::json;

// Reads obj[a][b]... as a string, "" when any step is missing or not a string.
// Kubernetes objects are sparse; checks should not throw on an absent field.
std::string str_at(const Json& obj, std::initializer_list<const char*> path);
// Same for an object/array node; returns a null Json when absent.
const Json& node_at(const Json& obj, std::initializer_list<const char*> path);
}  // namespace sts
