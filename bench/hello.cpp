// The floor for bench/run.sh: the least a C++ program that prints with fmt costs. With a
// file argument it prints that file, which measures what printing a given output costs.
#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print("hello, world\n");
    return 0;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return 1;
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  fmt::print("{}", text);
  return std::fflush(stdout) == 0 ? 0 : 5;
}
