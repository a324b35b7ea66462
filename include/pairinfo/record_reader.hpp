/// The fast path for decoding one pair record: straight from its JSON text to a PairRecord,
/// without building a JSON tree, for records that break no rule of the format.
#pragma once
#include <optional>
#include <string_view>

#include "pairinfo/model.hpp"

namespace pairinfo {

/// How much of a record read_clean_pair_record keeps, and how much of the rest it checks.
enum class RecordReading {
  whole,            ///< Keep and check every part.
  checked_outline,  ///< Check every part, keep only the outline (PairRecord::outline).
  /// Keep and check the outline; of the other parts check only the shape (the keys, and
  /// that each value is text, a list of text or FAQ entries), not the text itself. What a
  /// list shows is then checked, and the rest is checked when the record is shown whole.
  /// The strict rules need every part, so with `strict` this is checked_outline.
  outline,
};

/// The record that `text` (one JSON object, as found in a file's "pairs" array) holds, when
/// it is well-formed JSON and breaks no rule a record can break on its own (with `strict`,
/// the full-article rules too), as far as `reading` checks. nullopt for anything else,
/// however harmless (an "x-" extension key, say): the caller then decodes it the slow way,
/// which says what is wrong. When it returns a record read whole, the slow way finds no
/// problem and decodes the same record. `layer` and `pointer` are left for the caller to set.
std::optional<PairRecord> read_clean_pair_record(std::string_view text, bool strict,
                                                 RecordReading reading = RecordReading::whole);

}  // namespace pairinfo
