// The default scales; see scales.hpp.
#include "pairinfo/scales.hpp"

namespace pairinfo {

Scales default_scales() {
  Scales scales;
  scales.tiers.entries = {
      {"T1", "Strong",
       "Consistent results from several well-conducted randomized controlled trials or systematic "
       "reviews, or an effect stated in official product labelling.",
       ""},
      {"T2", "Moderate",
       "At least one well-designed controlled trial or consistent large observational studies, with "
       "gaps in size, duration or population.",
       ""},
      {"T3", "Emerging",
       "Emerging research and clinical observations rather than large-scale, definitive trials; most "
       "data derive from observational studies or small cohorts.",
       ""},
      {"T4", "Theoretical",
       "Mechanistic reasoning, laboratory or animal work, isolated case reports or expert opinion; no "
       "meaningful clinical outcome data.",
       ""},
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
