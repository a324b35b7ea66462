// Importing a CSV/TSV table of pairs as a pairinfo data file; see import_csv.hpp.
#include "pairinfo/import_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t progress_step = std::size_t{1} << 20;
constexpr std::size_t max_listed_values = 5;
// Distinct unmapped values remembered for the warning; the rest are only counted.
constexpr std::size_t max_tracked_values = 1000;

[[noreturn]] void fail_at(const std::string& source, TextPosition position, std::string message) {
  throw DataError({Diagnostic{source, position.line, position.column, "", std::move(message)}});
}

bool is_blank(char c, char delimiter) { return c == ' ' || c == '\r' || (c == '\t' && delimiter != '\t'); }

std::string_view trim(std::string_view text, char delimiter) {
  while (!text.empty() && is_blank(text.front(), delimiter)) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back(), delimiter)) text.remove_suffix(1);
  return text;
}

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string_view::npos;
  // Rare: find the place by trying each sequence length at each character.
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    for (std::size_t k = 1; k <= 4 && i + k <= text.size() && length == 0; ++k)
      if (is_valid_utf8(text.substr(i, k))) length = k;
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

struct Field {
  std::string value;
  TextPosition position;  // where the field starts, for diagnostics
  bool quoted = false;
};

// Reads RFC 4180 records one at a time from a window of the table that starts at a record.
// Unless the window is the table's last, a record it cuts short is left for the next window
// (which starts with it); line numbers and columns count on across windows.
class TableReader {
 public:
  enum class Read { record, more, end };

  explicit TableReader(const std::string& source) : source_(source) {}

  void set_delimiter(char delimiter) { delimiter_ = delimiter; }
  void set_window(std::string_view window, bool last) {
    body_ = window;
    last_ = last;
    pos_ = line_start_ = 0;
    counted_from_ = counted_to_ = 0;
    column_ = 1;
  }
  // Bytes of the window read as whole records.
  std::size_t consumed() const noexcept { return pos_; }

  // Fills fields[0..count) with the next non-blank record.
  Read next(std::vector<Field>& fields, std::size_t& count, std::size_t& line) {
    while (pos_ < body_.size()) {
      std::size_t start = pos_, start_line = line_, start_line_start = line_start_;
      line = line_;
      count = 0;
      if (!read_record(fields, count)) {
        pos_ = start;  // cut short: read again, whole, from the next window
        line_ = start_line;
        line_start_ = start_line_start;
        return Read::more;
      }
      // Checked record by record, so problems are met in reading order however the table
      // is cut into windows. A record starts a line.
      std::string_view record = body_.substr(start, pos_ - start);
      if (std::size_t bad = first_invalid_utf8(record); bad != std::string_view::npos) {
        TextPosition position = position_of(record, bad);
        position.line += start_line - 1;
        fail_at(source_, position, "the table is not UTF-8 text (save it as UTF-8 and import it again)");
      }
      bool blank = count == 1 && !fields[0].quoted && fields[0].value.empty();
      if (!blank) return Read::record;
    }
    return last_ ? Read::end : Read::more;
  }

 private:
  // Columns are counted on from the last place asked for on the same line, so a line of
  // many fields costs its length once, not once per field.
  TextPosition position_at(std::size_t offset) {
    if (counted_from_ != line_start_ || offset < counted_to_) {
      counted_from_ = counted_to_ = line_start_;
      column_ = 1;
    }
    for (; counted_to_ < offset && counted_to_ < body_.size(); ++counted_to_)
      if ((static_cast<unsigned char>(body_[counted_to_]) & 0xC0) != 0x80) ++column_;  // characters, not bytes
    TextPosition position;
    position.line = line_;
    position.column = column_;
    return position;
  }

