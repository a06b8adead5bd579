// Text helpers every report needs: student content is arbitrary bytes, and
// reports must stay valid whatever a submission wrote into its volumes.
#pragma once
#include <string>
#include <vector>

#include "grader/base/utf8.h"  // valid_utf8: every renderer's first step

namespace sts {

// s made safe for a terminal or a CI log: control characters (ESC, CR,
// backspace, C1 controls) and bidirectional overrides are shown as \xHH /
// \u{HHHH}, invalid UTF-8 as U+FFFD, and no line starts (after blanks) with
// "::", which GitHub Actions would run as a workflow command (::add-mask::,
// ::error::, ::stop-commands::). Newlines and tabs are kept.
std::string terminal_safe(const std::string& s);

// At most `max` bytes of s, cut on a UTF-8 boundary; a cut text ends with
// "… (N more bytes)".
std::string clip(const std::string& s, size_t max);

// Points as people write them: 10, 8.5, 0.33 (at most two decimals).
std::string format_points(double points);

// The items with `sep` between them.
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");
// s without the ASCII whitespace (space, tab, CR, LF, VT, FF) at either end.
std::string trim(const std::string& s);
// Seconds for reports: "12.3 s".
std::string format_seconds(double seconds);

}  // namespace sts
