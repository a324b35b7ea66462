// libFuzzer target: arbitrary bytes as a CSV/TSV table, through `import` and back through
// the loader. The first byte picks how much of the table is read at a time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/import_csv.hpp"
#include "pairinfo/load.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("import_fuzz", what, detail); }

struct Outcome {
  bool imported = false;
  std::string text;  // the data file, or the first diagnostic
  pairinfo::ImportResult result;
};

Outcome attempt(std::string_view table, std::size_t read_size) {
  pairinfo::ImportOptions options;
  options.source_name = "table.csv";
  options.read_size = read_size;
  Outcome outcome;
  try {
    outcome.result = pairinfo::import_table(pairinfo::DataSource::borrowed("table.csv", table), options);
    outcome.imported = true;
    outcome.text = outcome.result.json;
  } catch (const pairinfo::DataError& error) {
    if (error.diagnostics().empty()) fail("DataError without diagnostics", table);
    outcome.text = pairinfo::format_diagnostic(error.diagnostics().front());
    for (unsigned char c : outcome.text)
      if (c < 0x20 || c == 0x7f) fail("control byte in a diagnostic", outcome.text);
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t read_size = 1 + data[0];  // 1 to 256 bytes: pieces end everywhere
  std::string_view table(reinterpret_cast<const char*>(data + 1), size - 1);

  Outcome whole = attempt(table, table.size() + 1);
  // Reading a piece at a time is only a way of reading: the same file, or the same error.
  Outcome pieces = attempt(table, read_size);
  if (whole.imported != pieces.imported || whole.text != pieces.text)
    fail("reading in pieces changed the outcome", whole.text + " <> " + pieces.text);
  if (whole.result.warnings != pieces.result.warnings) fail("reading in pieces changed the warnings", table);

  // What import writes, the loader must accept: it is a data file of the format.
  if (whole.imported) {
    try {
      (void)pairinfo::load_dataset({pairinfo::DataSource("imported.json", whole.text)});
    } catch (const pairinfo::DataError& error) {
      fail("import wrote a file the loader refuses", pairinfo::format_diagnostic(error.diagnostics().front()));
    }
  }
  return 0;
}
