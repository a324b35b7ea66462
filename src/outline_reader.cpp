// The outline of a pair record, read with simdjson's On-Demand API. See outline_reader.hpp.
#include "pairinfo/outline_reader.hpp"

#include <simdjson.h>

#include <vector>

#include "pairinfo/json_parse.hpp"

namespace pairinfo {
namespace {

namespace od = simdjson::ondemand;

// A record sits two levels deep in its file (the top-level object, the "pairs" array), and
// the file may nest max_json_depth levels.
constexpr std::size_t max_record_depth = max_json_depth - 2;

// True when simdjson finds every byte of the value well-formed (On-Demand checks only what
// is read, so everything is read), with no duplicate key and no deeper nesting than allowed.
bool check_value(od::value value, std::size_t depth);

bool check_object(od::object object, std::size_t depth) {
  if (depth > max_record_depth) return false;
  std::vector<std::string> keys;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    for (const auto& seen : keys)
      if (seen == key) return false;
    keys.emplace_back(key);
    od::value value;
    if (field.value().get(value) != simdjson::SUCCESS || !check_value(value, depth)) return false;
  }
  return true;
}

bool check_value(od::value value, std::size_t depth) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      return value.get_object().get(object) == simdjson::SUCCESS && check_object(object, depth + 1);
    }
    case od::json_type::array: {
      if (depth + 1 > max_record_depth) return false;
      od::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) return false;
      for (auto item : array) {
        od::value element;
        if (item.get(element) != simdjson::SUCCESS || !check_value(element, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text) == simdjson::SUCCESS;
    }
    case od::json_type::number: {
      // As a double, so that integers of any size are numbers too (as in parse_json).
      double number = 0;
      return value.get_double().get(number) == simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool flag = false;
      return value.get_bool().get(flag) == simdjson::SUCCESS;
    }
    case od::json_type::null: {
      bool is_null = false;
      return value.is_null().get(is_null) == simdjson::SUCCESS && is_null;
    }
  }
  return false;
}

bool read_text(od::value value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return false;
  out.assign(text);
  return true;
}

}  // namespace

std::optional<RecordOutline> read_outline(std::string_view record) {
  std::size_t first = record.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || record[first] != '{') return std::nullopt;
  thread_local od::parser parser;
  simdjson::padded_string_view padded(record.data(), record.size(), record.size() + outline_padding);
  od::document document;
  if (parser.iterate(padded).get(document) != simdjson::SUCCESS) return std::nullopt;
  od::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;

  RecordOutline outline;
  bool have_codes = false;
  std::vector<std::string> keys;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return std::nullopt;
    for (const auto& seen : keys)
      if (seen == key) return std::nullopt;
    keys.emplace_back(key);
    od::value value;
    if (field.value().get(value) != simdjson::SUCCESS) return std::nullopt;
    if (key == "interventions") {
      od::array codes;
      if (value.get_array().get(codes) != simdjson::SUCCESS) return std::nullopt;
      std::size_t count = 0;
      for (auto item : codes) {
        od::value code;
        if (item.get(code) != simdjson::SUCCESS || count >= 2) return std::nullopt;
        if (!read_text(code, count == 0 ? outline.code_a : outline.code_b)) return std::nullopt;
        ++count;
      }
      if (count != 2) return std::nullopt;
      have_codes = true;
    } else if (key == "title") {
      if (!read_text(value, outline.title)) return std::nullopt;
    } else if (key == "significance") {
      if (!read_text(value, outline.significance)) return std::nullopt;
    } else if (key == "evidence") {
      // The tier is a member of "evidence"; its other members are read for soundness only.
      od::object evidence;
      if (value.get_object().get(evidence) != simdjson::SUCCESS) return std::nullopt;
      std::vector<std::string> members;
      for (auto member : evidence) {
        std::string_view name;
        if (member.unescaped_key().get(name) != simdjson::SUCCESS) return std::nullopt;
        for (const auto& seen : members)
          if (seen == name) return std::nullopt;
        members.emplace_back(name);
        od::value inner;
        if (member.value().get(inner) != simdjson::SUCCESS) return std::nullopt;
        if (name == "tier") {
          if (!read_text(inner, outline.tier)) return std::nullopt;
        } else if (!check_value(inner, 2)) {
          return std::nullopt;
        }
      }
    } else if (!check_value(value, 1)) {
      return std::nullopt;
    }
  }
  // Past the object, the document must be at its end: nothing may follow the record.
  const char* trailing = nullptr;
  if (!have_codes || document.current_location().get(trailing) == simdjson::SUCCESS) return std::nullopt;
  return outline;
}

}  // namespace pairinfo
