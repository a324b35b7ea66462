// Writing to file descriptors; see output.hpp.
#include "pairinfo/output.hpp"

#include <unistd.h>

#include <cerrno>

namespace pairinfo {

WriteOutcome write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) return {WriteResult::broken_pipe, errno};
      return {WriteResult::failed, errno};
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

}  // namespace pairinfo
