// Lab 06 section 3's deliverable design-decisions.md, with the parts its
// template guides through: architecture, controller selection, network
// configuration, storage planning, failure recovery. Presence only; the
// reasoning is the instructor's to judge (Documentation, Understanding).
#include "checks/answer_sections.h"

namespace sts {
namespace {

DocumentSpec spec() {
  return {"lab06-design-decisions",
          "design-decisions.md sections",
          "The submission holds design-decisions.md with its five parts (architecture, controller selection, "
          "network configuration, storage planning, failure recovery), each with content (presence only).",
          "design-decisions.md",
          {{"architecture", "Architecture decisions", 0, {"architecture"}},
           {"controller-selection", "Controller selection", 0, {"controller", "statefulset vs", "deployment vs"}},
           {"network", "Network configuration", 0, {"network", "dns", "service"}},
           {"storage", "Storage planning", 0, {"storage", "volume", "persisten"}},
           {"failure-recovery", "Failure recovery analysis", 0, {"failure", "recovery"}}},
          "Complete section-3-independent/design-decisions.md with one heading per part of its template: "
          "Architecture, Controller Selection, Network Configuration, Storage Planning, Failure Recovery."};
}

class Lab06DesignDecisions : public DocumentCheck {
 public:
  Lab06DesignDecisions() : DocumentCheck(spec()) {}
};

}  // namespace
STS_REGISTER_CHECK(Lab06DesignDecisions);
}  // namespace sts
