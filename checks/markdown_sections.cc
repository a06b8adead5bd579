#include "checks/markdown_sections.h"
#include "grader/base/text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace sts {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

size_t non_blank(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return !std::isspace(c); }));
}

struct Line {
  std::string text;
  int heading = 0;                   // level when the line is (or starts) a heading
  std::string title;
  bool underline = false;            // a setext underline: part of the heading above
};

}  // namespace

std::vector<MdSection> markdown_sections(const std::string& text) {
  std::vector<Line> lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
      Line line;
      line.text = l;
      lines.push_back(std::move(line));
    }
  }
  std::string fence;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = trim(lines[i].text);
    if (!fence.empty()) {
      if (t.rfind(fence, 0) == 0) fence.clear();
      continue;
    }
    if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
      fence = t.substr(0, 3);
      continue;
    }
    size_t hashes = 0;
    while (hashes < t.size() && t[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && (hashes == t.size() || t[hashes] == ' ') &&
        lines[i].text.find_first_not_of(' ') < 4) {
      std::string title = trim(t.substr(hashes));
      while (!title.empty() && title.back() == '#') title.pop_back();
      lines[i].heading = static_cast<int>(hashes);
      lines[i].title = trim(title);
      continue;
    }
    // Setext: a text line underlined with === (level 1) or --- (level 2).
    if (i + 1 < lines.size() && !t.empty()) {
      std::string u = trim(lines[i + 1].text);
      bool eq = !u.empty() && u.find_first_not_of('=') == std::string::npos;
      bool dash = u.size() >= 2 && u.find_first_not_of('-') == std::string::npos;
      if (eq || dash) {
        lines[i].heading = eq ? 1 : 2;
        lines[i].title = t;
        lines[i + 1].underline = true;
        ++i;
      }
    }
  }
  std::vector<MdSection> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].heading) continue;
    MdSection s;
    s.heading = lines[i].title;
    s.level = lines[i].heading;
    s.line = static_cast<int>(i) + 1;
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (lines[j].heading && lines[j].heading <= s.level) break;
      s.body += lines[j].text + "\n";
      if (!lines[j].heading && !lines[j].underline) s.content_chars += non_blank(lines[j].text);
    }
    out.push_back(std::move(s));
  }
  return out;
}

const MdSection* find_section(const std::vector<MdSection>& sections, const std::vector<std::string>& keywords) {
  for (const MdSection& s : sections) {
    std::string h = lower(s.heading);
    for (const std::string& k : keywords)
      if (h.find(lower(k)) != std::string::npos) return &s;
  }
  return nullptr;
}

}  // namespace sts
