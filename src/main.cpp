// pairinfo: evidence lookup for pairs of health interventions.
#include "pairinfo/cli.hpp"

int main(int argc, char** argv) { return pairinfo::cli::run(argc, argv); }
