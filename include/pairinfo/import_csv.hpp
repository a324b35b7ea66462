/// Turning a table with one row per pair (CSV or TSV) into the text of a pairinfo data file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo {

class DataSource;

/// How to read the table. Every column option takes a header name (compared case- and
/// accent-insensitively); empty means "find it from the usual header names" and "-" means
/// "the table has no such column".
struct ImportOptions {
  /// ',', '\t', ';' or '|'; 0 takes the most frequent of tab, comma and semicolon on the
  /// header line (outside quotes), or a comma if none occurs.
  char delimiter = 0;

  /// Recognised by default: a side word (a, b, 1, 2, first, second) next to a role word,
  /// e.g. ID_A, code_b, drug1_id, DDInterID_A (codes), Name_A, drug_2_name, intervention_a,
  /// Drug_B, first (names). Each side needs a code or a name column.
  std::string col_a_code, col_a_name, col_b_code, col_b_name;
  /// Default headers: level, severity, significance, effect, clinical significance, ...
  std::string col_significance;
  /// Default headers: tier, evidence, evidence tier, evidence level, level of evidence.
  std::string col_tier;
  /// Free text for the record's summary. Default headers: summary, description, text, details.
  std::string col_summary;

  /// Raw significance value -> significance id, consulted before the built-in synonyms.
  /// Keys are compared like names (case, accents, hyphens and underscores do not matter).
  std::map<std::string, std::string> significance_map;

  /// The table's name in diagnostics (usually its path).
  std::string source_name = "<table>";
  /// Written as the data file's "name" when not empty.
  std::string dataset_name;

  /// The data the new file will be layered on, or null for a file that stands alone.
  /// When given: a code it defines, or a name, alias or code it resolves, links the row
  /// to that intervention instead of defining a new one, so the file's pairs attach to
  /// the existing catalogue and no name is claimed twice. The file then needs that data
  /// loaded before it. Its scales are the ones significance and tier values map onto.
  const Dataset* link_to = nullptr;

  /// Told how far the work has got, about every MiB and once at the end: the table is read
  /// twice, so `total` is twice its size.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  /// Given the data file a piece at a time as it is written, so that memory does not grow
  /// with the table; when empty, the data file is gathered whole in ImportResult::json.
  std::function<void(std::string_view piece)> output;
  /// How much of the table is read at a time (a record cut by the end of a piece is
  /// finished with the next one).
  std::size_t read_size = std::size_t{4} << 20;
};

struct ImportResult {
  std::string json;                   ///< The data file, ending in a newline (unless ImportOptions::output took it).
  std::size_t rows = 0;               ///< Data rows read (the header and blank lines not counted).
  std::size_t interventions = 0;      ///< Interventions the file defines.
  std::size_t linked = 0;             ///< Interventions of the table that `link_to` already defined.
  std::size_t pairs = 0;              ///< Pair records written.
  /// The columns read, as {purpose, header}: "first code", "first name", "second code",
  /// "second name", "significance", "tier", "summary"; unused purposes left out.
  std::vector<std::pair<std::string, std::string>> columns;
  std::vector<std::string> warnings;  ///< One line each, summarised (never one per row).
};

/// Reads the table and writes the data file.
///
/// - RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks;
///   CRLF or LF line ends; a UTF-8 byte-order mark is skipped; values are trimmed.
///   The first non-blank line is the header; blank lines are skipped.
/// - A side with a name but no code gets the code "IMP-" followed by 16 upper-case hex
///   digits of the 64-bit FNV-1a hash of fold_term(name), so a re-import of the same
///   names gives the same codes. A name-only side whose name matches a coded
///   intervention of the table uses that code instead. A code without a name is its own
///   name. Each code keeps the first name met for it.
/// - A name claimed by two interventions becomes "Name (CODE)" for the later one.
/// - Rows without a code or name on one side, pairing an intervention with itself, or
///   repeating a pair in either order are skipped (counted in one warning each); the
///   first row for a pair wins.
/// - Significance: the user map, then the scale's ids and names, then the synonyms
///   major/severe/contraindicated -> avoid, moderate -> caution, minor -> monitor,
///   none/no interaction -> compatible. Tier: the scale's ids and names, or a bare number
///   N for "TN". Unmapped values are left out with one warning listing them.
///
/// Throws DataError (FILE:LINE:COLUMN), for the first problem met in reading order, for an unusable table: not UTF-8, no header, a
/// missing column, an unterminated quote or text after a closing quote, a row with the
/// wrong number of fields, an invalid code (letters, digits, '-', '_', '.', at most 64),
/// or codes that would be read as the same term (AB-1 and AB_1). Throws
/// std::invalid_argument for an unusable option (a delimiter, a map target that is not a
/// significance id, a column named twice).
ImportResult import_table(std::string_view text, const ImportOptions& options);

/// The same, reading the table a piece at a time (twice): memory is bounded by the number
/// of interventions and distinct pairs, not the size of the table.
ImportResult import_table(const DataSource& table, const ImportOptions& options);

/// The code a name-only intervention gets; see import_table.
std::string generated_code(std::string_view name);

}  // namespace pairinfo
