#include "grader/base/interrupt.h"

#include <csignal>

namespace sts {
namespace {
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};

extern "C" void on_signal(int sig) {
  g_signal = sig;
  g_interrupted = true;              // lock-free atomic: async-signal-safe
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

const std::atomic<bool>& interrupted() { return g_interrupted; }
int interrupt_signal() { return g_signal; }
}  // namespace sts
