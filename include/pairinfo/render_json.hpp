/// JSON for scripts. Shapes are documented in README.md ("JSON output") and kept stable.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/query.hpp"

namespace pairinfo {

/// Version of the JSON output shapes; raised only on an incompatible change.
inline constexpr int json_schema_version = 1;

/// The record with its field names as in the data, `interventions` resolved to
/// objects {code, name, category}, plus `source` (the data file it came from).
nlohmann::json json_pair(const Dataset& data, const PairRecord& record);
/// {schema_version, pair, tier, significance}: the single-pair answer.
nlohmann::json json_pair_answer(const Dataset& data, const PairRecord& record);
/// A short form for lists: {interventions, title, tier, significance}.
/// {schema_version, pair: null, interventions, no_record_caveat}: the answer for a pair without a record.
nlohmann::json json_no_record(const Dataset& data, std::size_t a, std::size_t b);
nlohmann::json json_pair_brief(const Dataset& data, const PairRecord& record);
nlohmann::json json_intervention(const Dataset& data, std::size_t index);
nlohmann::json json_scales(const Dataset& data);
nlohmann::json json_search_hit(const Dataset& data, const SearchHit& hit);
nlohmann::json json_check(const Dataset& data, const RegimenCheck& check);
nlohmann::json json_sources(const Dataset& data);
nlohmann::json json_diagnostic(const Diagnostic& diagnostic);

/// Serialises as valid UTF-8 whatever the input (invalid bytes are replaced).
std::string dump_json(const nlohmann::json& value, bool pretty);

}  // namespace pairinfo
