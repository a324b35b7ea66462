// The command table; see cli_commands.hpp. Each command's options are defined here, once.
#include "pairinfo/cli_commands.hpp"

#include <CLI/CLI.hpp>
#include <limits>
#include <vector>

#include "pairinfo/record_fields.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {

void add_sort_option(CLI::App& command, Options& options);

namespace {

// An empty value is a mistake (an unset shell variable), not "no filter".
const CLI::Validator& non_empty() {
  static const CLI::Validator validator(
      [](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "", "non-empty");
  return validator;
}

void list_options(CLI::App& c, Options& o) {
  c.add_option("intervention", o.list_words, "Only records that include this intervention (as --with)")->type_name("X");
  c.add_option("--with", o.with, "Only records that include this intervention")->type_name("X")->check(non_empty());
  c.add_option("--category", o.category, "Only records with an intervention of this category")->type_name("C")->check(non_empty());
  c.add_option("--tier", o.tier, "Only records of this evidence tier")->type_name("T")->check(non_empty());
  c.add_option("--effect,--significance", o.effects, "Only records of these clinical significances (comma-separated or repeated)")
      ->type_name("E[,E...]")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per --effect, so `list --effect avoid warfarin` lists warfarin's
      ->check(non_empty());
  c.add_option("--min-effect", o.min_effect, "Only records at least this serious")->type_name("LEVEL")->check(non_empty());
  c.add_option("--labelling", o.labelling,
               "Only records whose product labelling says this: contraindicated, warns, silent, not-applicable")
      ->type_name("STATUS[,STATUS...]")
      ->delimiter(',')
      ->check(CLI::IsMember(labelling_statuses()));
  add_sort_option(c, o);
}

void add_sort_option_impl(CLI::App& c, Options& o) {
  c.add_option("--sort", o.sort, "Order of list lines: severity (most serious first; the default), tier or code")
      ->type_name("ORDER")
      ->check(CLI::IsMember({"severity", "tier", "code"}));
}

void search_options(CLI::App& c, Options& o) {
  c.add_option("words", o.words, "Words that must all appear (case-insensitive)")->required()->check(non_empty());
  c.add_option("--limit", o.limit, "At most this many results (0: all)")->type_name("N");
}

void interventions_options(CLI::App& c, Options& o) {
  c.add_option("words", o.intervention_words, "Only interventions whose code, name, alias or category holds these words")
      ->type_name("WORD");
  c.add_option("--category", o.category, "Only this category")->type_name("C")->check(non_empty());
}

void check_options(CLI::App& c, Options& o) {
  c.add_option("interventions", o.check_terms, "Two or more interventions")->required();
  c.add_flag("--full", o.full, "Print each record whole");
  c.add_option("--fail-on", o.fail_on, "Exit 4 if a found pair reaches this significance")->type_name("LEVEL")->check(non_empty());
}

void validate_options(CLI::App& c, Options& o) {
  c.add_option("files", o.validate_files,
               "Data files, checked as one stack in this order, like --data (default: the data in effect)");
  c.add_flag("--each", o.each, "Check each file alone (on the bundled data), not as one stack");
  c.add_flag("--strict", o.strict, "Require the full article in every record");
}

void import_options(CLI::App& c, Options& o) {
  c.add_option("file", o.import_file, "The table: one row per pair, a header line first")->required();
  c.add_option("-o,--output", o.import_output, "Write the data file here (default: standard output)")->type_name("FILE");
  c.add_option("--delimiter", o.import_delimiter, "Field separator: one character or 'tab' (default: detected)")->type_name("C");
  c.add_option("--col-a-code", o.col_a_code, "Header of the first intervention's code column")->type_name("NAME");
  c.add_option("--col-a-name", o.col_a_name, "Header of the first intervention's name column")->type_name("NAME");
  c.add_option("--col-b-code", o.col_b_code, "Header of the second intervention's code column")->type_name("NAME");
  c.add_option("--col-b-name", o.col_b_name, "Header of the second intervention's name column")->type_name("NAME");
  c.add_option("--col-significance", o.col_significance, "Header of the clinical significance column")->type_name("NAME");
  c.add_option("--col-tier", o.col_tier, "Header of the evidence tier column")->type_name("NAME");
  c.add_option("--col-summary", o.col_summary, "Header of a free-text column, kept as the summary")->type_name("NAME");
  c.add_option("--map", o.import_map, "Map a raw significance value to a level, e.g. --map Major=avoid")
      ->type_name("RAW=ID")
      ->allow_extra_args(false);  // one value per --map: the table may follow
  c.add_option("--name", o.import_name, "The data file's name")->type_name("TEXT");
  c.add_flag("--standalone", o.standalone, "Do not link names to the data in effect; define every intervention");
}

void export_options(CLI::App& c, Options& o) {
  c.add_option("-f,--format", o.export_format, "What to write: sqlite (the default)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"sqlite"}));
  c.add_option("-o,--output", o.export_output, "The file to write (replaced atomically)")->type_name("FILE")->required();
}

void complete_options(CLI::App& c, Options& o) {
  c.add_option("kind", o.complete_kind, "codes, names, categories, tiers, effects or commands")->required();
}

void help_options(CLI::App& c, Options& o) {
  c.add_option("command", o.help_topic, "The command to describe")->type_name("COMMAND");
}

const Command table[] = {
    {"list", {}, "One line per pair record, filtered", "pairinfo list --with isotretinoin --effect avoid", list_options,
     run_list},
    {"search", {}, "Full-text search over every record", "pairinfo search bleeding fish oil", search_options, run_search},
    {"interventions", {}, "The catalogue: codes, names, categories, aliases",
     "pairinfo interventions --category supplement", interventions_options, run_interventions},
    {"scales", {"tiers", "effects"}, "What the evidence tiers and significance levels mean", "pairinfo scales", nullptr,
     run_scales},
    {"check", {}, "Every known pair among several interventions",
     "pairinfo check microneedling estradiol isotretinoin \"fish oil\" metformin", check_options, run_check},
    {"validate", {}, "Check data files and report every problem", "pairinfo validate --strict my-data.json",
     validate_options, run_validate},
    {"sources", {}, "The data layers in effect, with their counts", "pairinfo --data clinic.json sources", nullptr,
     run_sources},
    {"import", {}, "Turn a CSV or TSV table of pairs into a data file",
     "pairinfo import interactions.csv -o ~/.local/share/pairinfo/interactions.json", import_options, run_import},
    {"export", {}, "Write the data in effect to an SQLite database, every field of every record",
     "pairinfo export --format sqlite -o pairinfo.db", export_options, run_export},
    {"help", {}, "Help on pairinfo or on one command", "pairinfo help check", help_options, nullptr},
    // For the shell completions: asks pairinfo itself, so candidates never go stale.
    {"__complete", {}, "Completion candidates (for shell scripts)", "", complete_options, run_complete, true},
};

}  // namespace

std::span<const Command> commands() { return table; }

void add_sort_option(CLI::App& command, Options& options) { add_sort_option_impl(command, options); }

const Command* find_command(std::string_view word) {
  for (const Command& command : table) {
    if (command.name == word) return &command;
    for (std::string_view alias : command.aliases)
      if (!alias.empty() && alias == word) return &command;
  }
  return nullptr;
}

std::string_view nearest_word(std::string_view word, std::span<const std::string_view> candidates) {
  if (word.empty() || word.size() > 64) return {};
  std::size_t threshold = word.size() <= 4 ? 1 : 2;
  std::string_view best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (std::string_view candidate : candidates) {
    std::size_t distance = edit_distance(word, candidate);
    if (distance <= threshold && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string_view suggest_command(std::string_view word) {
  std::vector<std::string_view> names;
  for (const Command& command : table) {
    if (command.hidden) continue;
    names.push_back(command.name);
    for (std::string_view alias : command.aliases)
      if (!alias.empty()) names.push_back(alias);
  }
  return nearest_word(word, names);
}

}  // namespace pairinfo::cli
