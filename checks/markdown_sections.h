// The sections of a Markdown document, for checks that judge that a
// student's document has the sections a lab asks for (Lab 15's
// k8s/STATEFULSET.md; Lab 04 section 3.4's answers; Lab 06's design notes).
// Only presence and some content are judged: what the text says is the
// instructor's.
#pragma once
#include <string>
#include <vector>

namespace sts {

struct MdSection {
  std::string heading;               // text without the #s
  int level = 1;                     // 1..6
  int line = 0;                      // 1-based line of the heading
  std::string body;                  // up to the next heading of the same or a higher level
  size_t content_chars = 0;          // non-blank characters of body outside headings
};

// ATX (# Title) and setext (Title / ===) headings; lines inside ``` or ~~~
// fences are never headings (shell comments in code blocks).
std::vector<MdSection> markdown_sections(const std::string& text);

// The first section whose heading contains one of the keywords
// (case-insensitive), nullptr if none.
const MdSection* find_section(const std::vector<MdSection>& sections, const std::vector<std::string>& keywords);

}  // namespace sts
