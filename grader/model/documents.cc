#include "grader/model/documents.h"

#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace sts {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::string* find_document(const std::map<std::string, std::string>& docs,
                                 const std::string& want, std::string* path) {
  const std::string w = lower(want);
  const std::string base = lower(fs::path(want).filename().string());
  const std::pair<const std::string, std::string>* by_name = nullptr;
  int named = 0;
  for (const auto& kv : docs) {
    if (lower(kv.first) == w) {
      if (path) *path = kv.first;
      return &kv.second;
    }
    if (lower(fs::path(kv.first).filename().string()) == base) {
      by_name = &kv;
      ++named;
    }
  }
  if (named != 1) return nullptr;
  if (path) *path = by_name->first;
  return &by_name->second;
}

}  // namespace sts
