/// Checking decoded JSON values against the data format, one problem per JSON pointer, with
/// the wording every message of `validate` shares.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pairinfo {

/// One problem in a decoded document: where (a JSON pointer) and what.
struct JsonProblem {
  std::string pointer;
  std::string message;
};

/// "a string", "an array"...: how a message names the type of a value.
std::string json_type_name(const nlohmann::json& value);
/// A key escaped for use in a JSON pointer ("~" and "/").
std::string pointer_token(std::string_view key);
/// True for a YYYY-MM-DD string naming a real calendar date.
bool is_valid_date(std::string_view date);

/// Checks values and records what is wrong with them; never throws for bad data.
class JsonChecker {
 public:
  explicit JsonChecker(std::vector<JsonProblem>& problems) : problems_(problems) {}

  void problem(std::string pointer, std::string message);
  /// Keys of `object` that are neither known nor extensions ("x-...") are problems.
  void check_keys(const nlohmann::json& object, const std::string& at, std::initializer_list<std::string_view> known);
  void check_keys(const nlohmann::json& object, const std::string& at, const std::vector<std::string_view>& known);
  bool expect_object(const nlohmann::json& value, const std::string& at);
  /// An array; a problem naming it as `what` otherwise.
  bool expect_array(const nlohmann::json& value, const std::string& at, std::string_view what);
  /// Non-blank text; reports and returns "" otherwise. `what` names it in messages.
  std::string text(const nlohmann::json& value, const std::string& at, std::string_view what);
  std::string optional_text(const nlohmann::json& object, const std::string& at, std::string_view key);
  std::string required_text(const nlohmann::json& object, const std::string& at, std::string_view key);
  /// Text that is a valid code (letters, digits, '-', '_', '.'; at most 64).
  std::string code(const nlohmann::json& value, const std::string& at, std::string_view what);
  std::string required_code(const nlohmann::json& object, const std::string& at, std::string_view key);
  /// One of `allowed`; reports and returns "" otherwise.
  std::string one_of(const nlohmann::json& object, const std::string& at, std::string_view key,
                     const std::vector<std::string_view>& allowed, bool required);
  /// The items of array member `key`, when it is an array; a problem when it is something else.
  const nlohmann::json* array_member(const nlohmann::json& object, const std::string& at, std::string_view key);
  std::vector<std::string> text_list(const nlohmann::json& object, const std::string& at, std::string_view key);

 private:
  std::vector<JsonProblem>& problems_;
};

}  // namespace pairinfo
