/// The command line: maps arguments onto library calls and results onto exit statuses.
#pragma once

namespace pairinfo::cli {

/// Runs pairinfo as a command; the only place that prints errors. Returns the exit status.
int run(int argc, const char* const* argv);

}  // namespace pairinfo::cli
