/// What every command shares: the parsed options, the output format, the data in effect and the error that ends a command.
#pragma once
#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/exit_status.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/terminal.hpp"

namespace pairinfo::cli {

enum class Format { text, json, jsonl, markdown };

/// An error that ends the command with a status; each line is printed as `pairinfo: error: LINE`.
struct Failure {
  ExitStatus status;
  std::vector<std::string> lines;
};

/// Everything the command line can say, filled in by CLI11 (cli_commands.cpp).
struct Options {
  std::vector<std::string> data_files;
  bool no_bundled = false;
  std::string format = "text";
  bool json = false;
  std::string color = "auto";
  std::optional<std::size_t> width;
  bool verbose = false;
  bool pager = false;

  std::vector<std::string> terms;  // pairinfo X [Y]

  std::string with, category, tier, effect;  // list
  std::vector<std::string> words;            // search
  std::size_t limit = 20;
  std::vector<std::string> check_terms;  // check
  bool full = false;
  std::string fail_on;
  std::vector<std::string> validate_files;  // validate
  bool strict = false;
  std::string complete_kind;  // __complete
  std::string help_topic;     // help [COMMAND]

  std::string import_file, import_output, import_delimiter, import_name;  // import
  std::string col_a_code, col_a_name, col_b_code, col_b_name, col_significance, col_tier, col_summary;
  std::vector<std::string> import_map;
  bool standalone = false;
};

/// One command's run: its options, how to style output, the output gathered so far and the data it opened.
struct Context {
  Options options;
  Format format = Format::text;
  TextStyle style;
  std::string out;
  std::optional<DataLoader> loader;  // the data in effect, opened once per command
};

/// The format asked for; throws Failure for an unknown one.
Format parse_format(const Options& options);

/// Adds a command's output; the first piece is moved in, not copied (it may be megabytes).
void emit(Context& ctx, std::string text);
/// Prints a list of JSON values as one array (json) or one value per line (jsonl).
void emit_json_list(Context& ctx, const nlohmann::json& items);
/// The data in effect, opened on first use.
DataLoader& open_data(Context& ctx);
/// Throws a usage Failure unless the format asked for is one of `allowed`.
void require_format(const Context& ctx, std::initializer_list<Format> allowed, std::string_view command);

/// Codes of interventions, for a PairScope.
std::vector<std::string> codes_of(const Dataset& data, const std::vector<std::size_t>& indexes);
/// What the user typed, safe and short enough to quote in a one-line message.
std::string quoted_term(std::string_view term);
/// The intervention `term` names; throws Failure (not found, or ambiguous) otherwise.
std::size_t resolve_or_fail(const Dataset& data, const std::string& term);

}  // namespace pairinfo::cli
