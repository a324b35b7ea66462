// Terminal detection and styling; see terminal.hpp.
#include "pairinfo/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <string>

namespace pairinfo {

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  if (text == "auto") return ColorMode::automatic;
  if (text == "always") return ColorMode::always;
  if (text == "never") return ColorMode::never;
  return std::nullopt;
}

bool decide_color(ColorMode mode, bool is_terminal, const char* no_color, const char* clicolor_force) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  if (no_color && *no_color) return false;
  if (clicolor_force && *clicolor_force && std::string_view(clicolor_force) != "0") return true;
  return is_terminal;
}

std::size_t decide_width(std::optional<std::size_t> requested, const char* columns, std::size_t terminal_columns) {
  if (requested && *requested > 0) return *requested;
  if (columns && *columns) {
    std::size_t value = 0;
    std::string_view text(columns);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && value > 0) return value;
  }
  return terminal_columns > 0 ? terminal_columns : 80;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::size_t stdout_terminal_columns() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 0;
}

void add_colored(std::string& out, const TextStyle& style, std::string_view sgr, std::string_view text) {
  if (!style.color) {
    out += text;
    return;
  }
  out += "\x1b[";
  out += sgr;
  out += 'm';
  out += text;
  out += "\x1b[0m";
}

std::string colored(const TextStyle& style, std::string_view sgr, std::string_view text) {
  std::string out;
  add_colored(out, style, sgr, text);
  return out;
}

void add_bold(std::string& out, const TextStyle& style, std::string_view text) { add_colored(out, style, "1", text); }
std::string bold(const TextStyle& style, std::string_view text) { return colored(style, "1", text); }
std::string dim(const TextStyle& style, std::string_view text) { return colored(style, "2", text); }

}  // namespace pairinfo
