// The process's exit status, one vocabulary for every command (README
// "Exit codes"): CI and batch read them.
#pragma once

namespace sts {

enum ExitCode {
  kExitPass = 0,                     // every check passed
  kExitFail = 1,                     // a check failed or was skipped
  kExitNotGradable = 2,              // cluster unreachable, invalid input, infrastructure fault
  kExitUsage = 64,
  kExitInterrupted = 130,            // Ctrl-C / SIGTERM: cleaned up, no verdict
};

}  // namespace sts
