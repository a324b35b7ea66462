// What the import's modules (import_csv.cpp and the private import_*.hpp) share about the
// table's rows: a field given, rows counted for a warning, a table that changed between passes.
#pragma once
#include <cstddef>
#include <string>

#include "pairinfo/csv_reader.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo::import {

// A column the row has, with a value in it.
inline bool given(const csv::Field* f) { return f && !f->value.empty(); }

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

inline std::string rows_word(std::size_t n) { return n == 1 ? "row" : "rows"; }

// The second pass met a row the first pass read otherwise.
[[noreturn]] inline void table_changed(const std::string& source) {
  throw DataError({Diagnostic{source, 0, 0, "", "the table changed while it was read"}});
}

}  // namespace pairinfo::import
