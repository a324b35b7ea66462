/// The scales used when no data layer defines its own.
#pragma once
#include "pairinfo/model.hpp"

namespace pairinfo {

/// T1 (strongest) to T4 evidence tiers, and benefit < compatible < monitor < caution < avoid.
/// The same scales the bundled data defines; a test keeps the two in step.
Scales default_scales();

}  // namespace pairinfo
