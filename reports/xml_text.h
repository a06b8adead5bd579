// Escaping for XML 1.0, which cannot hold every string: besides markup
// characters it forbids most control characters outright (even as &#N;).
#pragma once
#include <string>

namespace sts {

// s as XML character data or (attribute = true) an attribute value in double
// quotes: markup escaped, invalid UTF-8 and characters XML 1.0 forbids
// replaced by U+FFFD; in attributes tab and line breaks become character
// references so parsers do not normalize them to spaces.
std::string xml_escape(const std::string& s, bool attribute = false);

}  // namespace sts
