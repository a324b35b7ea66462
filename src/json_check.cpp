// Checking decoded JSON values; see json_check.hpp.
#include "pairinfo/json_check.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pairinfo {

using json = nlohmann::json;

std::string json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

bool is_valid_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return false;
  auto number = [&](std::size_t at, std::size_t n) {
    int value = 0;
    for (std::size_t i = at; i < at + n; ++i) value = value * 10 + (date[i] - '0');
    return value;
  };
  int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

void JsonChecker::problem(std::string pointer, std::string message) {
  problems_.push_back({std::move(pointer), std::move(message)});
}

void JsonChecker::check_keys(const json& object, const std::string& at, const std::vector<std::string_view>& known) {
  for (const auto& [key, value] : object.items()) {
    if (key.starts_with("x-") || std::find(known.begin(), known.end(), key) != known.end()) continue;
    problem(at + "/" + pointer_token(key), fmt::format("unknown key \"{}\" (extensions must start with \"x-\")", key));
  }
}

void JsonChecker::check_keys(const json& object, const std::string& at, std::initializer_list<std::string_view> known) {
  check_keys(object, at, std::vector<std::string_view>(known));
}

bool JsonChecker::expect_object(const json& value, const std::string& at) {
  if (value.is_object()) return true;
  problem(at, fmt::format("expected an object, found {}", json_type_name(value)));
  return false;
}

bool JsonChecker::expect_array(const json& value, const std::string& at, std::string_view what) {
  if (value.is_array()) return true;
  problem(at, fmt::format("{} must be an array, found {}", what, json_type_name(value)));
  return false;
}

std::string JsonChecker::text(const json& value, const std::string& at, std::string_view what) {
  if (!value.is_string()) {
    problem(at, fmt::format("{} must be text, found {}", what, json_type_name(value)));
    return {};
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    problem(at, fmt::format("{} must not be empty", what));
    return {};
  }
  return text;
}

std::string JsonChecker::optional_text(const json& object, const std::string& at, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  return text(*it, at + "/" + std::string(key), fmt::format("\"{}\"", key));
}

std::string JsonChecker::required_text(const json& object, const std::string& at, std::string_view key) {
  if (!object.contains(key)) {
    problem(at, fmt::format("missing required key \"{}\"", key));
    return {};
  }
  return optional_text(object, at, key);
}

std::string JsonChecker::code(const json& value, const std::string& at, std::string_view what) {
  std::string code = text(value, at, what);
  bool ok = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
  if (!ok) {
    problem(at, "a code may hold only letters, digits, '-', '_' and '.'");
    return {};
  }
  if (code.size() > 64) problem(at, "a code may be at most 64 characters long");
  return code;
}

std::string JsonChecker::required_code(const json& object, const std::string& at, std::string_view key) {
  if (!object.contains(key)) {
    problem(at, fmt::format("missing required key \"{}\"", key));
    return {};
  }
  return code(object[std::string(key)], at + "/" + std::string(key), fmt::format("\"{}\"", key));
}

std::string JsonChecker::one_of(const json& object, const std::string& at, std::string_view key,
                                const std::vector<std::string_view>& allowed, bool required) {
  std::string value = required ? required_text(object, at, key) : optional_text(object, at, key);
  if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  problem(at + "/" + std::string(key), fmt::format("\"{}\" must be one of {}, found \"{}\"", key, list, value));
  return {};
}

const json* JsonChecker::array_member(const json& object, const std::string& at, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) return nullptr;
  return expect_array(*it, at + "/" + std::string(key), fmt::format("\"{}\"", key)) ? &*it : nullptr;
}

std::vector<std::string> JsonChecker::text_list(const json& object, const std::string& at, std::string_view key) {
  std::vector<std::string> out;
  const json* items = array_member(object, at, key);
  if (!items) return out;
  std::string what = fmt::format("each item of \"{}\"", key);
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string item = text((*items)[i], fmt::format("{}/{}/{}", at, key, i), what);
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace pairinfo
