// UTF-8, the one copy: the submission reader refuses invalid text (JSON cannot
// carry it, as kubectl refuses it), recorded observations keep such bytes in
// base64, and every report replaces them. Hand-written rather than utfcpp: a
// few lines, and reports pin one U+FFFD per invalid byte, which utfcpp's
// replace_invalid does not promise.
#pragma once
#include <string>

namespace sts {

// Length of the valid UTF-8 sequence starting at s[i] (i < s.size()), 0 if it
// is not valid: overlong forms, UTF-16 surrogates and values past U+10FFFF are not.
size_t utf8_sequence_length(const std::string& s, size_t i);
bool is_valid_utf8(const std::string& s);
// s with every invalid byte replaced by U+FFFD, so renderers and parsers
// downstream (JSON, XML, Markdown viewers) never choke on it.
std::string valid_utf8(const std::string& s);
// The code point of the valid sequence at s[i]; its length in n.
unsigned utf8_code_point(const std::string& s, size_t i, size_t& n);

}  // namespace sts
