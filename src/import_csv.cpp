// Importing a CSV/TSV table of pairs as a pairinfo data file; see import_csv.hpp. The
// table is read by csv_reader, its columns found by import_columns, the interventions its
// rows name settled by import_interventions and the row kept of each pair chosen by
// import_pairs; this file runs the two passes over the table and writes the data file.
#include "pairinfo/import_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "import_interventions.hpp"
#include "import_pairs.hpp"
#include "import_rows.hpp"
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

// Reads a table twice, a window at a time, so that memory does not grow with its size: the
// first pass learns the interventions, the second writes the pairs.
class Importer {
 public:
  Importer(const DataSource& table, const ImportOptions& options)
      : table_(table), options_(options), interventions_(options.link_to, options.source_name),
        groups_(options.source_name) {}

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
    groups_.remap(interventions_.resolve_names());
    interventions_.name_interventions();
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
    std::uint32_t a = interventions_.side(codes[0], names[0], line), b = interventions_.side(codes[1], names[1], line);
    std::int32_t level = significance_level(fields, true);
    if (const Field* value = field(fields, tier); value && !value->value.empty()) {
      std::string folded = fold_term(value->value);
      if (!tier_map_.count(folded)) unmapped_tier_.add(value->value, folded);
    }
    groups_.add(a, b, level, line);
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

  // Second pass: the pair record of a row, unless another row of its pair is kept or it
  // pairs a thing with itself.
  void write_pair(const std::vector<Field>& fields, std::size_t count, std::size_t line, ImportResult& result) {
    if (count != header_count_) table_changed(options_.source_name);
    const Field* codes[2] = {field(fields, a_code), field(fields, b_code)};
    const Field* names[2] = {field(fields, a_name), field(fields, b_name)};
    if (!(given(codes[0]) || given(names[0])) || !(given(codes[1]) || given(names[1]))) return;
    std::uint32_t a = interventions_.settled(codes[0], names[0]), b = interventions_.settled(codes[1], names[1]);
    if (!groups_.keep(a, b, line)) return;
    std::int32_t level = significance_level(fields, false), rank = -1;
    if (const Field* value = field(fields, tier); value && !value->value.empty())
      if (auto it = tier_map_.find(fold_term(value->value)); it != tier_map_.end())
        rank = static_cast<std::int32_t>(it->second);
    std::string& out = output(result);
    out += result.pairs++ ? ",\n    {\"interventions\": [" : "\n    {\"interventions\": [";
    append_json_string(out, interventions_.targets()[a].code);
    out += ", ";
    append_json_string(out, interventions_.targets()[b].code);
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

  void write_head(ImportResult& result) {
    std::string& out = output(result);
    out += "{\n  \"format\": \"pairinfo\",\n  \"format_version\": 1,\n";
    if (!options_.dataset_name.empty()) {
      out += "  \"name\": ";
      append_json_string(out, options_.dataset_name);
      out += ",\n";
    }
    out += "  \"interventions\": [";
    for (const Target& target : interventions_.targets()) {
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
    groups_.warn(w);
    interventions_.warn(w);
    if (unmapped_significance_.rows()) w.push_back(unmapped_significance_.warning("significance"));
    if (unmapped_tier_.rows()) w.push_back(unmapped_tier_.warning("tier"));
  }

  static constexpr std::size_t output_step = std::size_t{1} << 20;

  const DataSource& table_;
  const ImportOptions& options_;
  char delimiter_ = ',';
  std::size_t header_count_ = 0;
  std::array<std::size_t, role_count> columns_{};
  ValueMap significance_map_, tier_map_;
  std::vector<std::string> significance_ids_, tier_ids_;
  Interventions interventions_;
  PairGroups groups_;    // the rows of each pair
  std::string pending_;  // output not yet handed on
  Tally missing_side_;
  Unmapped unmapped_significance_, unmapped_tier_;
};

}  // namespace

std::string generated_code(std::string_view name) { return import::name_code(name); }

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
