// Progress lines on a terminal; see progress.hpp.
#include "pairinfo/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "pairinfo/output.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {

ProgressLine::ProgressLine(bool enabled, std::chrono::milliseconds delay, int fd)
    : enabled_(enabled), delay_(delay), fd_(fd), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(std::string_view verb, std::string_view file, std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Quick work finishes before anyone would read a progress line.
  if (now - start_ < delay_) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
  last_ = now;
  shown_ = true;
  std::uint64_t percent = total == 0 ? 100 : std::min<std::uint64_t>(100, done * 100 / total);
  write_all(fd_, fmt::format("\r\x1b[Kpairinfo: {} {} {:3}%", verb, escape_controls(file), percent));
}

void ProgressLine::clear() {
  if (!shown_) return;
  write_all(fd_, "\r\x1b[K");
  shown_ = false;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace pairinfo
