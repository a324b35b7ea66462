// Build step: checks data/pairinfo.json (strictly, as shipped data must be) and writes a C++
// file holding its bytes, its pair index and its catalogue image, so that the executable
// starts on the bundled data without scanning or decoding it.
// Usage: pairinfo_prebuild INPUT.json OUTPUT.cpp
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "pairinfo/bundled.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/pair_index.hpp"

namespace {

std::string byte_array(std::string_view name, std::string_view bytes) {
  std::string out = fmt::format("alignas(8) constexpr unsigned char {}[{}] = {{", name, bytes.size() + 1);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i % 24 == 0) out += "\n";
    out += fmt::format("{},", static_cast<unsigned char>(bytes[i]));
  }
  return out + "0};\n";
}

std::string bundled_source_text(std::string_view json, std::string_view catalogue, const pairinfo::PairIndex& index) {
  std::string out =
      "// Generated from data/pairinfo.json by tools/prebuild.cpp; do not edit.\n"
      "#include \"pairinfo/bundled.hpp\"\n\nnamespace pairinfo {\nnamespace {\n\n";
  out += byte_array("json", json);
  out += byte_array("catalogue", catalogue);
  // Arrays of length zero are not C++: each table gets one spare entry, never viewed.
  out += "constexpr IndexEntry by_pair[] = {";
  for (const auto& e : index.by_pair())
    out += fmt::format("\n{{{}u, {{{}u, {}u, {}u}}}},", e.key, e.record.offset, e.record.length, e.record.index);
  out += "{}};\nconstexpr CodeEntry by_code[] = {";
  for (const auto& e : index.by_code())
    out += fmt::format("\n{{{}u, {}u, {}u}},", e.code, e.entry, e.other);
  out += "{}};\nconstexpr RecordRef code_records[] = {";
  for (const auto& e : index.code_records()) out += fmt::format("\n{{{}u, {}u, {}u}},", e.offset, e.length, e.index);
  out += "{}};\nconstexpr RecordRef unkeyed[] = {";
  for (const auto& e : index.unkeyed()) out += fmt::format("\n{{{}u, {}u, {}u}},", e.offset, e.length, e.index);
  out += "{}};\n\n}  // namespace\n\n";
  out += fmt::format(
      "std::string_view bundled_data() noexcept {{ return {{reinterpret_cast<const char*>(json), {}}}; }}\n"
      "std::string_view bundled_catalogue() noexcept {{ return {{reinterpret_cast<const char*>(catalogue), {}}}; }}\n\n"
      "std::optional<PairIndex> bundled_index() {{\n"
      "  std::vector<std::pair<std::string, Span>> members;\n",
      json.size(), catalogue.size());
  for (const auto& [key, span] : index.members())
    out += fmt::format("  members.push_back({{\"{}\", Span{{{}u, {}u}}}});\n", key, span.offset, span.length);
  out += fmt::format(
      "  return PairIndex::in_memory(std::move(members), {}, std::span(by_pair, {}), std::span(by_code, {}),\n"
      "                              std::span(code_records, {}), std::span(unkeyed, {}));\n}}\n\n"
      "}}  // namespace pairinfo\n",
      index.has_pairs() ? "true" : "false", index.by_pair().size(), index.by_code().size(), index.code_records().size(),
      index.unkeyed().size());
  return out;
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
    pairinfo::load_dataset({pairinfo::DataSource(argv[1], json)}, strict);
    // Named as the program names it at run time, since the name is part of the catalogue.
    pairinfo::DataLoader loader({pairinfo::DataSource(std::string(pairinfo::bundled_source_name), json)});
    auto catalogue = loader.load(pairinfo::PairScope::all()).catalogue();
    auto index = pairinfo::PairIndex::build(json);
    if (!index) throw std::runtime_error("the data file is not shaped like a data file");
    std::string text = bundled_source_text(json, catalogue->image(0), *index);
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
