// The default scales; see scales.hpp.
#include "pairinfo/scales.hpp"

namespace pairinfo {

Scales default_scales() {
  Scales scales;
  scales.tiers.entries = {
      {"T1", "Strong",
       "Consistent randomized controlled trials, or meta-analyses of them, on the combination or the "
       "interaction itself; for a pharmacokinetic interaction, consistent controlled interaction studies "
       "in people also count.",
       ""},
      {"T2", "Moderate", "At least one well-designed controlled trial, or consistent large observational studies.", ""},
      {"T3", "Limited",
       "Small or uncontrolled studies, case series, or indirect clinical data (studies of a closely "
       "related situation rather than the combination itself).",
       ""},
      {"T4", "Very limited", "Case reports, mechanism, laboratory or animal work, or expert opinion.", ""},
  };
  scales.significance.entries = {
      {"benefit", "Beneficial combination",
       "The two may work better together than either alone, when appropriately supervised.", "+"},
      {"compatible", "No meaningful interaction",
       "No clinically meaningful interaction is expected; each is managed on its own merits.", "="},
      {"monitor", "Coordinate and monitor",
       "Can be combined, but timing, sequencing or monitoring matters.", "~"},
      {"caution", "Use with caution",
       "A real risk for some people: weigh the specific risk factors and involve the responsible "
       "clinician before combining.",
       "!"},
      {"avoid", "Avoid",
       "Generally not to be combined, or one of the two should be stopped or deferred first.", "X"},
  };
  return scales;
}

const ScaleEntry* Scale::find(std::string_view id) const noexcept {
  for (const auto& entry : entries)
    if (entry.id == id) return &entry;
  return nullptr;
}

std::optional<std::size_t> Scale::rank(std::string_view id) const noexcept {
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].id == id) return i;
  return std::nullopt;
}

}  // namespace pairinfo
