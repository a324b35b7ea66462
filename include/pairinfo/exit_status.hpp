/// Exit statuses of the pairinfo command, documented in README and pairinfo(1).
#pragma once

namespace pairinfo {

enum class ExitStatus : int {
  ok = 0,            ///< The answer was found and printed.
  not_found = 1,     ///< No record: the pair, or any result of a list or search, is not in the data.
  usage = 2,         ///< Bad command line, or a term that names several interventions.
  bad_data = 3,      ///< A data file cannot be used (or `validate` found problems).
  fail_on = 4,       ///< `check --fail-on LEVEL` met a pair at or above LEVEL.
  output_error = 5,  ///< Standard output could not be written.
  unknown_name = 6,  ///< A term names no intervention (a check with such a term is incomplete).
  internal = 70,     ///< A bug: an unexpected error was caught at the boundary (EX_SOFTWARE).
};

constexpr int to_int(ExitStatus status) noexcept { return static_cast<int>(status); }

}  // namespace pairinfo
