#include "grader/submission/read_documents.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sts {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool inside(const fs::path& p, const fs::path& dir) {
  auto rel = p.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::map<std::string, std::string> read_documents(const std::string& submission,
                                                  const std::vector<std::string>& exclude,
                                                  const DocumentLimits& limits) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(submission, ec);
  if (ec || !fs::is_directory(root, ec)) return out;
  std::vector<fs::path> skip;
  for (const std::string& e : exclude) {
    fs::path p = fs::weakly_canonical(e, ec);
    if (!ec) skip.push_back(p);
  }
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    fs::path real = fs::weakly_canonical(e.path(), ec);
    if (ec) break;
    bool skipped = !inside(real, root) ||
                   std::any_of(skip.begin(), skip.end(), [&](const fs::path& s) { return real == s || inside(real, s); });
    if (e.is_directory(ec)) {
      if (skipped || name.starts_with(".") || name == "node_modules" || it.depth() >= limits.max_depth)
        it.disable_recursion_pending();
      continue;
    }
    if (skipped || !e.is_regular_file(ec) || lower(e.path().extension().string()) != ".md") continue;
    found.push_back(e.path());
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& p : found) {
    if (out.size() >= limits.max_files) break;
    std::ifstream in(p, std::ios::binary);
    if (!in) continue;
    std::string text(limits.max_bytes_per_file, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (in.peek() != std::char_traits<char>::eof()) text += kTruncatedNote;
    out[p.lexically_relative(root).generic_string()] = std::move(text);
  }
  return out;
}

}  // namespace sts
