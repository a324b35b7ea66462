/// The command table: every subcommand's name, summary, options and the function that runs it.
#pragma once
#include <array>
#include <span>
#include <string_view>

#include "pairinfo/cli_context.hpp"

namespace CLI {
class App;
}

namespace pairinfo::cli {

struct Command {
  std::string_view name;
  std::array<std::string_view, 2> aliases;  ///< Other names; empty when unused.
  std::string_view summary;                 ///< One line, for help.
  std::string_view example;                 ///< Shown under the command's help.
  /// Adds the command's options and arguments to its CLI11 subcommand; null when it has none.
  void (*add_options)(CLI::App& command, Options& options);
  /// Runs the command once its line is parsed; null for `help`, which the dispatcher answers.
  ExitStatus (*run)(Context& ctx);
  bool hidden = false;  ///< Not listed in help (used by the shell completions).
};

/// Every subcommand, in the order help lists them.
std::span<const Command> commands();
/// Adds --sort (severity, tier or code) to `command`: the lookup's and list's, one definition.
void add_sort_option(CLI::App& command, Options& options);
/// The command with this name or alias, or null.
const Command* find_command(std::string_view word);
/// The listed command (or alias) nearest to a mistyped `word` by edit distance, or empty
/// when none is close enough to be a likely slip.
std::string_view suggest_command(std::string_view word);
/// Of `candidates`, the one nearest to `word` (one slip in a short word, two in a longer
/// one), or empty; shared by command and option suggestions.
std::string_view nearest_word(std::string_view word, std::span<const std::string_view> candidates);

// One function per command (cmd_*.cpp).
ExitStatus run_lookup(Context& ctx);         // pairinfo X [Y]
ExitStatus run_list(Context& ctx);           // cmd_lookup.cpp
ExitStatus run_search(Context& ctx);         // cmd_catalogue.cpp
ExitStatus run_interventions(Context& ctx);  // cmd_catalogue.cpp
ExitStatus run_scales(Context& ctx);         // cmd_catalogue.cpp
ExitStatus run_sources(Context& ctx);        // cmd_catalogue.cpp
ExitStatus run_check(Context& ctx);          // cmd_check.cpp
ExitStatus run_validate(Context& ctx);       // cmd_data.cpp
ExitStatus run_import(Context& ctx);         // cmd_data.cpp
ExitStatus run_export(Context& ctx);         // cmd_data.cpp
ExitStatus run_complete(Context& ctx);       // cmd_data.cpp

}  // namespace pairinfo::cli
