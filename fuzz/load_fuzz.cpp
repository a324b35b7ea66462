// libFuzzer target: arbitrary bytes as a data file, through checking and loading.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz_support.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/load.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("load_fuzz", what, detail); }

// Diagnostics reach a terminal: they must be one line with no raw control byte.
void check_printable(const pairinfo::Diagnostic& diagnostic) {
  std::string line = pairinfo::format_diagnostic(diagnostic);
  for (unsigned char c : line)
    if (c < 0x20 || c == 0x7f) fail("control byte in a diagnostic", line);
  if (diagnostic.message.empty()) fail("diagnostic without a message", line);
}

// A small first layer, so inputs can replace, extend and refer to earlier records cheaply
// (layering over the bundled data costs a hundred times more per input).
constexpr std::string_view base_layer = R"({
  "format": "pairinfo", "format_version": 1,
  "categories": [{"id": "aesthetic", "prefix": "AES", "name": "Aesthetic procedure"},
                 {"id": "hormone", "prefix": "HRM", "name": "Hormone"}],
  "interventions": [
    {"code": "AES-001", "name": "Microneedling", "category": "aesthetic", "aliases": ["skin needling"]},
    {"code": "HRM-001", "name": "Estradiol", "category": "hormone", "aliases": ["E2"]},
    {"code": "HRM-002", "name": "Progesterone", "category": "hormone"}],
  "pairs": [{"interventions": ["AES-001", "HRM-001"], "significance": "benefit",
             "evidence": {"tier": "T3", "summary": "Small studies."}, "summary": "Base record."}]
})";

// The input as a file that read_source streams from disk (as it does for big files).
std::optional<pairinfo::DataSource> file_source(const std::string& text) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("load_fuzz-" + std::to_string(::getpid()) + ".json")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return std::nullopt;
  }
  std::optional<pairinfo::DataSource> source;
  try {
    source = pairinfo::read_source(path, 0);
  } catch (const pairinfo::DataError&) {
  }
  std::remove(path.c_str());  // the source keeps the file open
  return source;
}

// Loads everything, returning whether it worked; every diagnostic is checked.
bool loads(const std::vector<pairinfo::DataSource>& sources, const pairinfo::LoadOptions& options) {
  try {
    (void)pairinfo::load_dataset(sources, options);
    return true;
  } catch (const pairinfo::DataError& error) {
    if (error.diagnostics().empty()) fail("DataError without diagnostics");
    for (const auto& problem : error.diagnostics()) check_printable(problem);
    return false;
  }
}

std::vector<pairinfo::PairRecord> sorted_pairs(const pairinfo::Dataset& data) {
  std::vector<pairinfo::PairRecord> pairs(data.pairs().begin(), data.pairs().end());
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    return std::tie(a.layer, a.pointer) < std::tie(b.layer, b.pointer);
  });
  return pairs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the options, so one corpus explores all of them. Low nibble:
  // bit 0 strict, bit 1 on top of an earlier layer, bit 2 also through the lazy path (as
  // for files past lazy_threshold), bit 3 its "among" scope. High nibble 4..7: the input is
  // streamed from a file; 7: the earlier layer is the bundled data, not base_layer.
  // Seeds use ASCII: '0'..'?' in memory, '@'..'o' from a file, 'p'..'~' over the bundled data.
  const std::uint8_t mode = data[0];
  const bool layered = (mode & 2) != 0, lazy = (mode & 4) != 0, among = (mode & 8) != 0;
  const bool from_file = (mode >> 4) >= 4, over_bundled = (mode >> 4) == 7;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  pairinfo::LoadOptions options;
  options.strict = (mode & 1) != 0;

  std::vector<pairinfo::DataSource> sources;
  if (layered) {
    if (over_bundled) sources.push_back(pairinfo::bundled_source());
    else sources.emplace_back("base.json", std::string(base_layer));
  }
  if (from_file) {
    std::optional<pairinfo::DataSource> file = file_source(text);
    if (!file) return 0;
    sources.push_back(std::move(*file));
  } else {
    sources.emplace_back("fuzz.json", text);
  }

  std::vector<pairinfo::Diagnostic> problems = pairinfo::check_sources(sources, options);
  for (const auto& problem : problems) check_printable(problem);
  // `validate` and every other command must agree on whether a file is usable.
  const bool usable = loads(sources, options);
  if (usable != problems.empty()) fail("check_sources and load_dataset disagree", text);

  if (lazy) {
    // Big files are decoded record by record, as commands need them. A command may then
    // miss a bad record out of its scope, but loading everything must end as above.
    pairinfo::LoadOptions lazy_options = options;
    lazy_options.lazy_threshold = 0;
    pairinfo::DataLoader loader(sources, lazy_options);
    const std::vector<std::string> codes = {"AES-001", "HRM-001"};
    try {
      // Outlines (as lists load them), so that loading everything below must complete them.
      auto scope = among ? pairinfo::PairScope::among(codes) : pairinfo::PairScope::touching(codes);
      (void)loader.load(scope.keeping(pairinfo::RecordParts::outline));
    } catch (const pairinfo::DataError& error) {
      for (const auto& problem : error.diagnostics()) check_printable(problem);
    }
    bool lazy_usable = true;
    try {
      pairinfo::Dataset lazily = loader.load(pairinfo::PairScope::all());
      // Records read one by one (by the fast path when clean) must equal those of a whole parse.
      if (usable && sorted_pairs(lazily) != sorted_pairs(pairinfo::load_dataset(sources, options)))
        fail("a record read by itself differs from the same record read with its file", text);
    } catch (const pairinfo::DataError& error) {
      for (const auto& problem : error.diagnostics()) check_printable(problem);
      lazy_usable = false;
    }
    if (lazy_usable != usable) fail(usable ? "lazy loading refused a good file" : "lazy loading accepted a bad file", text);
    if (usable && !among) {
      // A list of one intervention takes outlines from the index: they must show what the
      // records themselves hold.
      pairinfo::DataLoader fresh(sources, lazy_options);
      auto outline = [](const pairinfo::PairRecord& r) {
        return std::make_tuple(r.layer, r.pointer, r.codes[0], r.codes[1], r.text(pairinfo::Field::title), r.text(pairinfo::Field::significance), r.text(pairinfo::Field::tier));
      };
      auto listed = sorted_pairs(fresh.load(pairinfo::PairScope::touching(codes).keeping(pairinfo::RecordParts::outline)));
      auto whole = sorted_pairs(pairinfo::DataLoader(sources, lazy_options).load(pairinfo::PairScope::touching(codes)));
      bool same = listed.size() == whole.size();
      for (std::size_t i = 0; same && i < listed.size(); ++i) same = outline(listed[i]) == outline(whole[i]);
      if (!same) fail("a record listed from its outline differs from the record", text);
    }
    if (usable != loads(sources, lazy_options)) fail("lazy load_dataset disagrees with the whole-file check", text);
    // validate reads big files record by record; it must find a file bad exactly when the
    // whole-file check does (it may list more: a whole parse stops at the first syntax error).
    std::vector<pairinfo::Diagnostic> streamed = pairinfo::check_sources(sources, lazy_options);
    for (const auto& problem : streamed) check_printable(problem);
    if (streamed.empty() != problems.empty()) fail("validate record by record disagrees with the whole-file check", text);
  }
  return 0;
}
