/// The command line: maps arguments onto library calls and results onto exit statuses.
#pragma once
#include <memory>

namespace pairinfo::cli {

/// What a command left when it finished: its exit status, and all it built (data, indexes,
/// output), freed when the last copy of `state` goes.
struct Finished {
  int status = 0;
  std::shared_ptr<void> state;
};

/// Runs pairinfo as a command; the only place that prints errors.
Finished run_command(int argc, const char* const* argv);
/// The same, with what it built freed; returns the exit status.
int run(int argc, const char* const* argv);

}  // namespace pairinfo::cli
