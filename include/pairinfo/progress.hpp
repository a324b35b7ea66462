/// A progress line on standard error for long work (validate and import of big files):
/// shown only on a terminal, only once the work has taken a second, and cleared at the end,
/// so that piped output and quick runs never see it.
#pragma once
#include <chrono>
#include <cstdint>
#include <string_view>

namespace pairinfo {

class ProgressLine {
 public:
  /// `enabled`: standard error is a terminal (see stderr_is_terminal). Nothing is drawn
  /// before `delay` has passed; lines go to file descriptor `fd`.
  explicit ProgressLine(bool enabled, std::chrono::milliseconds delay = std::chrono::seconds(1), int fd = 2);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// "pairinfo: VERB FILE  42%", redrawn at most ten times a second.
  void update(std::string_view verb, std::string_view file, std::uint64_t done, std::uint64_t total);
  /// Removes the line, if it was drawn.
  void clear();

 private:
  bool enabled_;
  std::chrono::milliseconds delay_;
  int fd_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

/// True when file descriptor 2 is a terminal.
bool stderr_is_terminal();

}  // namespace pairinfo