  // False when the window ends before the record does (and more of the table follows).
  bool read_record(std::vector<Field>& fields, std::size_t& count) {
    for (;;) {
      if (count == fields.size()) fields.emplace_back();
      Field& field = fields[count++];
      field.value.clear();
      field.position = position_at(pos_);
      field.quoted = false;
      std::size_t start = pos_;
      while (start < body_.size() && is_blank(body_[start], delimiter_)) ++start;
      if (start < body_.size() && body_[start] == '"') {
        if (!read_quoted(field, start)) return false;
      } else {
        read_plain(field);
      }
      if (pos_ < body_.size() && body_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      if (pos_ < body_.size()) {  // at '\n'
        ++pos_;
        ++line_;
        line_start_ = pos_;
        return true;
      }
      return last_;
    }
  }

  void read_plain(Field& field) {
    std::size_t end = pos_;
    while (end < body_.size() && body_[end] != delimiter_ && body_[end] != '\n') ++end;
    field.value.assign(trim(body_.substr(pos_, end - pos_), delimiter_));
    pos_ = end;
  }

  bool read_quoted(Field& field, std::size_t quote) {
    field.quoted = true;
    field.position = position_at(quote);
    std::size_t at = quote + 1;
    for (;;) {
      std::size_t close = body_.find('"', at);
      if (close == std::string_view::npos || (close + 1 == body_.size() && !last_)) {
        if (!last_) return false;
        fail_at(source_, field.position, "a quoted field is never closed (a '\"' inside a field must be doubled)");
      }
      std::string_view chunk = body_.substr(at, close - at);
      if (std::size_t newline = chunk.rfind('\n'); newline != std::string_view::npos) {
        line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
        line_start_ = at + newline + 1;
      }
      field.value.append(chunk);
      if (close + 1 < body_.size() && body_[close + 1] == '"') {
        field.value += '"';
        at = close + 2;
        continue;
      }
      pos_ = close + 1;
      break;
    }
    while (pos_ < body_.size() && is_blank(body_[pos_], delimiter_)) ++pos_;
    if (pos_ == body_.size() && !last_) return false;
    if (pos_ < body_.size() && body_[pos_] != delimiter_ && body_[pos_] != '\n')
      fail_at(source_, position_at(pos_),
              "unexpected text after a closing quote (a '\"' inside a field must be doubled)");
    // Line breaks inside values are stored as '\n', whatever the file used.
    if (field.value.find('\r') != std::string::npos) {
      std::string normalized;
      normalized.reserve(field.value.size());
      for (std::size_t i = 0; i < field.value.size(); ++i)
        if (!(field.value[i] == '\r' && i + 1 < field.value.size() && field.value[i + 1] == '\n'))
          normalized += field.value[i];
      field.value = std::move(normalized);
    }
    // Trimmed of any white space, as the loader counts a value of only white space as empty.
    std::string_view value = field.value;
    std::size_t first = value.find_first_not_of(" \t\r\n"), last = value.find_last_not_of(" \t\r\n");
    field.value = first == std::string_view::npos ? std::string() : std::string(value.substr(first, last - first + 1));
    return true;
  }

  const std::string& source_;
  std::string_view body_;
  char delimiter_ = ',';
  bool last_ = true;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t counted_from_ = 0, counted_to_ = 0, column_ = 1;  // see position_at
};

// The delimiter that occurs most on the header line, outside quotes; a comma if none does.
char detect_delimiter(std::string_view body) {
  std::size_t tabs = 0, commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : body) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') break;
    else if (!quoted && c == '\t') ++tabs;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  if (tabs > 0 && tabs >= commas && tabs >= semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

// Whether the text holds the whole header line (an end of line outside quotes).
bool holds_header_line(std::string_view body) {
  bool quoted = false;
  for (char c : body) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') return true;
  }
  return false;
}

// --- Columns -------------------------------------------------------------------------

enum Role : std::size_t { a_code, a_name, b_code, b_name, significance, tier, summary, role_count };

constexpr std::array<std::string_view, role_count> role_names = {
    "first code", "first name", "second code", "second name", "significance", "tier", "summary"};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "DDInterID_A" -> {"dd", "inter", "id", "a"}; "drug1_id" -> {"drug", "1", "id"}.
std::vector<std::string> header_words(std::string_view header) {
  std::string spaced;
  for (std::size_t i = 0; i < header.size(); ++i) {
    char c = header[i];
    if (i > 0) {
      char prev = header[i - 1];
      char next = i + 1 < header.size() ? header[i + 1] : '\0';
      bool alnum_prev = is_upper(prev) || is_lower(prev) || is_digit(prev);
      bool alnum_c = is_upper(c) || is_lower(c) || is_digit(c);
      if ((is_lower(prev) && is_upper(c)) || (alnum_prev && alnum_c && is_digit(prev) != is_digit(c)) ||
          (is_upper(prev) && is_upper(c) && is_lower(next)))
        spaced += ' ';
    }
    spaced += c;
  }
  std::vector<std::string> words;
  std::string folded = fold_term(spaced);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

template <std::size_t N>
bool among(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Which intervention column a header names, by its words: one side word, and a role word
// or only words that name the kind of thing (drug, intervention...).
std::optional<Role> intervention_role(std::string_view header) {
  static constexpr std::array<std::string_view, 3> first_side = {"a", "1", "first"};
  static constexpr std::array<std::string_view, 3> second_side = {"b", "2", "second"};
  static constexpr std::array<std::string_view, 3> code_words = {"id", "code", "identifier"};
  static constexpr std::array<std::string_view, 2> name_words = {"name", "label"};
  static constexpr std::array<std::string_view, 10> kind_words = {
      "drug", "intervention", "item", "product", "substance", "agent", "compound", "medication", "medicine",
      "treatment"};
  std::size_t firsts = 0, seconds = 0;
  bool code = false, name = false, only_kinds = true;
  for (const auto& word : header_words(header)) {
    if (among(word, first_side)) ++firsts;
    else if (among(word, second_side)) ++seconds;
    else if (among(word, code_words)) code = true;
    else if (among(word, name_words)) name = true;
    else if (!among(word, kind_words)) only_kinds = false;
  }
  if (firsts + seconds != 1 || (code && name)) return std::nullopt;
  if (!code && !name && !only_kinds) return std::nullopt;
  bool first = firsts == 1;
  if (code) return first ? a_code : b_code;
  return first ? a_name : b_name;
}

std::optional<Role> other_role(std::string_view header) {
  static constexpr std::array<std::string_view, 9> significance_headers = {
      "level",       "severity", "significance", "effect", "clinical significance", "interaction level",
      "interaction severity", "severity level", "risk level"};
  static constexpr std::array<std::string_view, 6> tier_headers = {
      "tier", "evidence", "evidence tier", "evidence level", "level of evidence", "evidence grade"};
  static constexpr std::array<std::string_view, 8> summary_headers = {
      "summary", "description", "interaction description", "text", "details", "notes", "note", "comment"};
  std::string folded = fold_term(header);
  if (among(folded, significance_headers)) return significance;
  if (among(folded, tier_headers)) return tier;
  if (among(folded, summary_headers)) return summary;
  return std::nullopt;
}

constexpr std::size_t no_column = static_cast<std::size_t>(-1);

std::string header_list(const std::vector<Field>& header, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += fmt::format("{}\"{}\"", i ? ", " : "", header[i].value);
  return out;
}

std::array<std::size_t, role_count> choose_columns(const std::vector<Field>& header, std::size_t count,
                                                    const ImportOptions& options, const std::string& source) {
  const std::array<const std::string*, role_count> wanted = {
      &options.col_a_code, &options.col_a_name,      &options.col_b_code, &options.col_b_name,
      &options.col_significance, &options.col_tier, &options.col_summary};
  std::array<std::size_t, role_count> columns;
  columns.fill(no_column);
  std::array<bool, role_count> settled{};
  std::vector<bool> used(count, false);
  for (std::size_t role = 0; role < role_count; ++role) {
    std::string_view name = trim(*wanted[role], '\0');
    if (name.empty()) continue;
    settled[role] = true;
    if (name == "-") continue;
    // An exact (case-insensitive) header wins over one that only folds the same.
    std::size_t found = no_column;
    for (std::size_t i = 0; i < count && found == no_column; ++i)
      if (ascii_lower(header[i].value) == ascii_lower(name)) found = i;
    for (std::size_t i = 0; i < count && found == no_column; ++i)
      if (fold_term(header[i].value) == fold_term(name)) found = i;
    if (found == no_column)
      fail_at(source, header[0].position,
              fmt::format("no column \"{}\" for the {} (the header has {})", name, role_names[role],
                          header_list(header, count)));
    if (used[found])
      throw std::invalid_argument(fmt::format("column \"{}\" is chosen for two purposes", header[found].value));
    used[found] = true;
    columns[role] = found;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (used[i]) continue;
    std::optional<Role> role = intervention_role(header[i].value);
    if (!role) role = other_role(header[i].value);
    if (!role || settled[*role]) continue;
    settled[*role] = true;
    used[i] = true;
    columns[*role] = i;
  }
  for (auto [code, name, side] : {std::tuple{a_code, a_name, "first"}, std::tuple{b_code, b_name, "second"}})
    if (columns[code] == no_column && columns[name] == no_column)
      fail_at(source, header[0].position,
              fmt::format("no column for the code or name of the {} intervention of each pair (looked for "
                          "headers such as ID_A, code_a, drug1_id, Name_A, intervention_a, first); the header "
                          "has {}",
                          side, header_list(header, count)));
  return columns;
}

// --- Values ----------------------------------------------------------------------------

// Folded raw value -> index in a scale.
using ValueMap = std::unordered_map<std::string, std::size_t>;

std::optional<std::size_t> scale_index(const Scale& scale, std::string_view value) {
  if (auto rank = scale.rank(value)) return rank;
  std::string folded = fold_term(value);
  for (std::size_t i = 0; i < scale.entries.size(); ++i)
    if (fold_term(scale.entries[i].id) == folded || fold_term(scale.entries[i].name) == folded) return i;
  return std::nullopt;
}

ValueMap significance_values(const Scale& scale, const std::map<std::string, std::string>& user_map) {
  ValueMap values;
  // Conservative: a value is read as the more serious of the levels it could mean.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> synonyms = {{
      {"major", "avoid"},
      {"severe", "avoid"},
      {"contraindicated", "avoid"},
      {"contra indicated", "avoid"},
      {"moderate", "caution"},
      {"minor", "monitor"},
      {"none", "compatible"},
      {"no interaction", "compatible"},
  }};
  for (auto [raw, id] : synonyms)
    if (auto rank = scale.rank(id)) values[std::string(raw)] = *rank;
  for (std::size_t i = 0; i < scale.entries.size(); ++i) {
    values[fold_term(scale.entries[i].id)] = i;
    values[fold_term(scale.entries[i].name)] = i;
  }
  for (const auto& [raw, id] : user_map) {
    std::optional<std::size_t> rank = scale_index(scale, id);
    if (!rank) {
      std::string known;
      for (const auto& entry : scale.entries) known += (known.empty() ? "" : ", ") + entry.id;
      throw std::invalid_argument(
          fmt::format("\"{}\" is not a significance id (known: {})", escape_controls(id), known));
    }
    values[fold_term(raw)] = *rank;
  }
  return values;
}

ValueMap tier_values(const Scale& scale) {
  ValueMap values;
  for (std::size_t i = 0; i < scale.entries.size(); ++i) {
    const std::string& id = scale.entries[i].id;
    values[fold_term(id)] = i;
    values[fold_term(scale.entries[i].name)] = i;
    // "2" for T2.
    if (id.size() > 1 && (id[0] == 'T' || id[0] == 't') &&
        std::all_of(id.begin() + 1, id.end(), [](char c) { return is_digit(c); }))
      values.try_emplace(id.substr(1), i);
  }
  return values;
}

// Values that mapped to nothing, counted for one summary warning.
struct Unmapped {
  struct Seen {
    std::string value;  // as first written
    std::size_t rows = 0;
  };
  std::size_t rows = 0;
  std::vector<Seen> seen;                                // in order of first appearance
  std::unordered_map<std::string, std::size_t> by_fold;  // folded value -> index in seen

