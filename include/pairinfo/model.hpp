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
  std::size_t layer = 0;     ///< Index of the data layer that defined it.
  std::size_t position = 0;  ///< Its place in that layer's "interventions" array.
};

struct FaqEntry {
  std::string question;
  std::string answer;

  friend bool operator==(const FaqEntry&, const FaqEntry&) = default;
};

struct Evidence {
  std::string tier;
  std::string summary;      ///< Paragraphs separated by a blank line.
  std::string limitations;  ///< Paragraphs separated by a blank line.

  friend bool operator==(const Evidence&, const Evidence&) = default;
};

/// How much of a pair record was kept when it was read (see PairScope::keeping).
enum class RecordParts : unsigned char {
  outline,  ///< Codes, title, significance and evidence tier: what a list line shows.
  summary,  ///< The outline, the summary and the cautions: what a regimen check shows.
  whole,
};

/// What is known about one pair of interventions. Only `codes` is required;
/// every other field may be empty. Prose fields hold paragraphs separated by "\n\n".
struct PairRecord {
  std::array<std::string, 2> codes;
  std::string title;
  std::string significance;
  std::string summary;
  std::string mechanism;
  Evidence evidence;
  std::string clinical_context;
  std::vector<std::string> cautions;
  std::vector<std::string> takeaways;
  std::vector<FaqEntry> faq;
  std::string reviewed;  ///< YYYY-MM-DD
  std::vector<std::string> references;
  std::size_t layer = 0;  ///< Index of the data layer the record came from.
  std::string pointer;    ///< Where it sits in that layer, e.g. /pairs/3
  /// What was kept of it; the other fields are empty whatever the file holds.
  RecordParts parts = RecordParts::whole;

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
