#include "grader/manifest.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace sts {

std::string SourcePos::str() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  return s;
}

std::string Manifest::kind() const { return str_at(object, {"kind"}); }
std::string Manifest::name() const { return str_at(object, {"metadata", "name"}); }
std::string Manifest::namespace_() const { return str_at(object, {"metadata", "namespace"}); }

SourcePos Manifest::where(const std::string& pointer) const {
  for (std::string p = pointer;; ) {
    auto it = positions.find(p);
    if (it != positions.end()) return it->second;
    size_t slash = p.rfind('/');
    if (slash == std::string::npos || p.empty()) return pos;
    p = p.substr(0, slash);
  }
}

Json yaml_scalar_to_json(const std::string& v, bool quoted) {
  if (quoted) return v;
  // YAML 1.1 core types as read by sigs.k8s.io/yaml (what kubectl uses).
  static const std::regex kInt(R"([-+]?(0|[1-9][0-9]*))");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  if (std::regex_match(v, kInt)) {
    try {
      return std::stoll(v);
    } catch (const std::out_of_range&) {
      return v;
    }
  }
  if (std::regex_match(v, kFloat)) return std::stod(v);
  return v;
}

namespace {

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

SourcePos pos_of(const YAML::Node& n, const std::string& file) {
  YAML::Mark m = n.Mark();
  return {file, m.line + 1, m.column + 1};
}

Json to_json(const YAML::Node& n, const std::string& file, const std::string& pointer,
             std::map<std::string, SourcePos>& positions) {
  positions[pointer] = pos_of(n, file);
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and plain ones "?".
      return yaml_scalar_to_json(n.Scalar(), n.Tag() == "!" || n.Tag() == "tag:yaml.org,2002:str");
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      size_t i = 0;
      for (const YAML::Node& item : n)
        arr.push_back(to_json(item, file, pointer + "/" + std::to_string(i++), positions));
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
          SourcePos p = pos_of(kv.first, file);
          throw ManifestError(p.str() + ": mapping keys must be plain strings");
        }
        std::string key = kv.first.Scalar();
        if (obj.contains(key)) {
          SourcePos p = pos_of(kv.first, file);
          throw ManifestError(p.str() + ": duplicate key \"" + key + "\"");
        }
        std::string child = pointer + "/" + escape_pointer(key);
        obj[key] = to_json(kv.second, file, child, positions);
        positions[child] = pos_of(kv.first, file);  // the key's line reads best
      }
      return obj;
    }
  }
  return nullptr;
}

void check_object(const Manifest& m) {
  const Json& o = m.object;
  if (!o.is_object())
    throw ManifestError(m.pos.str() + ": a Kubernetes object must be a mapping, found " +
                        std::string(o.type_name()));
  for (const char* field : {"apiVersion", "kind"})
    if (str_at(o, {field}).empty())
      throw ManifestError(m.pos.str() + ": object has no " + field);
  if (m.name().empty() && str_at(o, {"metadata", "generateName"}).empty())
    throw ManifestError(m.where("/metadata").str() + ": " + m.kind() + " has no metadata.name");
}

}  // namespace

Json parse_yaml_document(const std::string& text, const std::string& file,
                         std::map<std::string, SourcePos>& positions) {
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourcePos p{file, e.mark.line + 1, e.mark.column + 1};
    throw ManifestError(p.str() + ": invalid YAML: " + e.msg);
  }
  return to_json(doc, file, "", positions);
}

std::vector<Manifest> parse_manifests(const std::string& text, const std::string& file) {
  std::vector<Manifest> out;
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    SourcePos p{file, e.mark.line + 1, e.mark.column + 1};
    throw ManifestError(p.str() + ": invalid YAML: " + e.msg);
  }
  for (const YAML::Node& doc : docs) {
    if (!doc || doc.IsNull()) continue;
    Manifest m;
    m.pos = pos_of(doc, file);
    m.object = to_json(doc, file, "", m.positions);
    check_object(m);
    if (m.kind() == "List" && m.object.contains("items") && m.object["items"].is_array()) {
      size_t i = 0;
      for (const Json& item : m.object["items"]) {
        Manifest sub;
        sub.object = item;
        std::string base = "/items/" + std::to_string(i++);
        sub.pos = m.where(base);
        for (const auto& [ptr, p] : m.positions)
          if (ptr.rfind(base, 0) == 0) sub.positions[ptr.substr(base.size())] = p;
        check_object(sub);
        out.push_back(std::move(sub));
      }
      continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Manifest> read_manifests(const std::string& path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory() && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      std::string ext = p.extension().string();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(p);
    }
    if (ec) throw ManifestError(path + ": cannot read folder: " + ec.message());
  } else {
    throw ManifestError(path + ": no such file or folder");
  }
  std::sort(files.begin(), files.end());
  std::vector<Manifest> out;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw ManifestError(f.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    for (Manifest& m : parse_manifests(text.str(), f.string())) out.push_back(std::move(m));
  }
  if (out.empty()) throw ManifestError(path + ": no Kubernetes objects found (*.yaml, *.yml)");
  return out;
}

}  // namespace sts
