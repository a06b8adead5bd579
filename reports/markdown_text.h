// Putting untrusted text into Markdown without it turning into markup:
// student file contents, pod names and check details may hold pipes,
// backticks, HTML or fences of their own.
#pragma once
#include <string>

namespace sts {

// Text for a paragraph, list item or table cell: Markdown and HTML
// punctuation backslash-escaped, line breaks folded into spaces (a newline
// would end a table row or list item), invalid UTF-8 replaced.
std::string md_text(const std::string& s);

// An inline code span, with a fence longer than any backtick run inside.
// Not for table cells: GitHub still splits cells on a '|' inside code spans.
std::string md_code(const std::string& s);

// A fenced code block; the fence is longer than any backtick run in the
// content, so content holding ``` cannot close it early.
std::string md_code_block(const std::string& content, const std::string& lang = "");

}  // namespace sts
