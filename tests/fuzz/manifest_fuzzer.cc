// libFuzzer target for reading a submission: bytes -> parse_manifests (what
// read_manifests does per file) -> place() and lint() over what parsed.
// ManifestError is the expected way to reject input; any other exception,
// crash, sanitizer report or hang is a bug in the reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "grader/submission/isolation.h"
#include "grader/lint/lint.h"
#include "grader/submission/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<sts::Manifest> ms;
  try {
    ms = sts::parse_manifests(text, "fuzz.yaml");
  } catch (const sts::ManifestError&) {
    return 0;
  }
  // What grade and lint read of each object, so positions and accessors run too.
  size_t chars = 0;
  for (const sts::Manifest& m : ms) {
    chars += m.kind().size() + m.name().size() + m.namespace_().size() + m.pos.str().size();
    chars += m.where("/spec/template/spec/containers/0/image").str().size();
    chars += m.object.dump().size();
  }
  try {
    sts::Placement p = sts::place(ms, "sts-fuzz");
    for (const sts::Manifest& m : p.objects) chars += m.object.dump().size();
    for (const std::string& n : p.notes) chars += n.size();
  } catch (const sts::ManifestError&) {
    // a refused submission: expected
  }
  for (const sts::Diagnostic& d : sts::lint(ms)) chars += d.str().size();
  // With a lab's constraints too, so the minimum and naming rules run.
  static const sts::LintConfig lab = [] {
    sts::LintConfig c;
    c.lab = "lab04";
    c.min_storage = "1Gi";
    c.min_storage_bytes = 1024.0L * 1024 * 1024;
    c.min_replicas = 3;
    c.namespace_ = "lab04";
    c.statefulset_names = {"web"};
    return c;
  }();
  for (const sts::Diagnostic& d : sts::lint(ms, lab)) chars += d.str().size();
  return chars == static_cast<size_t>(-1);  // keeps the work observable; never true
}
