// Helpers for unit tests that load small data sets written inline as JSON text.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
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

/// A temporary directory, removed with everything in it at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("pairinfo-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
            std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` to the file `name` in the directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::string file = (path / name).string();
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
};

}  // namespace test_data
