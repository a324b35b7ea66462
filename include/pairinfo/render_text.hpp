/// Text for people: wrapped to the terminal, coloured only when allowed, control characters escaped.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/terminal.hpp"

namespace pairinfo {

/// The whole record: heading, tier, significance, every section present, and a disclaimer.
std::string text_pair(const Dataset& data, const PairRecord& record, const TextStyle& style);
/// A patient's view in about 20 lines: the verdict (significance and tier), the start of
/// the summary, the cautions and the disclaimer.
std::string text_pair_brief(const Dataset& data, const PairRecord& record, const TextStyle& style);
/// One line per record: codes, names, tier, significance, title. The code column is as wide as
/// the widest pair of codes (at least 18), so codes are never cut; on a terminal the later columns are.
std::string text_pair_lines(const Dataset& data, const std::vector<std::size_t>& records, const TextStyle& style);
std::string text_search(const Dataset& data, const std::vector<SearchHit>& hits, const TextStyle& style);
std::string text_interventions(const Dataset& data, const std::vector<std::size_t>& indexes, const TextStyle& style);
std::string text_scales(const Dataset& data, const TextStyle& style);
std::string text_sources(const Dataset& data, const TextStyle& style);
/// The answer for a pair without a record: says so, and that this is not evidence of safety.
std::string text_no_record(const Dataset& data, std::size_t a, std::size_t b, const TextStyle& style);
/// Matrix (up to 8 interventions), records found, and pairs without a record.
std::string text_check(const Dataset& data, const RegimenCheck& check, bool full, const TextStyle& style);

struct VerdictOptions {
  bool short_scales = false;  ///< "T3 (Limited)" rather than the tier's whole description.
  bool verbose = false;       ///< Also where the record came from (an imported table's row).
};
/// The record's verdict as (label, value) lines, in the order of record_fields.hpp:
/// evidence tier, significance, labelling, review, the class members it applies to, and
/// more. Shared by the text and Markdown renderers; values are not yet escaped.
std::vector<std::pair<std::string, std::string>> verdict_lines(const Dataset& data, const PairRecord& record,
                                                               VerdictOptions options);

/// The one-line notice that the content is informational.
extern const char* const disclaimer;
/// What every format says of a pair without a record.
extern const char* const no_record_caveat;

}  // namespace pairinfo