  void add(const std::string& value, const std::string& folded) {
    ++rows;
    if (auto it = by_fold.find(folded); it != by_fold.end()) ++seen[it->second].rows;
    else if (seen.size() < max_tracked_values) {
      by_fold.emplace(folded, seen.size());
      seen.push_back({value, 1});
    }
  }

  std::string warning(std::string_view what) const {
    std::vector<Seen> common = seen;
    std::stable_sort(common.begin(), common.end(), [](const Seen& x, const Seen& y) { return x.rows > y.rows; });
    std::string listed;
    for (std::size_t i = 0; i < common.size() && i < max_listed_values; ++i)
      listed += fmt::format("{}\"{}\" ({})", i ? ", " : "", escape_controls(common[i].value), common[i].rows);
    if (common.size() > max_listed_values) listed += ", ...";
    return fmt::format("{} {} a {} value that is not on the scale, so it was left out: {}", rows,
                       rows == 1 ? "row has" : "rows have", what, listed);
  }
};

// How often something happened, and the first line it happened on.
struct Tally {
  std::size_t count = 0;
  std::size_t first_line = 0;
  std::size_t other_line = 0;

  void add(std::size_t line, std::size_t other = 0) {
    if (count++ == 0) {
      first_line = line;
      other_line = other;
    }
  }
};

std::string rows_word(std::size_t n) { return n == 1 ? "row" : "rows"; }

bool valid_code(std::string_view code) {
  return code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
           return is_upper(c) || is_lower(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
         });
}

