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
#include "pairinfo/import_links.hpp"
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

// The rows of each pair, by the two sides' ids: which one is kept (the most serious
// significance, then the first), and whether they disagree.
class PairGroups {
 public:
  struct Group {
    std::int32_t least, most;  // significance levels met (-1: none)
    std::int32_t kept_level;
    std::size_t kept_line;
  };

  void add(std::uint64_t key, std::int32_t level, std::size_t line) {
    Group row{level, level, level, line};
    auto [it, fresh] = groups_.try_emplace(key, row);
    if (!fresh) merge(it->second, row);
  }

  // Keys the groups by new side ids (`side` of an old one), merging those that meet.
  template <typename Side>
  void remap(Side&& side) {
    std::unordered_map<std::uint64_t, Group> out;
    out.reserve(groups_.size());
    for (const auto& [key, group] : groups_) {
      std::uint32_t a = side(static_cast<std::uint32_t>(key >> 32)), b = side(static_cast<std::uint32_t>(key));
      if (a == b) continue;  // the rows pair a thing with itself
      auto [it, fresh] = out.try_emplace((std::uint64_t{std::min(a, b)} << 32) | std::max(a, b), group);
      if (!fresh) merge(it->second, group);
    }
    groups_ = std::move(out);
  }

  const Group* find(std::uint64_t key) const {
    auto it = groups_.find(key);
    return it == groups_.end() ? nullptr : &it->second;
  }

 private:
  static void merge(Group& into, const Group& other) {
    into.least = std::min(into.least, other.least);
    into.most = std::max(into.most, other.most);
    if (other.kept_level > into.kept_level || (other.kept_level == into.kept_level && other.kept_line < into.kept_line)) {
      into.kept_level = other.kept_level;
      into.kept_line = other.kept_line;
    }
  }

