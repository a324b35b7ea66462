// libFuzzer target: a damaged, truncated, extended or swapped cache database. A small valid
// data file is indexed once into a cache directory (records read from the file through the
// index, as for big files); each input then damages the cache file and runs a pair lookup,
// a list of one intervention and a search. Every answer must be exactly the answer of the
// undamaged data: a damaged cache is either believed correctly or rebuilt, never wrong,
// and never fails a lookup of good data.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz_support.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/load.hpp"

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("cache_fuzz", what, detail); }

// The data the cache is of: a class with a member, aliases, summaries, several records.
constexpr std::string_view data_text = R"({
  "format": "pairinfo", "format_version": 1, "name": "cache fuzz",
  "categories": [{"id": "supplement", "prefix": "SUP", "name": "Supplement"},
                 {"id": "drug", "prefix": "DRG", "name": "Drug"}],
  "interventions": [
    {"code": "SUP-001", "name": "Magnesium", "category": "supplement", "aliases": ["Mg", "magnesium citrate"],
     "summary": "A mineral."},
    {"code": "SUP-002", "name": "Zinc", "category": "supplement"},
    {"code": "DRG-001", "name": "Statins", "category": "drug", "members": ["DRG-002", "DRG-003"]},
    {"code": "DRG-002", "name": "Atorvastatin", "category": "drug", "aliases": ["Lipitor"]},
    {"code": "DRG-003", "name": "Simvastatin", "category": "drug"}],
  "pairs": [
    {"interventions": ["SUP-001", "DRG-001"], "title": "Magnesium and statins", "significance": "caution",
     "applies_to": ["DRG-002"], "evidence": {"tier": "T2", "summary": "Two trials."},
     "summary": "Take them apart: magnesium lowers absorption.", "mechanism": "Binding in the gut."},
    {"interventions": ["SUP-001", "SUP-002"], "significance": "compatible",
     "evidence": {"tier": "T4", "summary": "Expert opinion."}, "summary": "No known interaction."},
    {"interventions": ["SUP-002", "DRG-003"], "title": "Zinc and simvastatin", "significance": "monitor",
     "summary": "Watch muscle symptoms; zinc absorption."},
    {"interventions": ["SUP-001", "DRG-003"], "title": "Magnesium and simvastatin", "significance": "benefit",
     "evidence": {"tier": "T3", "summary": "Small studies."}, "summary": "Cramps eased with magnesium."},
    {"interventions": ["DRG-002", "SUP-002"], "title": "Atorvastatin and zinc", "significance": "avoid",
     "evidence": {"tier": "T1", "summary": "A large trial."}, "summary": "Absorption of zinc falls a lot."}]
})";

// An older version of the same file (same size class, other answers): its cache has the
// right set key and the wrong data key.
constexpr std::string_view old_text = R"({
  "format": "pairinfo", "format_version": 1, "name": "cache fuzz",
  "categories": [{"id": "supplement", "prefix": "SUP", "name": "Supplement"},
                 {"id": "drug", "prefix": "DRG", "name": "Drug"}],
  "interventions": [
    {"code": "SUP-001", "name": "Magnesium", "category": "supplement", "aliases": ["Mg"]},
    {"code": "SUP-002", "name": "Zinc", "category": "supplement"},
    {"code": "DRG-003", "name": "Simvastatin", "category": "drug"}],
  "pairs": [
    {"interventions": ["SUP-001", "DRG-003"], "title": "Magnesium and simvastatin", "significance": "avoid",
     "summary": "Magnesium absorption: an old, wrong answer."},
    {"interventions": ["SUP-001", "SUP-002"], "significance": "caution", "summary": "Zinc absorption, old."}]
})";

// Another data set in another file: its cache belongs to other data.
constexpr std::string_view other_text = R"({
  "format": "pairinfo", "format_version": 1,
  "categories": [{"id": "supplement", "prefix": "SUP", "name": "Supplement"}],
  "interventions": [
    {"code": "SUP-001", "name": "Iron", "category": "supplement"},
    {"code": "SUP-002", "name": "Calcium", "category": "supplement"}],
  "pairs": [{"interventions": ["SUP-001", "SUP-002"], "significance": "caution", "summary": "Absorption competes."}]
})";

const std::vector<std::string> pair_codes = {"SUP-001", "DRG-003"};
const std::vector<std::string> list_codes = {"SUP-001"};
const std::vector<std::string> search_words = {"absorption"};

