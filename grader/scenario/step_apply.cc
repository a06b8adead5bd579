// op apply: the submission, server-side validated first so a rejected
// submission changes nothing.
#include "grader/cluster/kubectl.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

// Names the submitted file:line of each object the API server complained about.
std::string locate_errors(const std::string& err, const std::vector<Manifest>& objects) {
  std::string out = err;
  for (const Manifest& m : objects) {
    std::string needle = "\"" + m.name() + "\"";
    if (err.find(needle) != std::string::npos && err.find(m.kind()) != std::string::npos)
      out += "\n  " + m.pos.str() + ": " + m.kind() + " " + m.name();
  }
  return out;
}

StepOutcome apply(RunContext& ctx, const StepSpec& spec) {
  Json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", Json::array()}};
  for (const Manifest& m : ctx.objects) list["items"].push_back(m.object);
  std::string body = list.dump();
  for (const char* mode : {"--dry-run=server", ""}) {
    std::vector<std::string> args{"apply", "-f", "-"};
    if (*mode) args.push_back(mode);
    ProcessResult r = ctx.kubectl->run(args, body, spec.timeout);
    if (r.aborted) return {StepOutcome::kAborted, "apply", "interrupted"};
    if (r.exit_code != 0) {
      std::string why = !r.error.empty() ? r.error : r.timed_out ? "kubectl apply timed out" : r.err;
      bool infra = !r.error.empty() || r.timed_out ||
                   why.find("Unable to connect") != std::string::npos;
      ctx.progress->step(spec.id, std::string(*mode ? "validation" : "apply") + " failed");
      return {infra ? StepOutcome::kInfrastructure : StepOutcome::kFailed,
              "the API server to accept the submission", locate_errors(why, ctx.objects)};
    }
    if (!*mode) {
      // kubectl prints one "kind/name created" line per object.
      std::string created = r.out;
      for (char& c : created)
        if (c == '\n') c = ';';
      ctx.progress->step(spec.id, "applied " + std::to_string(ctx.objects.size()) +
                                      " objects: " + created);
    }
  }
  return StepOutcome::ok();
}
}  // namespace
STS_REGISTER_STEP("apply", apply);
}  // namespace sts
