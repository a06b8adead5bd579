#include "grader/base/source_pos.h"

namespace sts {

std::string SourcePos::str() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  if (rendered) s += " (rendered)";
  return s;
}

}  // namespace sts