// Everything an answer shows, as one comparable value.
struct Answer {
  std::vector<std::tuple<std::string, std::string, std::string, std::string, std::vector<std::string>,
                         std::vector<std::string>, std::size_t, std::size_t>>
      interventions;
  std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t>> layers;
  std::vector<pairinfo::PairRecord> pairs;
  std::vector<std::tuple<std::size_t, double, std::string, std::string>> matches;
  friend bool operator==(const Answer&, const Answer&) = default;
};

Answer answer_of(const pairinfo::Dataset& data) {
  Answer answer;
  for (const auto& i : data.interventions())
    answer.interventions.emplace_back(i.code, i.name, i.category, i.summary, i.aliases, i.members, i.layer, i.position);
  for (const auto& l : data.layers()) answer.layers.emplace_back(l.source, l.name, l.interventions, l.pairs);
  answer.pairs.assign(data.pairs().begin(), data.pairs().end());
  return answer;
}

enum class Query { pair, list, search };

Answer ask(pairinfo::DataLoader& loader, Query query) {
  switch (query) {
    case Query::pair:
      return answer_of(loader.load(pairinfo::PairScope::among(pair_codes)));
    case Query::list:
      return answer_of(loader.load(pairinfo::PairScope::touching(list_codes).keeping(pairinfo::RecordParts::outline)));
    case Query::search: {
      pairinfo::SearchResult result = loader.search(search_words, 10);
      Answer answer = answer_of(result.data);
      for (const auto& m : result.matches) answer.matches.emplace_back(m.pair, m.rank, m.field, m.snippet);
      return answer;
    }
  }
  return {};
}

const char* name_of(Query query) {
  return query == Query::pair ? "pair lookup" : query == Query::list ? "list" : "search";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail("cannot write", path.string());
}

// The one cache file in a directory.
fs::path cache_file_in(const fs::path& directory) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(directory)) found.push_back(entry.path());
  if (found.size() != 1) fail("expected one cache file", directory.string());
  return found[0];
}

struct Setup {
  fs::path root, data, other_data, cache_directory, cache_path;
  pairinfo::LoadOptions options;
  std::string good, old, other;  // cache files: of this data, of its older version, of other data
  Answer expected[3];

  Setup() {
    root = fs::temp_directory_path() / ("cache_fuzz-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    data = root / "data.json";
    other_data = root / "other.json";
    options.lazy_threshold = 1;  // records are read from the file, through the index

    // The cache of an older version of the same file, then of another file.
    write_file(data, old_text);
    old = build(root / "cache-old", data);
    write_file(other_data, other_text);
    other = build(root / "cache-other", other_data);

    // The answers of the data without any cache, then the good cache, which must agree.
    write_file(data, data_text);
    {
      pairinfo::DataLoader loader({pairinfo::read_source(data.string(), 0)}, options);
      for (Query q : {Query::pair, Query::list, Query::search}) expected[static_cast<int>(q)] = ask(loader, q);
    }
    if (expected[0].pairs.size() != 1 || expected[1].pairs.size() != 3 || expected[2].matches.size() < 3)
      fail("the reference answers are not what the data holds");
    cache_directory = root / "cache";
    good = build(cache_directory, data);
    cache_path = cache_file_in(cache_directory);
    options.cache_directory = cache_directory.string();
    // The same names as the good cache's: a swapped file is found at the same path.
    for (auto* bytes : {&old, &other})
      if (bytes->empty()) fail("no cache was built");
  }

  // Builds the cache of `file` in `directory` (search index included); returns its bytes.
  std::string build(const fs::path& directory, const fs::path& file) {
    pairinfo::LoadOptions with_cache = options;
    with_cache.cache_directory = directory.string();
    pairinfo::DataLoader loader({pairinfo::read_source(file.string(), 0)}, with_cache);
    for (Query q : {Query::pair, Query::list, Query::search}) (void)ask(loader, q);
    return read_file(cache_file_in(directory));
  }
};

// Reads the input a little at a time; zeros once it runs out.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::uint32_t number(int bytes) {
    std::uint32_t n = 0;
    for (int i = 0; i < bytes; ++i) n = n << 8 | byte();
    return n;
  }
  std::string_view take(std::size_t n) {
    n = std::min(n, size_ - std::min(at_, size_));
    std::string_view out(reinterpret_cast<const char*>(data_) + std::min(at_, size_), n);
    at_ += n;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
};

