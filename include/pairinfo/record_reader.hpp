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
/// When it returns a whole record, the slow way finds no problem and decodes the same one.
/// Only `keep` is kept (PairRecord::parts). With `check_dropped` false, the parts not kept
/// are checked for shape only (the keys, and that each value is text, a list of text or of
/// FAQ entries), not their text: what a list shows is checked, the rest when the record is
/// shown whole. The strict rules need every part, so `strict` checks everything.
/// `layer` and `pointer` are left for the caller to set.
std::optional<PairRecord> read_clean_pair_record(std::string_view text, bool strict,
                                                 RecordParts keep = RecordParts::whole, bool check_dropped = true);
/// The same, read into `out` (a fresh record), where the caller wants it: false when the
/// record is not clean, and `out` then holds whatever was read before the doubt.
bool read_clean_pair_record(std::string_view text, bool strict, RecordParts keep, bool check_dropped, PairRecord& out);

}  // namespace pairinfo
