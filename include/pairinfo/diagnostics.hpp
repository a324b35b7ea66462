/// Problems found in data files, with the place they were found.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace pairinfo {

/// One problem in one data file. `line` and `column` are 1-based; 0 when unknown.
struct Diagnostic {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string pointer;  ///< JSON pointer of the offending value, e.g. /pairs/0/evidence/tier
  std::string message;
};

/// `FILE:LINE:COLUMN: error: MESSAGE (at /json/path)`, with control characters escaped.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// The same without the severity word: `FILE:LINE:COLUMN: MESSAGE (at /json/path)`,
/// for messages that already start with `pairinfo: error:`.
std::string format_diagnostic_brief(const Diagnostic& diagnostic);

/// Thrown when a data file cannot be used; carries every problem found, not just the first.
class DataError : public std::runtime_error {
 public:
  explicit DataError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace pairinfo
