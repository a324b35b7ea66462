/// What the output device is and how to style for it: colour and width decisions.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pairinfo {

enum class ColorMode { automatic, always, never };

/// Parses "auto", "always" or "never"; nullopt otherwise.
std::optional<ColorMode> parse_color_mode(std::string_view text);

/// Colour when asked for always (--color always), never when asked for never; otherwise
/// NO_COLOR (non-empty) turns it off, then CLICOLOR_FORCE (non-empty, not "0") turns it on
/// even off a terminal, and else colour follows whether output is a terminal.
bool decide_color(ColorMode mode, bool is_terminal, const char* no_color, const char* clicolor_force);

/// The width to wrap to: --width, else COLUMNS, else the terminal's, else 80.
std::size_t decide_width(std::optional<std::size_t> requested, const char* columns, std::size_t terminal_columns);

/// True when file descriptor 1 is a terminal.
bool stdout_is_terminal();
/// Columns of the terminal on standard output, or 0.
std::size_t stdout_terminal_columns();

/// How text renderers style their output.
struct TextStyle {
  bool color = false;
  std::size_t width = 80;
  bool terminal = false;  ///< Lines may be cut to the width; otherwise one record per line, whole.
  bool verbose = false;
};

/// ANSI styling that vanishes when colour is off.
std::string bold(const TextStyle& style, std::string_view text);
std::string dim(const TextStyle& style, std::string_view text);
std::string colored(const TextStyle& style, std::string_view sgr, std::string_view text);
/// As colored() and bold(), but appended to `out`.
void add_colored(std::string& out, const TextStyle& style, std::string_view sgr, std::string_view text);
void add_bold(std::string& out, const TextStyle& style, std::string_view text);

}  // namespace pairinfo
