// Problems in data files, formatted; see diagnostics.hpp.
#include "pairinfo/diagnostics.hpp"

#include <fmt/format.h>

#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

std::string format_with(const Diagnostic& diagnostic, std::string_view severity) {
  std::string place = escape_controls(diagnostic.file);
  if (diagnostic.line > 0) place += fmt::format(":{}:{}", diagnostic.line, diagnostic.column);
  std::string out = fmt::format("{}: {}{}", place, severity, escape_controls(diagnostic.message));
  if (!diagnostic.pointer.empty()) out += fmt::format(" (at {})", escape_controls(diagnostic.pointer));
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic) { return format_with(diagnostic, "error: "); }
std::string format_diagnostic_brief(const Diagnostic& diagnostic) { return format_with(diagnostic, ""); }

DataError::DataError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(diagnostics.empty() ? std::string("data error") : format_diagnostic(diagnostics.front())),
      diagnostics_(std::move(diagnostics)) {}

}  // namespace pairinfo
