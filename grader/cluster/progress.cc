#include "grader/cluster/progress.h"

#include "grader/cluster/cluster_state.h"
#include "grader/base/text.h"

namespace sts {
void Progress::line(const std::string& raw) {
  if (quiet_) return;
  const std::string text = terminal_safe(raw);  // pod names, messages: a submission's words
  if (state_)
    fprintf(out_, "[%7.1fs] %s\n", state_->now(), text.c_str());
  else
    fprintf(out_, "%s\n", text.c_str());
  fflush(out_);
}
}  // namespace sts
