/// Writing results to standard output without dying on a closed pipe or a full disk.
#pragma once
#include <string_view>

namespace pairinfo {

enum class WriteResult { ok, broken_pipe, failed };

struct WriteOutcome {
  WriteResult result = WriteResult::ok;
  int error = 0;  ///< errno when failed
};

/// Writes every byte to the file descriptor, retrying short writes and EINTR.
WriteOutcome write_all(int fd, std::string_view data);

}  // namespace pairinfo
