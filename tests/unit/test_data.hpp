// Helpers for unit tests that load small data sets written inline as JSON text.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/load.hpp"

namespace test_data {

/// Loads one in-memory layer named "test.json" (no bundled data).
inline pairinfo::Dataset load_text(std::string text, const pairinfo::LoadOptions& options = {}) {
  return pairinfo::load_dataset({pairinfo::DataSource("test.json", std::move(text))}, options);
}

/// The problems `validate` would report for one in-memory layer named "test.json".
inline std::vector<pairinfo::Diagnostic> problems_in(std::string text, const pairinfo::LoadOptions& options = {}) {
  return pairinfo::check_sources({pairinfo::DataSource("test.json", std::move(text))}, options);
}

/// Index of the intervention with `code`; fails the test when absent.
inline std::size_t index_of(const pairinfo::Dataset& data, const char* code) {
  std::size_t index = data.find_code(code);
  if (index == pairinfo::Dataset::npos) throw std::logic_error(std::string("test data lacks ") + code);
  return index;
}

}  // namespace test_data