// The cache file after the input's damage. First byte: which cache to start from (low two
// bits: good, older version, other data, empty) and how the queries run (bit 2: one loader
// for all three, the damage written once). Then operations, each one byte and its
// arguments; offsets are three bytes, taken modulo the file's size (plus one).
std::string damaged(const Setup& setup, Input& input, bool& one_loader) {
  std::uint8_t mode = input.byte();
  one_loader = (mode & 4) != 0;
  std::string bytes;
  switch (mode & 3) {
    case 0: bytes = setup.good; break;
    case 1: bytes = setup.old; break;
    case 2: bytes = setup.other; break;
    default: break;
  }
  for (int ops = 0; !input.empty() && ops < 64; ++ops) {
    std::uint8_t op = input.byte();
    auto offset = [&] { return input.number(3) % (bytes.size() + 1); };
    switch (op % 7) {
      case 0: {  // overwrite bytes
        std::size_t at = offset();
        std::string_view with = input.take(input.byte() % 16 + 1);
        bytes.replace(at, std::min(with.size(), bytes.size() - at), with);
        break;
      }
      case 1: {  // flip bits of one byte
        std::size_t at = offset();
        std::uint8_t mask = input.byte();
        if (at < bytes.size()) bytes[at] = static_cast<char>(bytes[at] ^ (mask ? mask : 1));
        break;
      }
      case 2:  // truncate
        bytes.resize(offset());
        break;
      case 3: {  // append
        std::string_view with = input.take(input.byte() % 64 + 1);
        bytes.append(with);
        break;
      }
      case 4: {  // a page (8 KiB) of another cache over a page of this one
        const std::string& from = (op >> 3) & 1 ? setup.old : (op >> 4) & 1 ? setup.other : setup.good;
        std::size_t source = input.byte() * std::size_t{8192}, target = input.byte() * std::size_t{8192};
        if (source < from.size() && target < bytes.size()) {
          std::string_view page = std::string_view(from).substr(source, 8192);
          bytes.replace(target, std::min(page.size(), bytes.size() - target), page);
        }
        break;
      }
      case 5: {  // one four-byte big-endian number (page numbers, counts, sizes) set
        std::size_t at = offset();
        std::uint32_t value = input.number(4);
        for (int i = 0; i < 4 && at + i < bytes.size(); ++i) bytes[at + i] = static_cast<char>(value >> (24 - 8 * i));
        break;
      }
      default: {  // a run of zeros (a hole)
        std::size_t at = offset();
        std::size_t length = std::min<std::size_t>(input.number(2), bytes.size() - at);
        std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), length, '\0');
        break;
      }
    }
  }
  return bytes;
}

void check(const Setup& setup, pairinfo::DataLoader& loader, Query query) {
  Answer got;
  try {
    got = ask(loader, query);
  } catch (const pairinfo::DataError& error) {
    std::string detail = error.diagnostics().empty() ? "" : pairinfo::format_diagnostic(error.diagnostics()[0]);
    fail(query == Query::pair ? "a damaged cache failed a pair lookup"
         : query == Query::list ? "a damaged cache failed a list" : "a damaged cache failed a search",
         detail);
  } catch (const std::exception& error) {
    fail("an exception escaped the loader", std::string(name_of(query)) + ": " + error.what());
  }
  if (!(got == setup.expected[static_cast<int>(query)]))
    fail(query == Query::pair ? "a damaged cache gave a wrong pair lookup"
         : query == Query::list ? "a damaged cache gave a wrong list" : "a damaged cache gave a wrong search");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Setup setup;
  Input input(data, size);
  bool one_loader = false;
  const std::string bytes = damaged(setup, input, one_loader);
  auto source = [&] { return std::vector<pairinfo::DataSource>{pairinfo::read_source(setup.data.string(), 0)}; };

  // Whatever the loader made of the last input goes: only the damaged file is there.
  std::error_code ignored;
  fs::remove_all(setup.cache_directory, ignored);
  fs::create_directories(setup.cache_directory);
  if (one_loader) {
    write_file(setup.cache_path, bytes);
    pairinfo::DataLoader loader(source(), setup.options);
    for (Query q : {Query::pair, Query::list, Query::search}) check(setup, loader, q);
  } else {
    for (Query q : {Query::search, Query::list, Query::pair}) {
      write_file(setup.cache_path, bytes);
      pairinfo::DataLoader loader(source(), setup.options);
      check(setup, loader, q);
    }
  }
  // A rebuilt cache is whole again: the next call believes it and answers the same.
  pairinfo::DataLoader again(source(), setup.options);
  for (Query q : {Query::pair, Query::list, Query::search}) check(setup, again, q);
  return 0;
}
