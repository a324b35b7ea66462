// Tests for progress: the line appears only when enabled and after its delay, and is cleared.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "pairinfo/progress.hpp"

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  // Closes the writing end and returns what was written.
  std::string written() {
    ::close(fds[1]);
    fds[1] = -1;
    std::string out;
    char buffer[256];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    return out;
  }
};

}  // namespace

TEST_CASE("a progress line shows the file and percentage, and is cleared", "[progress]") {
  Pipe pipe;
  {
    pairinfo::ProgressLine line(true, std::chrono::milliseconds(0), pipe.fds[1]);
    line.update("checking", "big.json", 50, 200);
    line.update("checking", "big.json", 200, 200);  // the end is always drawn
  }
  CHECK(pipe.written() == "\r\x1b[Kpairinfo: checking big.json  25%\r\x1b[Kpairinfo: checking big.json 100%\r\x1b[K");
}

TEST_CASE("no progress line off a terminal or before its delay", "[progress]") {
  Pipe pipe;
  {
    pairinfo::ProgressLine off(false, std::chrono::milliseconds(0), pipe.fds[1]);
    off.update("checking", "big.json", 1, 2);
    pairinfo::ProgressLine early(true, std::chrono::hours(1), pipe.fds[1]);
    early.update("importing", "big.csv", 1, 2);
  }
  CHECK(pipe.written().empty());
}
