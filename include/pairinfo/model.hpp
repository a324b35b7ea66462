/// The knowledge-base model: scales, categories, interventions and pair records.
/// It knows nothing of files or output; see load.hpp and the render_*.hpp headers.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/record_fields.hpp"

namespace pairinfo {

/// One step of an ordered scale (an evidence tier or a clinical-significance level).
struct ScaleEntry {
  std::string id;
  std::string name;
  std::string description;
  std::string symbol;  ///< One short mark for matrices; may be empty.
};

/// An ordered scale. For tiers the first entry is the strongest evidence; for
/// significance the first entry is the least concerning and the last the most serious.
struct Scale {
  std::vector<ScaleEntry> entries;

  const ScaleEntry* find(std::string_view id) const noexcept;
  /// Position of `id` in the scale, or nullopt.
  std::optional<std::size_t> rank(std::string_view id) const noexcept;
};

struct Scales {
  Scale tiers;
  Scale significance;
};

struct Category {
  std::string id;
  std::string prefix;
  std::string name;
  std::string description;
};

struct Intervention {
  std::string code;
  std::string name;
  std::string category;
  std::vector<std::string> aliases;
  std::string summary;
  /// For a class (statins), the codes of its members, each an intervention of its own.
  std::vector<std::string> members;
  std::size_t layer = 0;     ///< Index of the data layer that defined it.
  std::size_t position = 0;  ///< Its place in that layer's "interventions" array.
};

/// What is known about one pair of interventions. Only `codes` is required; every field of
/// record_fields.hpp may be absent (null). Prose fields hold paragraphs separated by "\n\n".
struct PairRecord {
  std::array<std::string, 2> codes;
  FieldValues fields;
  std::size_t layer = 0;  ///< Index of the data layer the record came from.
  std::string pointer;    ///< Where it sits in that layer, e.g. /pairs/3
  /// What was kept of it; the other fields are null whatever the file holds.
  RecordParts parts = RecordParts::whole;

  const nlohmann::json& operator[](Field field) const noexcept { return fields[static_cast<std::size_t>(field)]; }
  nlohmann::json& operator[](Field field) noexcept { return fields[static_cast<std::size_t>(field)]; }
  /// A text field's value, or "" when the record does not have it.
  std::string_view text(Field field) const noexcept {
    const auto& value = (*this)[field];
    return value.is_string() ? std::string_view(value.get_ref<const std::string&>()) : std::string_view();
  }
  /// A list of text (cautions, takeaways, applies_to), empty when absent.
  std::vector<std::string> list(Field field) const {
    const auto& value = (*this)[field];
    return value.is_array() ? value.get<std::vector<std::string>>() : std::vector<std::string>();
  }
  /// A member of an object field ("status" of labelling), or "".
  std::string_view member(Field field, const char* key) const noexcept {
    const auto& value = (*this)[field];
    if (!value.is_object()) return {};
    auto it = value.find(key);
    return it != value.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
  }

  friend bool operator==(const PairRecord&, const PairRecord&) = default;
};

/// For code that shows parts of records: a record without them is a programming error.
inline void require_parts(const PairRecord& record, RecordParts needed) {
  if (record.parts < needed) throw std::logic_error("a pair record was shown with parts that were not loaded");
}

/// A data file that was loaded, in the order layers apply.
struct LayerInfo {
  std::string source;  ///< A path, or bundled_source_name.
  std::string name;    ///< The file's own `name`, if it gives one.
  std::size_t interventions = 0;
  std::size_t pairs = 0;
};

}  // namespace pairinfo