void append_json_string(std::string& out, std::string_view text) {
  bool plain = std::none_of(text.begin(), text.end(),
                            [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += nlohmann::json(std::string(text)).dump();
  }
}

// --- Interventions -----------------------------------------------------------------------

// An intervention a row names: defined by this file, or linked to the earlier data.
struct Target {
  std::string code;
  std::string name;
  bool defined_here = true;
  TextPosition position;  // where it first appears, for diagnostics
  std::size_t line = 0;
};

// Reads a table twice, a window at a time, so that memory does not grow with its size: the
// first pass learns the interventions, the second writes the pairs.
class Importer {
 public:
  Importer(const DataSource& table, const ImportOptions& options) : table_(table), options_(options) {}

  ImportResult run() {
    ImportResult result;
    const Scales scales = options_.link_to ? options_.link_to->scales() : default_scales();
    significance_map_ = significance_values(scales.significance, options_.significance_map);
    tier_map_ = tier_values(scales.tiers);
    for (const auto& entry : scales.significance.entries) significance_ids_.push_back(entry.id);
    for (const auto& entry : scales.tiers.entries) tier_ids_.push_back(entry.id);

    bool header_seen = false;
    read_table(0, [&](const std::vector<Field>& fields, std::size_t count, std::size_t line) {
      if (!header_seen) {
        header_seen = true;
        header_count_ = count;
        columns_ = choose_columns(fields, count, options_, options_.source_name);
        for (std::size_t role = 0; role < role_count; ++role)
          if (columns_[role] != no_column) result.columns.emplace_back(role_names[role], fields[columns_[role]].value);
        return;
      }
      learn(fields, count, line, result);
    });
    if (!header_seen)
      fail_at(options_.source_name, TextPosition{}, "the table is empty: it needs a header row naming its columns");
    resolve_names();
    name_interventions();
    write_head(result);
    bool header_skipped = false;
    read_table(table_.size(), [&](const std::vector<Field>& fields, std::size_t count, std::size_t line) {
      if (header_skipped) write_pair(fields, count, line, result);
      header_skipped = true;
    });
    output(result) += result.pairs ? "\n  ]\n}\n" : "]\n}\n";
    flush(true);
    warn(result);
    return result;
  }

 private:
  // Calls `visit` with each record (the header first), one window of the table at a time;
  // `progress_base` is where this pass starts in the progress reports (of two passes).
  template <typename Visit>
  void read_table(std::uint64_t progress_base, Visit&& visit) {
    TableReader reader(options_.source_name);
    std::vector<Field> fields;
    std::string carry;  // a record that the last window cut short
    std::uint64_t seen = 0, reported = 0;
    bool first = true;
    table_.for_each_chunk([&](std::string_view chunk) {
      seen += chunk.size();
      bool last = seen >= table_.size();
      std::string_view window = chunk;
      if (!carry.empty()) {
        carry.append(chunk);
        window = carry;
      }
      if (first) {
        // The byte-order mark and the delimiter are settled on the whole header line.
        if (!last && !holds_header_line(window)) {
          carry = std::string(window);
          return true;
        }
        first = false;
        if (window.substr(0, utf8_bom.size()) == utf8_bom) window.remove_prefix(utf8_bom.size());
        delimiter_ = options_.delimiter ? options_.delimiter : detect_delimiter(window);
        reader.set_delimiter(delimiter_);
      }
      reader.set_window(window, last);
      std::size_t count = 0, line = 0;
      while (reader.next(fields, count, line) == TableReader::Read::record) visit(fields, count, line);
      carry = std::string(window.substr(reader.consumed()));
      if (options_.progress && (last || seen - reported >= progress_step)) {
        reported = seen;
        options_.progress(progress_base + seen - carry.size(), 2 * table_.size());
      }
      return true;
    }, options_.read_size);
  }

  const Field* field(const std::vector<Field>& fields, Role role) const {
    return columns_[role] == no_column ? nullptr : &fields[columns_[role]];
  }

  static bool given(const Field* f) { return f && !f->value.empty(); }

  // First pass: the interventions a row names, and what its values map to.
  void learn(const std::vector<Field>& fields, std::size_t count, std::size_t line, ImportResult& result) {
    if (count != header_count_)
      fail_at(options_.source_name, fields[0].position,
              fmt::format("this row has {} fields but the header has {}", count, header_count_));
    ++result.rows;
    const Field* codes[2] = {field(fields, a_code), field(fields, b_code)};
    const Field* names[2] = {field(fields, a_name), field(fields, b_name)};
    if (!(given(codes[0]) || given(names[0])) || !(given(codes[1]) || given(names[1]))) {
      missing_side_.add(line);
      return;
    }
    for (std::size_t side = 0; side < 2; ++side) {
      if (given(codes[side]))
        coded_target(*codes[side], given(names[side]) ? names[side]->value : std::string(), line);
      else
        pending_names_.try_emplace(fold_term(names[side]->value),
                                   PendingName{names[side]->value, names[side]->position, line});
    }
    if (const Field* value = field(fields, significance); value && !value->value.empty()) {
      std::string folded = fold_term(value->value);
      if (!significance_map_.count(folded)) unmapped_significance_.add(value->value, folded);
    }
    if (const Field* value = field(fields, tier); value && !value->value.empty()) {
      std::string folded = fold_term(value->value);
      if (!tier_map_.count(folded)) unmapped_tier_.add(value->value, folded);
    }
  }

  // The target of one side of a row in the second pass, as the first pass settled it.
  std::uint32_t side_target(const Field* code, const Field* name) const {
    auto settled = given(code) ? by_table_code_.find(normalize_code(code->value)) : resolved_.find(fold_term(name->value));
    if (settled == (given(code) ? by_table_code_.end() : resolved_.end()))
      throw DataError({Diagnostic{options_.source_name, 0, 0, "", "the table changed while it was read"}});
    return settled->second;
  }

  // Second pass: the pair record of a row, unless it repeats one or pairs a thing with itself.
  void write_pair(const std::vector<Field>& fields, std::size_t count, std::size_t line, ImportResult& result) {
    if (count != header_count_)
      throw DataError({Diagnostic{options_.source_name, 0, 0, "", "the table changed while it was read"}});
    const Field* codes[2] = {field(fields, a_code), field(fields, b_code)};
    const Field* names[2] = {field(fields, a_name), field(fields, b_name)};
    if (!(given(codes[0]) || given(names[0])) || !(given(codes[1]) || given(names[1]))) return;
    std::uint32_t a = side_target(codes[0], names[0]), b = side_target(codes[1], names[1]);
    if (a == b) {
      self_.add(line);
      return;
    }
    std::int32_t level = -1, rank = -1;
    if (const Field* value = field(fields, significance); value && !value->value.empty())
      if (auto it = significance_map_.find(fold_term(value->value)); it != significance_map_.end())
        level = static_cast<std::int32_t>(it->second);
    if (const Field* value = field(fields, tier); value && !value->value.empty())
      if (auto it = tier_map_.find(fold_term(value->value)); it != tier_map_.end())
        rank = static_cast<std::int32_t>(it->second);
    std::uint64_t key = (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
    auto [it, fresh] = seen_pairs_.try_emplace(key, FirstRow{static_cast<std::uint32_t>(line), level});
    if (!fresh) {
      repeated_.add(line, it->second.line);
      if (level >= 0 && level != it->second.significance) ++disagreeing_;
      return;
    }
    std::string& out = output(result);
    out += result.pairs++ ? ",\n    {\"interventions\": [" : "\n    {\"interventions\": [";
    append_json_string(out, targets_[a].code);
    out += ", ";
    append_json_string(out, targets_[b].code);
    out += ']';
    if (level >= 0) {
      out += ", \"significance\": ";
      append_json_string(out, significance_ids_[static_cast<std::size_t>(level)]);
    }
    if (rank >= 0) {
      out += ", \"evidence\": {\"tier\": ";
      append_json_string(out, tier_ids_[static_cast<std::size_t>(rank)]);
      out += '}';
    }
    if (const Field* value = field(fields, summary); value && !value->value.empty()) {
      out += ", \"summary\": ";
      append_json_string(out, value->value);
    }
    out += '}';
    flush(false);
  }

  // Where the data file is written: handed on a piece at a time when options_.output is
  // set, else gathered whole in the result.
  std::string& output(ImportResult& result) { return options_.output ? pending_ : result.json; }

  void flush(bool always) {
    if (!options_.output || pending_.empty() || (!always && pending_.size() < output_step)) return;
    options_.output(pending_);
    pending_.clear();
  }

  std::uint32_t add_target(Target target) {
    auto index = static_cast<std::uint32_t>(targets_.size());
    by_code_.emplace(normalize_code(target.code), index);
    targets_.push_back(std::move(target));
    return index;
  }

  // The target an earlier intervention stands for, created on first use.
  std::uint32_t linked_target(std::size_t earlier, std::size_t line) {
    const InterventionView intervention = options_.link_to->interventions()[earlier];
    if (auto it = by_code_.find(normalize_code(intervention.code)); it != by_code_.end()) return it->second;
    return add_target({std::string(intervention.code), std::string(intervention.name), false, {}, line});
  }

  // The one earlier intervention `name` resolves to, if any.
  std::optional<std::size_t> earlier_by_name(std::string_view name) const {
    if (!options_.link_to || name.empty()) return std::nullopt;
    auto matches = options_.link_to->matching(fold_term(name));
    if (matches.size() != 1) return std::nullopt;
    return matches[0];
  }

  std::uint32_t coded_target(const Field& code, const std::string& name, std::size_t line) {
    std::string key = normalize_code(code.value);
    if (auto it = by_table_code_.find(key); it != by_table_code_.end()) {
      Target& target = targets_[it->second];
      if (target.defined_here && !name.empty()) {
        if (target.name.empty()) target.name = name;
        else if (fold_term(target.name) != fold_term(name)) note_other_name(target, name, line);
      }
      if (!name.empty()) by_name_.try_emplace(fold_term(name), it->second);
      return it->second;
    }
    if (!valid_code(code.value))
      fail_at(options_.source_name, code.position,
              fmt::format("\"{}\" cannot be a code: codes hold only letters, digits, '-', '_' and '.', at most 64 "
                          "(leave the code columns out to make codes from the names)",
                          code.value));
    std::uint32_t index;
    if (options_.link_to && options_.link_to->find_code(code.value) != Dataset::npos) {
      index = linked_target(options_.link_to->find_code(code.value), line);
    } else if (auto earlier = earlier_by_name(name)) {
      index = linked_target(*earlier, line);
      linked_by_name_.add(line);
      if (linked_by_name_.count == 1)
        linked_example_ = escape_controls(fmt::format("{} \"{}\" is {}", code.value, name, targets_[index].code));
    } else {
      index = add_target({code.value, name, true, code.position, line});
    }
    by_table_code_.emplace(std::move(key), index);
    if (!name.empty()) by_name_.try_emplace(fold_term(name), index);
    return index;
  }

  void note_other_name(const Target& target, const std::string& name, std::size_t line) {
    other_names_.add(line);
    if (other_names_.count == 1)
      other_names_example_ =
          escape_controls(fmt::format("{} is \"{}\", not \"{}\" as on line {}", target.code, target.name, name, line));
  }

  // Name-only sides: a coded intervention of the table with that name, the earlier
  // data's intervention, or a new one with a generated code. In order of first appearance.
  void resolve_names() {
    std::vector<std::pair<const std::string*, const PendingName*>> order;
    order.reserve(pending_names_.size());
    for (const auto& [folded, pending] : pending_names_) order.emplace_back(&folded, &pending);
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      return std::tie(x.second->position.line, x.second->position.column) <
             std::tie(y.second->position.line, y.second->position.column);
    });
    for (const auto& [folded, pending] : order) {
      std::uint32_t index;
      if (auto it = by_name_.find(*folded); it != by_name_.end()) {
        index = it->second;
      } else {
        if (auto earlier = earlier_by_name(pending->name)) {
          index = linked_target(*earlier, pending->line);
        } else {
          std::string code = generated_code(pending->name);
          auto it = by_code_.find(code);
          index = it != by_code_.end() ? it->second
                                       : add_target({code, pending->name, true, pending->position, pending->line});
        }
        by_name_.emplace(*folded, index);
      }
      resolved_.emplace(*folded, index);
    }
    pending_names_ = {};
  }

  // Makes every code, name and alias lead to one intervention, as the loader requires.
  void name_interventions() {
    struct Owner {
      bool earlier;
      std::size_t index;
      bool operator==(const Owner&) const = default;
    };
    std::unordered_map<std::string, Owner> terms;
    if (options_.link_to)
      for (const auto& [term, matches] : options_.link_to->terms())
        if (!matches.empty()) terms.emplace(term, Owner{true, matches[0]});
    auto same = [&](const Owner& owner, const Target& target) {
      if (owner.earlier)
        return normalize_code(options_.link_to->interventions()[owner.index].code) == normalize_code(target.code);
      return &targets_[owner.index] == &target;
    };
    auto describe = [&](const Owner& owner) {
      if (owner.earlier) {
        const InterventionView other = options_.link_to->interventions()[owner.index];
        return fmt::format("{} ({}) of the earlier data", other.code, other.name);
      }
      return fmt::format("the code \"{}\" on line {}", targets_[owner.index].code, targets_[owner.index].line);
    };
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      Target& target = targets_[i];
      if (!target.defined_here) continue;
      std::string folded = fold_term(target.code), compact;
      for (char c : folded)
        if (c != ' ') compact += c;
      for (const std::string& term : {folded, compact}) {
        auto [it, fresh] = terms.try_emplace(term, Owner{false, i});
        if (!fresh && !same(it->second, target))
          fail_at(options_.source_name, target.position,
                  fmt::format("the code \"{}\" would be read as \"{}\", like {}; pairinfo could not tell them apart",
                              target.code, term, describe(it->second)));
      }
    }
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      Target& target = targets_[i];
      if (!target.defined_here) continue;
      if (target.name.empty()) target.name = target.code;
      std::string folded = fold_term(target.name);
      if (folded.empty()) continue;
      auto [it, fresh] = terms.try_emplace(folded, Owner{false, i});
      if (fresh || same(it->second, target)) continue;
      target.name = fmt::format("{} ({})", target.name, target.code);
      renamed_.add(target.line);
      if (renamed_.count == 1) renamed_example_ = escape_controls(target.name);
      terms.try_emplace(fold_term(target.name), Owner{false, i});
    }
  }

  void write_head(ImportResult& result) {
    std::string& out = output(result);
    out += "{\n  \"format\": \"pairinfo\",\n  \"format_version\": 1,\n";
    if (!options_.dataset_name.empty()) {
      out += "  \"name\": ";
      append_json_string(out, options_.dataset_name);
      out += ",\n";
    }
    out += "  \"interventions\": [";
    for (const Target& target : targets_) {
      if (!target.defined_here) {
        ++result.linked;
        continue;
      }
      out += result.interventions++ ? ",\n    {\"code\": " : "\n    {\"code\": ";
      append_json_string(out, target.code);
      out += ", \"name\": ";
      append_json_string(out, target.name);
      out += '}';
    }
    out += result.interventions ? "\n  ],\n" : "],\n";
    out += "  \"pairs\": [";
    flush(false);
  }

  void warn(ImportResult& result) const {
    auto& w = result.warnings;
    if (result.rows == 0) w.push_back("the table has a header but no rows");
    if (missing_side_.count)
      w.push_back(fmt::format("skipped {} {} without a code or name for one of the two interventions (first on line {})",
                              missing_side_.count, rows_word(missing_side_.count), missing_side_.first_line));
    if (self_.count)
      w.push_back(fmt::format("skipped {} {} pairing an intervention with itself (first on line {})", self_.count,
                              rows_word(self_.count), self_.first_line));
    if (repeated_.count) {
      std::string message =
          fmt::format("skipped {} {} repeating an earlier pair in either order (first on line {}, repeating line {})",
                      repeated_.count, rows_word(repeated_.count), repeated_.first_line, repeated_.other_line);
      if (disagreeing_)
        message += fmt::format("; {} of them gave a different significance, and the first row was kept", disagreeing_);
      w.push_back(std::move(message));
    }
    if (other_names_.count)
      w.push_back(fmt::format("{} {} gave another name for a code already named; the first name is kept ({})",
                              other_names_.count, rows_word(other_names_.count), other_names_example_));
    if (linked_by_name_.count)
      w.push_back(fmt::format("{} {} of the table named an intervention of the earlier data, whose code the rows use "
                              "instead ({})",
                              linked_by_name_.count, linked_by_name_.count == 1 ? "code" : "codes", linked_example_));
    if (renamed_.count)
      w.push_back(fmt::format("{} {} already used by another intervention, so the code was added (e.g. \"{}\")",
                              renamed_.count, renamed_.count == 1 ? "name was" : "names were", renamed_example_));
    if (unmapped_significance_.rows) w.push_back(unmapped_significance_.warning("significance"));
    if (unmapped_tier_.rows) w.push_back(unmapped_tier_.warning("tier"));
  }

  struct PendingName {
    std::string name;
    TextPosition position;
    std::size_t line;
  };
  struct FirstRow {
    std::uint32_t line;
    std::int32_t significance;
  };
  static constexpr std::size_t output_step = std::size_t{1} << 20;

  const DataSource& table_;
  const ImportOptions& options_;
  char delimiter_ = ',';
  std::size_t header_count_ = 0;
  std::array<std::size_t, role_count> columns_{};
  ValueMap significance_map_, tier_map_;
  std::vector<std::string> significance_ids_, tier_ids_;
  std::vector<Target> targets_;
  std::unordered_map<std::string, PendingName> pending_names_;    // folded name -> first place
  std::unordered_map<std::string, std::uint32_t> resolved_;       // folded name-only side -> target
  std::unordered_map<std::string, std::uint32_t> by_code_;        // normalized target code -> target
  std::unordered_map<std::string, std::uint32_t> by_table_code_;  // normalized code as written -> target
  std::unordered_map<std::string, std::uint32_t> by_name_;        // folded name -> target
  std::unordered_map<std::uint64_t, FirstRow> seen_pairs_;        // the pairs written, by their targets
  std::string pending_;                                           // output not yet handed on
  Tally missing_side_, other_names_, linked_by_name_, renamed_, self_, repeated_;
  std::size_t disagreeing_ = 0;
  std::string other_names_example_, linked_example_, renamed_example_;
  Unmapped unmapped_significance_, unmapped_tier_;
};

}  // namespace

std::string generated_code(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64-bit
  for (char c : fold_term(name)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("IMP-{:016X}", hash);
}

ImportResult import_table(const DataSource& table, const ImportOptions& options) {
  static constexpr std::string_view delimiters = ",\t;|";
  if (options.delimiter != 0 && delimiters.find(options.delimiter) == std::string_view::npos)
    throw std::invalid_argument("the delimiter must be a comma, a tab, a semicolon or '|'");
  return Importer(table, options).run();
}

ImportResult import_table(std::string_view text, const ImportOptions& options) {
  return import_table(DataSource::borrowed(options.source_name, text), options);
}

}  // namespace pairinfo
