/// Questions asked of a Dataset: filtered lists, full-text search and regimen checks.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/load.hpp"

namespace pairinfo {

/// A filter value the data does not know (an unknown category, tier or significance).
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How a list of records is ordered.
enum class ListOrder {
  severity,  ///< Most serious first, then strongest evidence, then by codes (the default).
  tier,      ///< Strongest evidence first, then most serious, then by codes.
  code,      ///< By the pair's codes.
};

/// "severity", "tier" or "code"; nullopt otherwise.
std::optional<ListOrder> parse_list_order(std::string_view text);

struct ListFilter {
  std::optional<std::size_t> with;        ///< An intervention index.
  std::string category;                   ///< Category id, prefix or name.
  std::string tier;                       ///< Tier id.
  std::vector<std::string> significance;  ///< Any of these significance ids or names (empty: any).
  std::string min_significance;           ///< At least this serious (empty: any).
  std::vector<std::string> labelling;     ///< Any of these labelling statuses (empty: any).
  ListOrder order = ListOrder::severity;
};

/// Record indexes matching every filter, in `filter.order`. Throws QueryError.
std::vector<std::size_t> list_pairs(const Dataset& data, const ListFilter& filter);

/// Catalogue indexes, optionally of one category, ordered by code. Throws QueryError.
std::vector<std::size_t> list_interventions(const Dataset& data, const std::string& category);
/// Of `indexes`, the interventions whose code, name, alias or category holds the words as
/// one phrase (ignoring case and accents), in the same order.
std::vector<std::size_t> interventions_matching(const Dataset& data, const std::vector<std::size_t>& indexes,
                                                const std::vector<std::string>& words);

/// The title a record shows: its own, or "Name A + Name B".
std::string pair_title(const Dataset& data, const PairRecord& record);

struct SearchHit {
  std::size_t pair = 0;
  int score = 0;
  std::string field;    ///< Where the snippet comes from, e.g. "summary".
  std::string snippet;  ///< A short excerpt around the first match.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;  ///< Byte ranges of matches in `snippet`.
};

/// The words a search looks for: lower-cased, arguments split at spaces.
std::vector<std::string> search_words(const std::vector<std::string>& arguments);

/// Search matches (DataLoader::search, ranked by SQLite FTS5's bm25) as hits to show: the
/// snippet's marked words become highlights.
std::vector<SearchHit> search_hits(const std::vector<SearchMatch>& matches);

/// A term of a regimen that names no intervention, or several: its pairs are not checked.
struct UnresolvedTerm {
  std::string term;
  bool ambiguous = false;                ///< It names several interventions (listed in `suggestions`).
  std::vector<std::size_t> suggestions;  ///< The nearest interventions, or every one it names.
};

struct RegimenCheck {
  std::vector<std::size_t> interventions;  ///< Distinct, in the order given.
  /// Terms that named an intervention already given, with that intervention.
  std::vector<std::pair<std::string, std::size_t>> duplicates;
  std::vector<std::size_t> found;  ///< Record indexes, most serious first, then strongest evidence.
  std::vector<std::pair<std::size_t, std::size_t>> missing;  ///< Intervention pairs with no record.
  std::vector<UnresolvedTerm> unresolved;  ///< Terms left out; a check with any is incomplete.
  /// The record that answers for two of the interventions (their own, or their class's where
  /// it applies: answer_pair), or Dataset::npos.
  std::size_t record_between(std::size_t a, std::size_t b) const;

  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::size_t>> answers;  // sorted
};

/// Every pair among the interventions. `resolved` pairs each term with its intervention.
RegimenCheck check_regimen(const Dataset& data, const std::vector<std::pair<std::string, std::size_t>>& resolved);

/// What the data says about two interventions: their own record, or else the record of a
/// class one of them belongs to (statins) with the other, when that record applies to the
/// member. A class record that does not apply is named, so that the answer can say so.
struct PairAnswer {
  std::size_t record = Dataset::npos;      ///< The record that answers, if any.
  std::size_t via_class = Dataset::npos;   ///< The class whose record answers for a member.
  std::size_t member = Dataset::npos;      ///< That member.
  /// Class records that leave a member out: (record, that member).
  std::vector<std::pair<std::size_t, std::size_t>> not_applying;
};
PairAnswer answer_pair(const Dataset& data, std::size_t a, std::size_t b);

/// Position of a record's significance on the scale (higher is more serious), or -1.
int severity_rank(const Dataset& data, const PairRecord& record);
/// Position of a record's tier on the scale (lower is stronger), or the scale's size.
int tier_rank(const Dataset& data, const PairRecord& record);

}  // namespace pairinfo
