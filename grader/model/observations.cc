#include "grader/model/observations.h"

namespace sts {

const Mark* Observations::mark(const std::string& id) const {
  for (const Mark& m : marks)
    if (m.id == id) return &m;
  return nullptr;
}

const Snapshot* Observations::snapshot(const std::string& id) const {
  auto it = snapshots.find(id);
  return it == snapshots.end() ? nullptr : &it->second;
}

std::vector<const VolumeRead*> Observations::reads(const std::string& phase) const {
  std::vector<const VolumeRead*> out;
  for (const VolumeRead& r : volume_reads)
    if (r.phase == phase) out.push_back(&r);
  return out;
}

const MarkerWrite* Observations::marker_for(const std::string& claim) const {
  const MarkerWrite* latest = nullptr;
  for (const MarkerWrite& w : marker_writes)
    if (w.claim == claim && w.ok) latest = &w;
  return latest;
}

std::vector<const HttpExchange*> Observations::exchanges(const std::string& phase) const {
  std::vector<const HttpExchange*> out;
  for (const HttpExchange& x : http)
    if (x.phase == phase) out.push_back(&x);
  return out;
}

const StepFailure* Observations::failure(const std::string& step) const {
  for (const StepFailure& f : failures)
    if (f.step == step) return &f;
  return nullptr;
}

}  // namespace sts
