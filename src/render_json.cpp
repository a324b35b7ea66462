// JSON renderer; see render_json.hpp.
#include "pairinfo/render_json.hpp"

#include <fmt/format.h>

#include "pairinfo/render_text.hpp"

namespace pairinfo {
namespace {

using json = nlohmann::json;

json intervention_ref(const Dataset& data, std::string_view code) {
  std::size_t index = data.find_code(code);
  if (index == Dataset::npos) return {{"code", code}, {"name", code}};
  const InterventionView intervention = data.interventions()[index];
  json out = {{"code", intervention.code}, {"name", intervention.name}};
  if (!intervention.category.empty()) out["category"] = intervention.category;
  return out;
}

json scale_entry(const Scale& scale, const std::string& id) {
  const ScaleEntry* entry = scale.find(id);
  if (!entry) return nullptr;
  json out = {{"id", entry->id}, {"name", entry->name}, {"description", entry->description}};
  if (!entry->symbol.empty()) out["symbol"] = entry->symbol;
  return out;
}

}  // namespace

json json_pair(const Dataset& data, const PairRecord& record) {
  require_parts(record, RecordParts::whole);
  json out = json::object();
  out["interventions"] = json::array({intervention_ref(data, record.codes[0]), intervention_ref(data, record.codes[1])});
  encode_fields(record.fields, out);
  out["source"] = data.layers().at(record.layer).source;
  return out;
}

json json_pair_answer(const Dataset& data, const PairRecord& record) {
  return {{"schema_version", json_schema_version},
          {"pair", json_pair(data, record)},
          {"tier", scale_entry(data.scales().tiers, std::string(record.text(Field::tier)))},
          {"significance", scale_entry(data.scales().significance, std::string(record.text(Field::significance)))}};
}

json json_no_record(const Dataset& data, std::size_t a, std::size_t b) {
  return {{"schema_version", json_schema_version},
          {"pair", nullptr},
          {"interventions", json::array({intervention_ref(data, data.interventions()[a].code),
                                         intervention_ref(data, data.interventions()[b].code)})},
          {"no_record_caveat", no_record_caveat}};
}

json json_pair_brief(const Dataset& data, const PairRecord& record) {
  json out = {{"interventions", json::array({intervention_ref(data, record.codes[0]), intervention_ref(data, record.codes[1])})},
              {"title", pair_title(data, record)},
              {"tier", record[Field::tier]},
              {"significance", record[Field::significance]}};
  return out;
}

json json_intervention(const Dataset& data, std::size_t index) {
  const InterventionView intervention = data.interventions()[index];
  json out = {{"code", intervention.code},
              {"name", intervention.name},
              {"category", intervention.category},
              {"aliases", std::vector<std::string_view>(intervention.aliases.begin(), intervention.aliases.end())},
              {"pairs", data.pairs_with(index).size()}};
  if (!intervention.summary.empty()) out["summary"] = intervention.summary;
  return out;
}

json json_scales(const Dataset& data) {
  auto scale = [](const Scale& s) {
    json out = json::array();
    for (const auto& entry : s.entries) out.push_back(scale_entry(s, entry.id));
    return out;
  };
  return {{"tiers", scale(data.scales().tiers)}, {"significance", scale(data.scales().significance)}};
}

json json_search_hit(const Dataset& data, const SearchHit& hit) {
  json out = json_pair_brief(data, data.pairs()[hit.pair]);
  out["score"] = hit.score;
  out["field"] = hit.field;
  out["snippet"] = hit.snippet;
  return out;
}

json json_check(const Dataset& data, const RegimenCheck& check) {
  json interventions = json::array();
  for (std::size_t index : check.interventions)
    interventions.push_back(intervention_ref(data, data.interventions()[index].code));
  json found = json::array();
  for (std::size_t index : check.found) found.push_back(json_pair(data, data.pairs()[index]));
  json missing = json::array();
  for (const auto& [a, b] : check.missing)
    missing.push_back(json::array({intervention_ref(data, data.interventions()[a].code),
                                   intervention_ref(data, data.interventions()[b].code)}));
  json duplicates = json::array();
  for (const auto& [term, index] : check.duplicates)
    duplicates.push_back({{"term", term}, {"code", data.interventions()[index].code}});
  json missing_note = check.missing.empty() ? json(nullptr) : json(no_record_caveat);
  json unresolved = json::array();
  for (const auto& miss : check.unresolved) {
    json suggestions = json::array();
    for (std::size_t index : miss.suggestions)
      suggestions.push_back(intervention_ref(data, data.interventions()[index].code));
    unresolved.push_back({{"term", miss.term},
                          {"reason", miss.ambiguous ? "ambiguous" : "unknown"},
                          {"suggestions", suggestions}});
  }
  return {{"schema_version", json_schema_version},
          {"complete", check.unresolved.empty()},
          {"interventions", interventions},
          {"duplicates", duplicates},
          {"found", found},
          {"missing", missing},
          {"missing_note", missing_note},
          {"unresolved", unresolved}};
}

json json_sources(const Dataset& data) {
  json layers = json::array();
  for (const auto& layer : data.layers())
    layers.push_back({{"source", layer.source}, {"name", layer.name}, {"interventions", layer.interventions}, {"pairs", layer.pairs}});
  return {{"schema_version", json_schema_version}, {"layers", layers}, {"interventions", data.interventions().size()}};
}

json json_diagnostic(const Diagnostic& diagnostic) {
  return {{"file", diagnostic.file},
          {"line", diagnostic.line},
          {"column", diagnostic.column},
          {"pointer", diagnostic.pointer},
          {"message", diagnostic.message}};
}

std::string dump_json(const json& value, bool pretty) {
  std::string text = value.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
  // Characters that change what a terminal or an editor shows are written as \uXXXX: C1
  // controls (U+0080..U+009F, C2 80..C2 9F) and the bidirectional overrides and isolates
  // (U+202A..U+202E, E2 80 AA..AE; U+2066..U+2069, E2 81 A6..A9). Outside strings JSON
  // text is ASCII, so every such sequence is inside a string.
  auto needs = [&](std::size_t i) -> std::size_t {  // the sequence's length, or 0
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size()) {
      unsigned char d = static_cast<unsigned char>(text[i + 1]);
      return d >= 0x80 && d <= 0x9F ? 2 : 0;
    }
    if (c == 0xE2 && i + 2 < text.size()) {
      unsigned char d = static_cast<unsigned char>(text[i + 1]), e = static_cast<unsigned char>(text[i + 2]);
      if (d == 0x80 && e >= 0xAA && e <= 0xAE) return 3;
      if (d == 0x81 && e >= 0xA6 && e <= 0xA9) return 3;
    }
    return 0;
  };
  std::size_t first = 0;
  while (first < text.size() && !needs(first)) ++first;
  if (first >= text.size()) return text;
  std::string out(text, 0, first);
  for (std::size_t i = first; i < text.size();) {
    std::size_t length = needs(i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    unsigned code = length == 2 ? static_cast<unsigned char>(text[i + 1])
                                : 0x2000u + ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) +
                                      (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    out += fmt::format("\\u{:04x}", code);
    i += length;
  }
  return out;
}

}  // namespace pairinfo
