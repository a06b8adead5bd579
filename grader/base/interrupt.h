// Ctrl-C and SIGTERM set a flag; every wait and child process watches it, and
// the run then cleans up its namespace before exiting.
#pragma once
#include <atomic>

namespace sts {
void install_interrupt_handlers();
const std::atomic<bool>& interrupted();
int interrupt_signal();              // the signal received, 0 if none
}  // namespace sts
