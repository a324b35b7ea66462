// Decoding a data layer; see decode.hpp.
#include "pairinfo/decode.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/scales.hpp"

namespace pairinfo {

using json = nlohmann::json;

void Decoder::flush() {
  for (auto& p : found_) problems_.push_back({layer_, std::move(p.pointer), std::move(p.message), std::nullopt});
  found_.clear();
}

void Decoder::unreadable_member(std::string_view key, std::uint64_t offset, std::string message) {
  keys_.emplace_back(key);
  syntax_error(offset, std::move(message));
}

void Decoder::syntax_error(std::uint64_t offset, std::string message) {
  problems_.push_back({layer_, "", std::move(message), offset});
}

template <typename F>
void Decoder::for_each_item(const json& value, const std::string& at, F&& visit) {
  if (!value.is_array()) {
    check_.problem(at, fmt::format("\"{}\" must be an array, found {}", at.substr(1), json_type_name(value)));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) visit(value[i], fmt::format("{}/{}", at, i), i);
}

void Decoder::member(Layer& layer, std::string_view key, const json& value) {
  static const std::vector<std::string_view> known = {"$schema", "format",        "format_version", "name", "description",
                                                      "scales",  "categories",    "interventions",  "pairs"};
  std::string at = "/" + pointer_token(key);
  keys_.emplace_back(key);
  if (!key.starts_with("x-") && std::find(known.begin(), known.end(), key) == known.end())
    check_.problem(at, fmt::format("unknown key \"{}\" (extensions must start with \"x-\")", key));
  else if (key == "format" && (!value.is_string() || value != "pairinfo"))
    check_.problem(at, "\"format\" must be the string \"pairinfo\"");
  else if (key == "format_version" && (!value.is_number_integer() || value != 1))
    check_.problem(at, "this version of pairinfo reads format_version 1");
  else if (key == "pairs")  // an array of records is split; anything else comes here
    check_.problem(at, fmt::format("\"pairs\" must be an array, found {}", json_type_name(value)));
  else if (key == "name")
    layer.info.name = check_.text(value, at, "\"name\"");
  else if (key == "description")
    check_.text(value, at, "\"description\"");
  else if (key == "scales")
    layer.scales = decode_scales(value, at);
  else if (key == "categories")
    for_each_item(value, at, [&](const json& item, const std::string& where, std::size_t) {
      if (!check_.expect_object(item, where)) return;
      check_.check_keys(item, where, {"id", "prefix", "name", "description"});
      Category category;
      category.id = check_.required_text(item, where, "id");
      category.prefix = check_.optional_text(item, where, "prefix");
      category.name = check_.optional_text(item, where, "name");
      category.description = check_.optional_text(item, where, "description");
      layer.categories.push_back(std::move(category));
    });
  else if (key == "interventions")
    for_each_item(value, at, [&](const json& item, const std::string& where, std::size_t position) {
      if (!check_.expect_object(item, where)) return;
      check_.check_keys(item, where, {"code", "name", "category", "aliases", "summary", "members"});
      Intervention intervention;
      intervention.code = check_.required_code(item, where, "code");
      intervention.name = check_.required_text(item, where, "name");
      intervention.category = check_.optional_text(item, where, "category");
      intervention.aliases = check_.text_list(item, where, "aliases");
      intervention.summary = check_.optional_text(item, where, "summary");
      if (const json* members = check_.array_member(item, where, "members"))
        for (std::size_t k = 0; k < members->size(); ++k)
          if (std::string code =
                  check_.code((*members)[k], fmt::format("{}/members/{}", where, k), "each item of \"members\"");
              !code.empty())
            intervention.members.push_back(std::move(code));
      intervention.layer = layer_;
      intervention.position = position;
      layer.interventions.push_back(std::move(intervention));
    });
  flush();
}

void Decoder::finish(Layer& layer) {
  auto has = [&](std::string_view key) { return std::find(keys_.begin(), keys_.end(), key) != keys_.end(); };
  if (!has("interventions") && !has("pairs") && !layer.has_pairs)
    check_.problem("", "the data file defines neither \"interventions\" nor \"pairs\"");
  layer.info.interventions = layer.interventions.size();
  flush();
}

std::optional<PairRecord> Decoder::record(std::string_view text, std::uint64_t offset, std::size_t index,
                                          RecordParts keep) {
  json item;
  try {
    item = parse_record(text, keep);
  } catch (const JsonSyntaxError& error) {
    syntax_error(offset + error.offset(), error.what());
    return std::nullopt;
  }
  return record(item, index, keep);
}

std::optional<PairRecord> Decoder::record(const json& item, std::size_t index, RecordParts keep) {
  std::string at = fmt::format("/pairs/{}", index);
  if (!check_.expect_object(item, at)) {
    flush();
    return std::nullopt;
  }
  return decode_record(item, at, keep);
}

PairRecord Decoder::decode_record(const json& item, const std::string& at, RecordParts keep) {
  PairRecord record;
  record.layer = layer_;
  record.pointer = at;
  record.parts = keep;
  auto codes = item.find("interventions");
  if (codes == item.end()) {
    check_.problem(at, "missing required key \"interventions\" (the two codes of the pair)");
  } else if (!codes->is_array() || codes->size() != 2) {
    check_.problem(at + "/interventions", "\"interventions\" must be an array of exactly two codes");
  } else {
    for (std::size_t k = 0; k < 2; ++k)
      record.codes[k] = check_.text((*codes)[k], fmt::format("{}/interventions/{}", at, k), "a code");
  }
  decode_fields(item, strict_, keep, record.fields, check_, at);
  flush();
  return record;
}

Scale Decoder::decode_scale(const json& value, const std::string& at) {
  Scale scale;
  if (!value.is_array() || value.empty()) {
    check_.problem(at, "a scale must be a non-empty array of {id, name, description}");
    return scale;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string where = fmt::format("{}/{}", at, i);
    const json& item = value[i];
    if (!check_.expect_object(item, where)) continue;
    check_.check_keys(item, where, {"id", "name", "description", "symbol"});
    ScaleEntry entry;
    entry.id = check_.required_text(item, where, "id");
    entry.name = check_.required_text(item, where, "name");
    entry.description = check_.required_text(item, where, "description");
    entry.symbol = check_.optional_text(item, where, "symbol");
    if (!entry.id.empty() && scale.find(entry.id))
      check_.problem(where + "/id", fmt::format("the scale defines \"{}\" twice", entry.id));
    scale.entries.push_back(std::move(entry));
  }
  return scale;
}

Scales Decoder::decode_scales(const json& value, const std::string& at) {
  Scales scales = default_scales();
  if (!check_.expect_object(value, at)) return scales;
  check_.check_keys(value, at, {"tiers", "significance"});
  if (auto it = value.find("tiers"); it != value.end()) scales.tiers = decode_scale(*it, at + "/tiers");
  if (auto it = value.find("significance"); it != value.end())
    scales.significance = decode_scale(*it, at + "/significance");
  return scales;
}

}  // namespace pairinfo
