/// Unicode-aware text helpers: folding for lookups, display width, wrapping,
/// escaping of control characters, and edit distance for suggestions.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pairinfo {

/// Folds a user's term or a catalogue name to the form lookups compare:
/// lower case, accents removed, apostrophes and dots dropped, hyphens, slashes and
/// underscores read as spaces, runs of spaces collapsed, ends trimmed.
std::string fold_term(std::string_view text);

/// Names the folding fold_term does, with the Unicode version of the utf8proc it runs on (a
/// shared library, so an upgrade can change results without a rebuild). Whatever keeps folded
/// terms across runs, such as a cache, must be keyed on it.
std::string fold_term_version();

/// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

/// Makes text safe to print on a terminal: C0 and C1 controls, DEL, bidirectional
/// overrides and isolates, and invalid UTF-8 bytes become visible escapes such as
/// `\x1b`, `\u202e`. `keep_newlines` leaves '\n' alone.
std::string escape_controls(std::string_view text, bool keep_newlines = false);
/// As escape_controls(), but appends the result to `out`.
void escape_controls_into(std::string& out, std::string_view text, bool keep_newlines = false);

/// True if escape_controls(text, keep_newlines) would change the text.
bool needs_escaping(std::string_view text, bool keep_newlines = false) noexcept;

/// True if every byte is printable ASCII (space to '~'): such text needs no escaping, and each
/// byte is one column.
bool is_printable_ascii(std::string_view text) noexcept;

/// Columns the text occupies on a terminal (wide East Asian characters count two,
/// combining marks zero).
std::size_t display_width(std::string_view text);

/// Splits prose into paragraphs at blank lines; trims each.
std::vector<std::string_view> paragraphs(std::string_view text);
/// paragraphs(text).front(), without splitting the rest; empty when there is none.
std::string_view first_paragraph(std::string_view text);

/// Greedy word wrap by display width. Every line starts with `indent`
/// (the first with `first_indent` when given). Words longer than a line are not split.
/// Runs of spaces, tabs and newlines between words become one space.
std::vector<std::string> wrap(std::string_view text, std::size_t width,
                              std::string_view indent = {},
                              std::string_view first_indent = {});

/// As wrap(), but appends the lines to `out`, each ending in '\n' (at least one line, as wrap()).
void wrap_into(std::string& out, std::string_view text, std::size_t width,
               std::string_view indent = {}, std::string_view first_indent = {});

/// Pads with spaces to `width` display columns, or cuts and ends with "…" if longer.
std::string fit(std::string_view text, std::size_t width);

/// As fit(), but appends the result to `out`.
void fit_into(std::string& out, std::string_view text, std::size_t width);

/// Optimal-string-alignment edit distance (adjacent swaps count one), by bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// ASCII lower case, bytes otherwise unchanged (so offsets stay valid).
std::string ascii_lower(std::string_view text);

}  // namespace pairinfo
