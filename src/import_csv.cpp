// Importing a CSV/TSV table of pairs as a pairinfo data file; see import_csv.hpp. The
// table is read by csv_reader and its columns found by import_columns; this file settles
// the interventions (links to the earlier data, generated codes) and writes the records.
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

#include "pairinfo/csv_reader.hpp"
#include "pairinfo/import_columns.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

using csv::fail_at;
using csv::Field;
using namespace import;

constexpr std::size_t progress_step = std::size_t{1} << 20;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

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
    csv::Reader reader(options_.source_name);
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
        if (!last && !csv::holds_header_line(window)) {
          carry = std::string(window);
          return true;
        }
        first = false;
        if (window.substr(0, csv::utf8_bom.size()) == csv::utf8_bom) window.remove_prefix(csv::utf8_bom.size());
        delimiter_ = options_.delimiter ? options_.delimiter : csv::detect_delimiter(window);
        reader.set_delimiter(delimiter_);
      }
      reader.set_window(window, last);
      std::size_t count = 0, line = 0;
      while (reader.next(fields, count, line) == csv::Reader::Read::record) visit(fields, count, line);
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
    if (unmapped_significance_.rows()) w.push_back(unmapped_significance_.warning("significance"));
    if (unmapped_tier_.rows()) w.push_back(unmapped_tier_.warning("tier"));
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
  return import_table(DataSource::borrowed(options.source_name, text, false), options);
}

}  // namespace pairinfo