  std::unordered_map<std::uint64_t, Group> groups_;
};

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
        columns_ = choose_columns(fields, count,
                                  {options_.col_a_code, options_.col_a_name, options_.col_b_code, options_.col_b_name,
                                   options_.col_significance, options_.col_tier, options_.col_summary},
                                  options_.source_name);
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

  // First pass: the interventions a row names, what its values map to, and which row of
  // each pair is kept (the most serious significance, then the first).
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
    std::uint32_t sides[2];
    for (std::size_t side = 0; side < 2; ++side) {
      if (given(codes[side])) {
        sides[side] = coded_target(*codes[side], given(names[side]) ? names[side]->value : std::string(), line);
      } else {
        auto [it, fresh] = pending_names_.try_emplace(
            fold_term(names[side]->value),
            PendingName{names[side]->value, names[side]->position, line, static_cast<std::uint32_t>(pending_names_.size())});
        sides[side] = it->second.id | pending_bit;
      }
    }
    std::int32_t level = significance_level(fields, true);
    if (const Field* value = field(fields, tier); value && !value->value.empty()) {
      std::string folded = fold_term(value->value);
      if (!tier_map_.count(folded)) unmapped_tier_.add(value->value, folded);
    }
    if (sides[0] != sides[1]) groups_.add(pair_of(sides[0], sides[1]), level, line);
  }

  // The significance of a row as an index in the scale, or -1 (none, or a value not on the scale).
  std::int32_t significance_level(const std::vector<Field>& fields, bool count_unmapped) {
    const Field* value = field(fields, significance);
    if (!value || value->value.empty()) return -1;
    std::string folded = fold_term(value->value);
    if (auto it = significance_map_.find(folded); it != significance_map_.end())
      return static_cast<std::int32_t>(it->second);
    if (count_unmapped) unmapped_significance_.add(value->value, folded);
    return -1;
  }

  static std::uint64_t pair_of(std::uint32_t a, std::uint32_t b) {
    return (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
  }

  // The target of one side of a row in the second pass, as the first pass settled it.
  std::uint32_t side_target(const Field* code, const Field* name) const {
    auto settled = given(code) ? by_table_code_.find(normalize_code(code->value)) : resolved_.find(fold_term(name->value));
    if (settled == (given(code) ? by_table_code_.end() : resolved_.end()))
      throw DataError({Diagnostic{options_.source_name, 0, 0, "", "the table changed while it was read"}});
    return settled->second;
  }

  // Second pass: the pair record of a row, unless another row of its pair is kept or it
  // pairs a thing with itself.
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
    const PairGroups::Group* group = groups_.find(pair_of(a, b));
    if (!group) throw DataError({Diagnostic{options_.source_name, 0, 0, "", "the table changed while it was read"}});
    if (group->kept_line != line) {
      repeated_.add(line, group->kept_line);
      if (group->least != group->most) ++conflicting_rows_;
      return;
    }
    if (group->least != group->most) conflicts_.add(line);
    std::int32_t level = significance_level(fields, false), rank = -1;
    if (const Field* value = field(fields, tier); value && !value->value.empty())
      if (auto it = tier_map_.find(fold_term(value->value)); it != tier_map_.end())
        rank = static_cast<std::int32_t>(it->second);
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
    // Where the record came from, and the table's own value, which the scale may name otherwise.
    out += ", \"origin\": {\"file\": ";
    append_json_string(out, options_.source_name);
    out += fmt::format(", \"line\": {}", line);
    if (const Field* value = field(fields, significance); value && !value->value.empty()) {
      out += ", \"value\": ";
      append_json_string(out, value->value);
    }
    out += "}}";
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

  // Settles what each drug of the table is: a name-only side takes a coded intervention
  // of the table with that name; then drugs that are an intervention of the earlier data
  // (decide_links) link to it, and other name-only sides get generated codes. The pairs
  // found in the first pass are then keyed by what their sides became.
  void resolve_names() {
    std::vector<std::pair<const std::string*, const PendingName*>> order;
    order.reserve(pending_names_.size());
    for (const auto& [folded, pending] : pending_names_) order.emplace_back(&folded, &pending);
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      return std::tie(x.second->position.line, x.second->position.column) <
             std::tie(y.second->position.line, y.second->position.column);
    });
    std::vector<std::uint32_t> pending_target(pending_names_.size(), no_target);
    std::vector<const PendingName*> by_id(pending_names_.size());
    for (const auto& entry : order) by_id[entry.second->id] = entry.second;
    for (const auto& [folded, pending] : order)
      if (auto it = by_name_.find(*folded); it != by_name_.end()) pending_target[pending->id] = it->second;

    // The claims, in order of first appearance: coded drugs with a name, then name-only sides.
    std::vector<LinkClaim> claims;
    std::vector<std::pair<std::size_t, std::uint32_t>> claimants;  // {line, coded target or pending | bit}
    std::vector<std::size_t> taken_by_code;
    if (options_.link_to) {
      for (std::uint32_t i = 0; i < targets_.size(); ++i) {
        if (!targets_[i].defined_here) taken_by_code.push_back(options_.link_to->find_code(targets_[i].code));
        else if (!targets_[i].name.empty()) claimants.emplace_back(targets_[i].line, i);
      }
      for (const auto& [folded, pending] : order)
        if (pending_target[pending->id] == no_target) claimants.emplace_back(pending->line, pending->id | pending_bit);
      std::stable_sort(claimants.begin(), claimants.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      for (const auto& [line, who] : claimants)
        claims.push_back(who & pending_bit ? LinkClaim{by_id[who & ~pending_bit]->name, false}
                                           : LinkClaim{targets_[who].name, true});
    }
    std::vector<LinkDecision> decisions =
        options_.link_to ? decide_links(*options_.link_to, claims, taken_by_code) : std::vector<LinkDecision>();
    // Coded drugs first, so that a name-only side linked to the same intervention finds them.
    for (int coded = 1; coded >= 0; --coded)
      for (std::size_t k = 0; k < claimants.size(); ++k) {
        auto [line, who] = claimants[k];
        if (bool(who & pending_bit) == bool(coded)) continue;
        const LinkDecision& d = decisions[k];
        if (d.why != LinkDecision::Why::linked && d.why != LinkDecision::Why::no_match) note_unlinked(claims[k].name, d);
        if (d.why != LinkDecision::Why::linked) continue;
        if (coded) link_coded(who, d.earlier, line);
        else pending_target[who & ~pending_bit] = linked_target(d.earlier, line);
      }
    for (const auto& [folded, pending] : order) {
      std::uint32_t& index = pending_target[pending->id];
      if (index == no_target) {
        std::string code = generated_code(pending->name);
        auto it = by_code_.find(code);
        index = it != by_code_.end() ? it->second
                                     : add_target({code, pending->name, true, pending->position, pending->line});
      }
      by_name_.try_emplace(*folded, index);
      resolved_.emplace(*folded, index);
    }
    groups_.remap([&](std::uint32_t side) { return side & pending_bit ? pending_target[side & ~pending_bit] : side; });
    pending_names_ = {};
  }

  // A coded drug of the table that is an earlier intervention: its rows use that code.
  void link_coded(std::uint32_t index, std::size_t earlier, std::size_t line) {
    Target& target = targets_[index];
    const InterventionView intervention = options_.link_to->interventions()[earlier];
    linked_by_name_.add(line);
    if (linked_by_name_.count == 1)
      linked_example_ = escape_controls(fmt::format("{} \"{}\" is {}", target.code, target.name, intervention.code));
    by_code_.erase(normalize_code(target.code));
    target.code = std::string(intervention.code);
    target.name = std::string(intervention.name);
    target.defined_here = false;
    by_code_.emplace(normalize_code(target.code), index);
  }

  void note_unlinked(const std::string& name, const LinkDecision& d) {
    const InterventionView other = options_.link_to->interventions()[d.named];
    unlinked_.add(0);
    if (unlinked_.count > 1) return;
    const char* why = d.why == LinkDecision::Why::is_class  ? "a class"
                      : d.why == LinkDecision::Why::shared ? "also named by other drugs of the table"
                                                           : "already another drug of the table";
    unlinked_example_ = escape_controls(fmt::format("\"{}\": {} ({}) is {}", name, other.code, other.name, why));
  }

  // Makes every code, name and alias lead to one intervention, as the loader requires.
  void name_interventions() {
    struct Owner {
      bool earlier;
      std::size_t index;
      bool operator==(const Owner&) const = default;
    };
    std::unordered_map<std::string, Owner> terms;
    // The earlier data's codes and names are taken; its aliases are not: a drug of the table
    // may be named as an earlier intervention's alias ("gentamicin"), and then that name,
    // exactly, finds the table's drug.
    if (options_.link_to)
      for (const auto& [term, matches] : options_.link_to->terms())
        for (std::uint32_t match : matches) {
          const InterventionView earlier = options_.link_to->interventions()[match];
          std::string code = fold_term(earlier.code), compact;
          for (char c : code)
            if (c != ' ') compact += c;
          if (term == code || term == compact || term == fold_term(earlier.name)) {
            terms.emplace(term, Owner{true, match});
            break;
          }
        }
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
    if (repeated_.count)
      w.push_back(fmt::format("skipped {} {} giving a pair another row gives too, in either order (first on line {}, "
                              "whose pair line {} gives)",
                              repeated_.count, rows_word(repeated_.count), repeated_.first_line, repeated_.other_line));
    if (conflicts_.count)
      w.push_back(fmt::format("{} {} rows that disagree on the significance ({} rows in all); each keeps the row with "
                              "the most serious value (first on line {})",
                              conflicts_.count, conflicts_.count == 1 ? "pair has" : "pairs have",
                              conflicts_.count + conflicting_rows_, conflicts_.first_line));
    if (other_names_.count)
      w.push_back(fmt::format("{} {} gave another name for a code already named; the first name is kept ({})",
                              other_names_.count, rows_word(other_names_.count), other_names_example_));
    if (linked_by_name_.count)
      w.push_back(fmt::format("{} {} of the table named an intervention of the earlier data, whose code the rows use "
                              "instead ({})",
                              linked_by_name_.count, linked_by_name_.count == 1 ? "code" : "codes", linked_example_));
    if (unlinked_.count)
      w.push_back(fmt::format("{} {} of the table named an intervention of the earlier data that is a class or that "
                              "the table splits, so {} kept {} own ({})",
                              unlinked_.count, unlinked_.count == 1 ? "drug" : "drugs",
                              unlinked_.count == 1 ? "it" : "they", unlinked_.count == 1 ? "its" : "their",
                              unlinked_example_));
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
    std::uint32_t id;  // in order of first appearance
  };
  // Side ids of the first pass: a target, or a name-only side (its PendingName::id) with this bit.
  static constexpr std::uint32_t pending_bit = std::uint32_t{1} << 31;
  static constexpr std::uint32_t no_target = static_cast<std::uint32_t>(-1);
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
  PairGroups groups_;                                             // the rows of each pair
  std::string pending_;                                           // output not yet handed on
  Tally missing_side_, other_names_, linked_by_name_, unlinked_, renamed_, self_, repeated_, conflicts_;
  std::size_t conflicting_rows_ = 0;  // skipped rows of pairs in conflicts_
  std::string other_names_example_, linked_example_, unlinked_example_, renamed_example_;
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
