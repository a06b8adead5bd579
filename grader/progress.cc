#include "grader/progress.h"

#include "grader/cluster_state.h"

namespace sts {
void Progress::line(const std::string& text) {
  if (quiet_) return;
  if (state_)
    fprintf(out_, "[%7.1fs] %s\n", state_->now(), text.c_str());
  else
    fprintf(out_, "%s\n", text.c_str());
  fflush(out_);
}
}  // namespace sts
