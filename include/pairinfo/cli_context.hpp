/// What every command shares: the parsed options, the output format, the data in effect and the error that ends a command.
#pragma once
#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pairinfo/exit_status.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/terminal.hpp"

namespace pairinfo::cli {

enum class Format { text, json, jsonl, markdown };

/// An error that ends the command with a status; each line is printed as `pairinfo: error: LINE`.
/// With JSON output it is also written to standard error as {"error": {code, message, term, suggestions}}.
struct Failure {
  Failure(ExitStatus status_, std::vector<std::string> lines_, std::string code_ = {}, std::string term_ = {},
          std::vector<std::string> suggestions_ = {})
      : status(status_), lines(std::move(lines_)), code(std::move(code_)), term(std::move(term_)),
        suggestions(std::move(suggestions_)) {}

  ExitStatus status;
  std::vector<std::string> lines;
  std::string code;                      ///< For scripts; empty: named after `status`.
  std::string term;                      ///< What the user typed that caused it, if anything.
  std::vector<std::string> suggestions;  ///< What may have been meant (codes, commands, options).
};

/// The stable name of an error for scripts: "usage", "unknown_name", "no_record", ...
std::string_view error_code(ExitStatus status);

/// Everything the command line can say, filled in by CLI11 (cli_commands.cpp).
struct Options {
  std::vector<std::string> data_files;
  bool no_bundled = false;
  bool no_user_data = false;  // also PAIRINFO_NO_USER_DATA
  std::string format;  // empty: not given (text)
  bool json = false;
  std::string color = "auto";
  std::string width;  // checked by parse_width
  bool verbose = false;
  bool pager = false;
  bool brief = false;  // a pair's record in about 20 lines

  std::vector<std::string> terms;  // pairinfo X [Y]

  std::string with, category, tier;  // list
  std::vector<std::string> effects;  // list --effect, repeated or comma-separated
  std::string min_effect;            // list --min-effect
  std::vector<std::string> labelling;  // list --labelling, repeated or comma-separated
  std::string sort;                  // list and lookup: severity (default), tier or code
  std::vector<std::string> list_words;           // list INTERVENTION (= --with)
  std::vector<std::string> intervention_words;   // interventions WORD...
  std::vector<std::string> words;            // search
  std::size_t limit = 20;
  std::vector<std::string> check_terms;  // check
  bool full = false;
  std::string fail_on;
  std::vector<std::string> validate_files;  // validate
  bool each = false;                        // validate --each: every file alone
  bool strict = false;
  std::string complete_kind;  // __complete
  std::string help_topic;     // help [COMMAND]

  std::string import_file, import_output, import_delimiter, import_name;  // import
  std::string export_format, export_output;                             // export
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
  bool json_errors = false;          // errors also go to standard error as JSON
  /// An answer that is also an error (no record): with JSON output, reported on standard error after it.
  std::optional<Failure> also_report;
};

/// --width: 20 to 1000 columns, or 0 (and not given) for automatic; throws a usage Failure otherwise.
std::optional<std::size_t> parse_width(const std::string& text);
/// The name of a format, as --format takes it.
std::string_view format_name(Format format);

/// The format asked for; throws Failure for an unknown one.
Format parse_format(const Options& options);

/// Adds a command's output; the first piece is moved in, not copied (it may be megabytes).
void emit(Context& ctx, std::string text);
/// Prints a list of JSON values as one array (json) or one value per line (jsonl).
void emit_json_list(Context& ctx, const nlohmann::json& items);
/// Throws a usage Failure unless the format asked for is one of `allowed`.
void require_format(const Context& ctx, std::initializer_list<Format> allowed, std::string_view command);

/// Codes of interventions, for a PairScope.
std::vector<std::string> codes_of(const Dataset& data, const std::vector<std::size_t>& indexes);
/// What the user typed, safe and short enough to quote in a one-line message.
std::string quoted_term(std::string_view term);
/// The intervention `term` names; throws Failure (not found, or ambiguous) otherwise.
std::size_t resolve_or_fail(const Dataset& data, const std::string& term);

}  // namespace pairinfo::cli
