// Progress lines on stderr while a run goes: "[  12.3s] scale-up: …".
#pragma once
#include <cstdio>
#include <string>

namespace sts {

class Progress {
 public:
  explicit Progress(FILE* out = stderr, bool quiet = false) : out_(out), quiet_(quiet) {}
  void set_clock(const class ClusterState* state) { state_ = state; }
  void line(const std::string& text);
  void step(const std::string& id, const std::string& text) { line(id + ": " + text); }

 private:
  FILE* out_;
  bool quiet_;
  const ClusterState* state_ = nullptr;
};

}  // namespace sts
