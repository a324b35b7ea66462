// Build step: checks data/pairinfo.json (strictly, as shipped data must be) and writes a C++
// file holding its bytes, its SQLite index and, apart, its search index, so that the
// executable answers from the bundled data without scanning or decoding it.
// Usage: pairinfo_prebuild INPUT.json OUTPUT.cpp
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "pairinfo/hash.hpp"
#include "pairinfo/bundled.hpp"
#include "pairinfo/load.hpp"

namespace {

std::string byte_array(std::string_view name, std::string_view bytes) {
  std::string out = fmt::format("alignas(8) constexpr unsigned char {}[{}] = {{", name, bytes.size() + 1);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i % 24 == 0) out += "\n";
    out += fmt::format("{},", static_cast<unsigned char>(bytes[i]));
  }
  return out + "0};\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: pairinfo_prebuild INPUT.json OUTPUT.cpp\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "pairinfo_prebuild: cannot read %s\n", argv[1]);
    return 1;
  }
  std::string json{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    // Shipped data passes every rule; a build with a broken data file fails here.
    pairinfo::LoadOptions strict;
    strict.strict = true;
    auto problems = pairinfo::check_sources({pairinfo::DataSource(argv[1], json)}, strict);
    if (!problems.empty()) throw pairinfo::DataError(std::move(problems));
    // Named as the program names it at run time, since the name is part of the catalogue.
    pairinfo::DataLoader loader({pairinfo::DataSource(std::string(pairinfo::bundled_source_name), json)});
    auto [image, search] = loader.index_images();
    std::string text =
        "// Generated from data/pairinfo.json by tools/prebuild.cpp; do not edit.\n"
        "#include \"pairinfo/bundled.hpp\"\n\nnamespace pairinfo {\nnamespace {\n\n" +
        byte_array("json", json) + byte_array("index", image) + byte_array("search", search) +
        fmt::format("\n}}  // namespace\n\n"
                    "std::string_view bundled_data() noexcept {{ return {{reinterpret_cast<const char*>(json), {}}}; }}\n"
                    "std::string_view bundled_index() noexcept {{ return {{reinterpret_cast<const char*>(index), {}}}; }}\n"
                    "std::string_view bundled_search_index() noexcept {{\n"
                    "  return {{reinterpret_cast<const char*>(search), {}}};\n}}\n"
                    "std::string_view bundled_version() noexcept {{ return \"{:016x}\"; }}\n\n"
                    "}}  // namespace pairinfo\n",
                    json.size(), image.size(), search.size(), pairinfo::fnv1a(json));
    std::string temporary = std::string(argv[2]) + ".tmp";
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.close();
    if (!out || std::rename(temporary.c_str(), argv[2]) != 0) throw std::runtime_error("cannot write the output");
  } catch (const pairinfo::DataError& error) {
    for (const auto& diagnostic : error.diagnostics())
      std::fprintf(stderr, "%s\n", pairinfo::format_diagnostic(diagnostic).c_str());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "pairinfo_prebuild: %s: %s\n", argv[1], error.what());
    return 1;
  }
  return 0;
}
