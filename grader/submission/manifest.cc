#include "grader/submission/manifest.h"
#include "grader/base/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include "grader/base/utf8.h"

namespace fs = std::filesystem;

namespace sts {

SubmissionRefused::SubmissionRefused(std::string r, SourcePos p, std::string m)
    : ManifestError(p.str() + ": " + m + " [" + r + "]"), rule(std::move(r)), pos(std::move(p)), message(std::move(m)) {}

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
  if (std::regex_match(v, kFloat)) {
    // Past double's range sigs.k8s.io/yaml keeps the text (as with ints);
    // an underflow reads as the nearest double (std::stod would throw).
    double d = std::strtod(v.c_str(), nullptr);
    if (std::isinf(d)) return v;
    return d;
  }
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

// yaml-cpp passes invalid UTF-8 through (and decodes "\ud800" to a lone
// surrogate); JSON cannot carry it, so the reader refuses it like kubectl.
const std::string& utf8_scalar(const YAML::Node& n, const std::string& file) {
  if (!is_valid_utf8(n.Scalar())) throw ManifestError(pos_of(n, file).str() + ": text is not valid UTF-8");
  return n.Scalar();
}

// Aliases share nodes, so a few bytes can name a tree of 10^9 nodes ("billion
// laughs") or a node inside itself (`&a [*a]`): the conversion is bounded in
// nodes (linear in the input) and depth (the stack) instead of exhausting them.
// Nodes alone do not bound it: one 1 MB string aliased a thousand times is
// few nodes and a GB of JSON, so scalar bytes are bounded too (a document
// without aliases spends at most its own size).
struct Expansion {
  static constexpr int kMaxDepth = 512;
  size_t nodes_left;
  size_t bytes_left;
  std::vector<DuplicateKey>* duplicates = nullptr;  // null: a duplicate key is an error (the grader's own files)
  explicit Expansion(const std::string& text)
      : nodes_left(text.size() + 100000), bytes_left(2 * text.size() + (1u << 20)) {}
};

Json to_json(const YAML::Node& n, const std::string& file, const std::string& pointer,
             std::map<std::string, SourcePos>& positions, Expansion& budget, int depth = 0) {
  positions[pointer] = pos_of(n, file);
  if (budget.nodes_left-- == 0)
    throw ManifestError(positions[pointer].str() + ": document expands to too many nodes (aliases)");
  if (depth > Expansion::kMaxDepth)
    throw ManifestError(positions[pointer].str() + ": nested deeper than " +
                        std::to_string(Expansion::kMaxDepth) + " levels (a recursive alias?)");
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      if (n.Scalar().size() > budget.bytes_left)
        throw SubmissionRefused("source/yaml-expansion", positions[pointer],
                                "document expands to more text than it holds (aliases of long strings)");
      budget.bytes_left -= n.Scalar().size();
      // yaml-cpp tags quoted scalars "!" and plain ones "?".
      return yaml_scalar_to_json(utf8_scalar(n, file), n.Tag() == "!" || n.Tag() == "tag:yaml.org,2002:str");
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      size_t i = 0;
      for (const YAML::Node& item : n)
        arr.push_back(to_json(item, file, pointer + "/" + std::to_string(i++), positions, budget, depth + 1));
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
          SourcePos p = pos_of(kv.first, file);
          throw ManifestError(p.str() + ": mapping keys must be plain strings");
        }
        std::string key = utf8_scalar(kv.first, file);
        const bool again = obj.contains(key);
        if (again && !budget.duplicates) {
          SourcePos p = pos_of(kv.first, file);
          throw ManifestError(p.str() + ": duplicate key \"" + key + "\"");
        }
        std::string child = pointer + "/" + escape_pointer(key);
        Json value = to_json(kv.second, file, child, positions, budget, depth + 1);
        if (again) budget.duplicates->push_back({child, pos_of(kv.first, file), obj[key].dump(), value.dump()});
        obj[key] = std::move(value);
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
  // A List (kubectl get -o yaml) is a wrapper without a name; its items are checked.
  if (m.name().empty() && str_at(o, {"metadata", "generateName"}).empty() && m.kind() != "List")
    throw ManifestError(m.where("/metadata").str() + ": " + m.kind() + " has no metadata.name");
}

// yaml-cpp 0.7's LoadAll loops forever, allocating, on a document that starts
// with a token it cannot use ("---\n,a": jbeder/yaml-cpp#1040, fixed upstream
// by #1319): each round "starts" a new empty document at the same place. A
// first pass over the parser's events stops at a document that does not move on.
class StuckDocumentCheck : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (last_ && mark.pos <= *last_)
      throw YAML::ParserException(mark, "unexpected token at the start of a document");
    last_ = mark.pos;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  std::optional<int> last_;
};


}  // namespace

std::vector<YAML::Node> load_yaml_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  StuckDocumentCheck check;
  while (parser.HandleNextDocument(check)) {}
  return YAML::LoadAll(text);
}

Json parse_yaml_document(const std::string& text, const std::string& file,
                         std::map<std::string, SourcePos>& positions) {
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourcePos p{file, e.mark.line + 1, e.mark.column + 1};
    throw ManifestError(p.str() + ": invalid YAML: " + e.msg);
  }
  Expansion budget(text);
  return to_json(doc, file, "", positions, budget);
}

std::vector<Manifest> parse_manifests(const std::string& text, const std::string& file) {
  std::vector<Manifest> out;
  std::vector<YAML::Node> docs;
  try {
    docs = load_yaml_documents(text);
  } catch (const YAML::Exception& e) {
    SourcePos p{file, e.mark.line + 1, e.mark.column + 1};
    throw ManifestError(p.str() + ": invalid YAML: " + e.msg);
  }
  Expansion budget(text);            // for the whole file, all documents
  for (const YAML::Node& doc : docs) {
    if (!doc || doc.IsNull()) continue;
    Manifest m;
    m.pos = pos_of(doc, file);
    budget.duplicates = &m.duplicates;
    m.object = to_json(doc, file, "", m.positions, budget);
    budget.duplicates = nullptr;
    check_object(m);
    if (m.kind() == "List" && m.object.contains("items") && m.object["items"].is_array()) {
      size_t i = 0;
      for (const Json& item : m.object["items"]) {
        Manifest sub;
        sub.object = item;
        std::string base = "/items/" + std::to_string(i++);
        sub.pos = m.where(base);
        // Only the item's own range of the sorted map: scanning all of it per
        // item was quadratic (a 5 KB List of aliases took a minute).
        for (auto it = m.positions.lower_bound(base);
             it != m.positions.end() && it->first.compare(0, base.size(), base) == 0; ++it)
          if (it->first.size() == base.size() || it->first[base.size()] == '/')  // not /items/10 for /items/1
            sub.positions.emplace_hint(sub.positions.end(), it->first.substr(base.size()), it->second);
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
  // Never a throwing filesystem call: a symlink loop or a vanished file is
  // this submission's error, not the batch's end (std::filesystem_error).
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      std::error_code st;
      const fs::file_status s = it->symlink_status(st);
      if (st) continue;
      if (fs::is_directory(s) && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      std::string ext = p.extension().string();
      if (ext != ".yaml" && ext != ".yml") continue;
      // A symlink counts when it leads to a regular file (check_tree in
      // submission_source.cc has refused those leaving the submission).
      const bool regular = fs::is_symlink(s) ? fs::is_regular_file(p, st) : fs::is_regular_file(s);
      if (regular && !st) files.push_back(p);
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
