/// The fast path for decoding one pair record: straight from its JSON text to a PairRecord,
/// without building a JSON tree, for records that break no rule of the format.
#pragma once
#include <optional>
#include <string_view>

#include "pairinfo/model.hpp"

namespace pairinfo {

/// The record that `text` (one JSON object, as found in a file's "pairs" array) holds, when
/// it is well-formed JSON and breaks no rule a record can break on its own (with `strict`,
/// the full-article rules too). nullopt for anything else, however harmless (an "x-"
/// extension key, say): the caller then decodes it the slow way, which says what is wrong.
/// When it returns a record, the slow way finds no problem and decodes the same record.
/// With `outline`, every part is checked as ever but only what lists show is kept (see
/// PairRecord::outline). `layer` and `pointer` are left for the caller to set.
std::optional<PairRecord> read_clean_pair_record(std::string_view text, bool strict, bool outline = false);

}  // namespace pairinfo
