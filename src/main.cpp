// pairinfo: evidence lookup for pairs of health interventions.
#include <cstdio>
#include <cstdlib>

#include "pairinfo/cli.hpp"

// Under AddressSanitizer everything is freed, so that its leak check vouches for the rest.
#if defined(__SANITIZE_ADDRESS__)
#define PAIRINFO_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PAIRINFO_FREE_AT_EXIT 1
#endif
#endif

int main(int argc, char** argv) {
  pairinfo::cli::Finished finished = pairinfo::cli::run_command(argc, argv);
#ifndef PAIRINFO_FREE_AT_EXIT
  // The system takes back a process's memory at once: freeing what a big command built,
  // block by block, would only delay the exit (compilers skip it too, as clang's
  // -disable-free does). Output is written as it is made; stdio is flushed here.
  std::fflush(nullptr);
  std::_Exit(finished.status);
#else
  return finished.status;
#endif
}
