// A position in a file the grader read: what every diagnostic, refusal and
// finding points to (file:line:col).
#pragma once
#include <string>

namespace sts {

struct SourcePos {
  std::string file;
  int line = 0;                      // 1-based; 0 unknown
  int column = 0;
  // A position in `helm template` / `kubectl kustomize` output, mapped back to
  // the source file it came from: the line is the best estimate, not exact.
  bool rendered = false;
  std::string str() const;           // "file:line:col", plus " (rendered)"
};

}  // namespace sts
