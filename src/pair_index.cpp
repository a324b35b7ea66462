// Building and querying pair indexes; see pair_index.hpp.
#include "pairinfo/pair_index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <tuple>

#include "pairinfo/dataset.hpp"
#include "pairinfo/load.hpp"

namespace pairinfo {

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
  // A multiply-mix over 8-byte words: fast, and good enough to spread keys and catch
  // corruption; it is not meant to resist someone crafting collisions.
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = seed ^ (bytes.size() * k);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = (h ^ tail) * k;
  h ^= h >> 32;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 31;
  return h;
}

namespace {

constexpr std::array<std::uint32_t, 256> crc32c_table = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78u : 0);
    table[byte] = crc;
  }
  return table;
}();

std::uint32_t crc32c_word_portable(std::uint32_t crc, std::uint64_t word) {
  for (int byte = 0; byte < 8; ++byte, word >>= 8) crc = crc32c_table[(crc ^ word) & 0xFF] ^ (crc >> 8);
  return crc;
}

// Four streams of words: stream s takes words s, s + 4, s + 8... of each 32-byte block.
void crc32c_streams_portable(std::array<std::uint32_t, 4>& crc, const char* data, std::size_t blocks) {
  for (std::size_t block = 0; block < blocks; ++block, data += 32) {
    for (std::size_t s = 0; s < 4; ++s) {
      std::uint64_t w;
      std::memcpy(&w, data + 8 * s, 8);
      crc[s] = crc32c_word_portable(crc[s], w);
    }
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PAIRINFO_CRC_HARDWARE 1
#include <cpuid.h>
// The same, with the instruction: four streams keep it busy despite its latency.
__attribute__((target("sse4.2"))) void crc32c_streams_sse42(std::array<std::uint32_t, 4>& crc, const char* data,
                                                             std::size_t blocks) {
  std::uint64_t c0 = crc[0], c1 = crc[1], c2 = crc[2], c3 = crc[3];
  for (std::size_t block = 0; block < blocks; ++block, data += 32) {
    std::uint64_t w[4];
    std::memcpy(w, data, 32);
    c0 = __builtin_ia32_crc32di(c0, w[0]);
    c1 = __builtin_ia32_crc32di(c1, w[1]);
    c2 = __builtin_ia32_crc32di(c2, w[2]);
    c3 = __builtin_ia32_crc32di(c3, w[3]);
  }
  crc = {static_cast<std::uint32_t>(c0), static_cast<std::uint32_t>(c1), static_cast<std::uint32_t>(c2),
         static_cast<std::uint32_t>(c3)};
}
// Asked once, on first use: __builtin_cpu_supports would link libgcc's start-up probe of
// every CPU feature, and each CPUID it runs traps to the hypervisor on a virtual machine.
bool has_crc_instruction() {
  static const bool has = [] {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 && (ecx & bit_SSE4_2) != 0;
  }();
  return has;
}
#endif

void crc32c_streams(std::array<std::uint32_t, 4>& crc, const char* data, std::size_t blocks, bool hardware) {
#ifdef PAIRINFO_CRC_HARDWARE
  if (hardware && has_crc_instruction()) return crc32c_streams_sse42(crc, data, blocks);
#endif
  (void)hardware;
  crc32c_streams_portable(crc, data, blocks);
}

}  // namespace

std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc, bool hardware) {
  // Whole 32-byte blocks go through stream 0 of the four-stream code, a word at a time (the
  // other streams see the block's other words), so the test of this function tests that code.
  std::size_t i = 0;
  for (; i + 32 <= bytes.size(); i += 32) {
    for (std::size_t word = 0; word < 4; ++word) {
      std::array<std::uint32_t, 4> one = {crc, 0, 0, 0};
      char block[32] = {};
      std::memcpy(block, bytes.data() + i + 8 * word, 8);
      crc32c_streams(one, block, 1, hardware);
      crc = one[0];
    }
  }
  for (; i < bytes.size(); ++i) crc = crc32c_table[(crc ^ static_cast<unsigned char>(bytes[i])) & 0xFF] ^ (crc >> 8);
  return crc;
}

std::uint64_t checksum_bytes(std::string_view bytes, std::uint64_t seed) {
  std::array<std::uint32_t, 4> crc = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                                      static_cast<std::uint32_t>(bytes.size()), 0x9E3779B9u};
  std::size_t blocks = bytes.size() / 32;
  crc32c_streams(crc, bytes.data(), blocks, true);
  // The streams, folded into the seed of the hash of the last few bytes, which finishes the mix.
  std::uint64_t folded = (std::uint64_t{crc[0]} << 32 | crc[1]) ^ std::rotl(std::uint64_t{crc[2]} << 32 | crc[3], 17);
  return hash_bytes(bytes.substr(32 * blocks), folded ^ seed);
}

std::uint64_t code_hash(std::string_view code) { return hash_bytes(normalize_code(code), 0x636f6465); }

std::uint64_t pair_hash(std::string_view code_a, std::string_view code_b) {
  // The key of pair_key, built on the stack: this runs for every record a command reads.
  std::array<char, 2 * 64 + 1> key;
  if (code_a.size() > 64 || code_b.size() > 64) return hash_bytes(pair_key(code_a, code_b), 0x70616972);
  auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  std::array<char, 64> a, b;
  std::transform(code_a.begin(), code_a.end(), a.begin(), upper);
  std::transform(code_b.begin(), code_b.end(), b.begin(), upper);
  std::string_view first(a.data(), code_a.size()), second(b.data(), code_b.size());
  if (second < first) std::swap(first, second);
  std::copy(first.begin(), first.end(), key.begin());
  key[first.size()] = '\x1f';
  std::copy(second.begin(), second.end(), key.begin() + static_cast<std::ptrdiff_t>(first.size()) + 1);
  return hash_bytes(std::string_view(key.data(), first.size() + 1 + second.size()), 0x70616972);
}

namespace {

struct OwnedTables {
  std::vector<IndexEntry> by_pair;
  std::vector<CodeEntry> by_code;
  std::vector<RecordRef> code_records;
  std::vector<CodeRun> code_runs;
  std::vector<std::uint32_t> code_others;
  std::vector<RecordRef> unkeyed;
  // Outlines per keyed record, in scan order, in chunks that are never copied as they
  // grow (a single string would, briefly needing three times the ~50 MB of a million).
  std::vector<std::string> outline_chunks;
  std::vector<std::uint64_t> outline_places;  // per record: start << length_bits | length
  std::uint64_t outline_bytes = 0;
  std::vector<std::uint32_t> original;  // by-pair position -> scan order
};

constexpr std::uint64_t outline_chunk_size = std::uint64_t{1} << 20;
constexpr unsigned length_bits = 17;  // a packed outline is shorter than 2^17 bytes (record_outline.cpp)

}  // namespace

struct PairIndexBuilder::State {
  std::shared_ptr<OwnedTables> tables = std::make_shared<OwnedTables>();
  std::vector<std::pair<std::uint64_t, std::uint64_t>> codes;  // per keyed record
  LayerScan scan;
  std::uint32_t index = 0;
  bool ok = true;
  bool keep_outlines = true;
  LayerScanner scanner{scan, [this](PairLocation&& location) { add(std::move(location)); }};

  void add_outline(std::string_view outline) {
    auto& chunks = tables->outline_chunks;
    if (outline.size() >= (std::uint64_t{1} << length_bits)) outline = {};  // cannot be, but never mis-stored
    if (chunks.empty() || chunks.back().size() + outline.size() > outline_chunk_size) {
      chunks.emplace_back();
      chunks.back().reserve(outline_chunk_size);
    }
    std::uint64_t start = (chunks.size() - 1) * outline_chunk_size + chunks.back().size();
    chunks.back() += outline;
    tables->outline_places.push_back(start << length_bits | outline.size());
    tables->outline_bytes += outline.size();
  }

  void add(PairLocation&& location) {
    RecordRef ref{location.span.offset, static_cast<std::uint32_t>(location.span.length), index++};
    if (location.span.length > UINT32_MAX) {
      ok = false;  // a single record of 4 GiB is not a record
      return;
    }
    if (location.code_a.empty() || location.code_b.empty()) {
      tables->unkeyed.push_back(ref);
      return;
    }
    tables->by_pair.push_back({pair_hash(location.code_a, location.code_b), ref});
    if (keep_outlines) add_outline(location.outline);
    codes.emplace_back(code_hash(location.code_a), code_hash(location.code_b));
  }
};

PairIndexBuilder::PairIndexBuilder(bool keep_outlines) : state_(std::make_unique<State>()) {
  state_->keep_outlines = keep_outlines;
}
PairIndexBuilder::~PairIndexBuilder() = default;

bool PairIndexBuilder::feed(std::string_view chunk) {
  state_->ok = state_->ok && state_->scanner.feed(chunk);
  return state_->ok;
}

std::optional<PairIndex> PairIndexBuilder::finish() {
  State& s = *state_;
  if (!s.ok || !s.scanner.finish()) return std::nullopt;
  auto& tables = s.tables;
  // Sort records by key, carrying their code hashes along, then index codes.
  std::vector<std::uint32_t> order(tables->by_pair.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return tables->by_pair[a].key < tables->by_pair[b].key ||
           (tables->by_pair[a].key == tables->by_pair[b].key && a < b);
  });
  std::vector<IndexEntry> sorted(order.size());
  tables->by_code.reserve(order.size() * 2);
  for (std::uint32_t position = 0; position < order.size(); ++position) {
    sorted[position] = tables->by_pair[order[position]];
    auto [a, b] = s.codes[order[position]];
    tables->by_code.push_back({a, position, static_cast<std::uint32_t>(b)});
    tables->by_code.push_back({b, position, static_cast<std::uint32_t>(a)});
  }
  tables->by_pair = std::move(sorted);
  if (s.keep_outlines) tables->original = std::move(order);
  std::vector<std::pair<std::uint64_t, std::uint64_t>>().swap(s.codes);
  std::sort(tables->by_code.begin(), tables->by_code.end(), [](const CodeEntry& a, const CodeEntry& b) {
    return a.code < b.code || (a.code == b.code && a.entry < b.entry);
  });
  tables->code_records.reserve(tables->by_code.size());
  for (const CodeEntry& entry : tables->by_code) tables->code_records.push_back(tables->by_pair[entry.entry].record);
  for (std::size_t at = 0; at < tables->by_code.size(); ++at)
    if (at == 0 || tables->by_code[at].code != tables->by_code[at - 1].code)
      tables->code_runs.push_back({tables->by_code[at].code, at});
  tables->code_runs.push_back({0, tables->by_code.size()});
  tables->code_others.reserve(tables->by_code.size());
  for (const CodeEntry& entry : tables->by_code) tables->code_others.push_back(entry.other);

  PairIndex result;
  result.members_ = std::move(s.scan.members);
  result.has_pairs_ = s.scan.has_pairs;
  auto in_memory = [](const auto& table) {
    using Entry = typename std::decay_t<decltype(table)>::value_type;
    return IndexTable<Entry>{std::span<const Entry>(table), 0, table.size()};
  };
  result.by_pair_ = in_memory(tables->by_pair);
  result.by_code_ = in_memory(tables->by_code);
  result.code_records_ = in_memory(tables->code_records);
  result.code_runs_ = in_memory(tables->code_runs);
  result.code_others_ = in_memory(tables->code_others);
  result.unkeyed_ = in_memory(tables->unkeyed);
  result.record_outline_chunks_ = tables->outline_chunks;
  result.record_outline_places_ = tables->outline_places;
  result.record_outline_bytes_ = tables->outline_bytes;
  result.original_ = tables->original;
  result.storage_ = std::move(tables);
  return result;
}

std::optional<PairIndex> PairIndex::build(std::string_view text, bool keep_outlines) {
  PairIndexBuilder builder(keep_outlines);
  if (!builder.feed(text)) return std::nullopt;
  return builder.finish();
}

PairIndex PairIndex::in_memory(std::vector<std::pair<std::string, Span>> members, bool has_pairs,
                               std::span<const IndexEntry> by_pair, std::span<const CodeEntry> by_code,
                               std::span<const RecordRef> code_records, std::span<const RecordRef> unkeyed) {
  if (code_records.size() != by_code.size()) throw CorruptIndex("the by-code tables differ in length");
  PairIndex result;
  result.members_ = std::move(members);
  result.has_pairs_ = has_pairs;
  result.by_pair_ = {by_pair, 0, by_pair.size()};
  result.by_code_ = {by_code, 0, by_code.size()};
  result.code_records_ = {code_records, 0, code_records.size()};
  result.unkeyed_ = {unkeyed, 0, unkeyed.size()};
  return result;
}

PairIndex PairIndex::stored(std::vector<std::pair<std::string, Span>> members, bool has_pairs,
                            const StoredTables& tables, TableReader read) {
  PairIndex result;
  result.read_ = std::move(read);
  result.members_ = std::move(members);
  result.has_pairs_ = has_pairs;
  auto place = [](const TablePlace& where, auto& table) {
    table.offset = where.offset;
    table.size = where.count;
  };
  place(tables.by_pair, result.by_pair_);
  place(tables.by_code, result.by_code_);
  place(tables.code_records, result.code_records_);
  place(tables.unkeyed, result.unkeyed_);
  place(tables.outline_ends, result.code_outline_ends_);
  place(tables.outlines, result.code_outlines_);
  place(tables.code_runs, result.code_runs_);
  place(tables.code_others, result.code_others_);
  if (tables.code_records.count != tables.by_code.count) throw CorruptIndex("the by-code tables differ in length");
  if (tables.outline_ends.count != 0 && tables.outline_ends.count != tables.by_code.count)
    throw CorruptIndex("the outline table differs in length from by-code");
  if (tables.code_others.count != (tables.code_runs.count == 0 ? 0 : tables.by_code.count))
    throw CorruptIndex("the other codes differ in length from by-code");
  return result;
}

template <typename T>
std::span<const T> PairIndex::read(const IndexTable<T>& table, std::size_t first, std::size_t count,
                                   std::string& buffer) const {
  if (first > table.size || count > table.size - first) throw CorruptIndex("an entry lies outside its table");
  if (!read_) return table.memory.subspan(first, count);
  if (count == 0) return {};
  std::string_view bytes = read_(table.offset + first * sizeof(T), count * sizeof(T), buffer);
  // The tables start 8-byte aligned, and the reader keeps the alignment of what it reads.
  return {reinterpret_cast<const T*>(bytes.data()), count};
}

std::string_view PairIndex::outline(std::size_t position) const {
  if (record_outline_places_.empty()) return {};
  std::uint64_t place = record_outline_places_[original_[by_code_.memory[position].entry]];
  std::uint64_t start = place >> length_bits, length = place & ((std::uint64_t{1} << length_bits) - 1);
  return std::string_view(record_outline_chunks_[start / outline_chunk_size]).substr(start % outline_chunk_size, length);
}

template <typename T, typename KeyOf>
std::size_t PairIndex::search(const IndexTable<T>& table, std::size_t size, std::uint64_t key, KeyOf key_of,
                              std::string& buffer) const {
  std::size_t low = 0, high = size;
  while (low < high) {
    std::size_t mid = low + (high - low) / 2;
    if (key_of(read(table, mid, 1, buffer)[0]) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

std::pair<std::size_t, std::size_t> PairIndex::code_run(std::uint64_t hash, std::span<const CodeRun> directory,
                                                        std::string& buffer) const {
  if (code_runs_.size > 0) {
    // The directory; its last entry only marks the end of by_code.
    std::size_t runs = code_runs_.size - 1, at = 0;
    CodeRun run{}, next{};
    if (!directory.empty()) {
      at = static_cast<std::size_t>(
          std::lower_bound(directory.begin(), directory.begin() + static_cast<std::ptrdiff_t>(runs), hash,
                           [](const CodeRun& r, std::uint64_t h) { return r.code < h; }) -
          directory.begin());
      if (at == runs || directory[at].code != hash) return {0, 0};
      run = directory[at];
      next = directory[at + 1];
    } else {
      at = search(code_runs_, runs, hash, [](const CodeRun& r) { return r.code; }, buffer);
      if (at >= runs) return {0, 0};
      auto two = read(code_runs_, at, 2, buffer);
      if (two[0].code != hash) return {0, 0};
      run = two[0];
      next = two[1];
    }
    if (run.first > next.first || next.first > by_code_.size) throw CorruptIndex("a code's run lies outside by-code");
    return {run.first, next.first - run.first};
  }
  // No directory (the compiled-in index): by_code itself is searched.
  std::size_t from = search(by_code_, by_code_.size, hash, [](const CodeEntry& e) { return e.code; }, buffer), to = from;
  while (to < by_code_.size && read(by_code_, to, 1, buffer)[0].code == hash) ++to;
  return {from, to - from};
}

std::vector<RecordRef> PairIndex::find(const PairScope& scope, FoundOutlines* outlines) const {
  std::string buffer;
  if (outlines) outlines->views.clear();
  auto unkeyed = read(unkeyed_, 0, unkeyed_.size, buffer);
  std::vector<RecordRef> out(unkeyed.begin(), unkeyed.end());
  if (scope.kind() == PairScope::Kind::all) {
    auto all = read(by_pair_, 0, by_pair_.size, buffer);
    out.reserve(out.size() + all.size());
    for (const auto& entry : all) out.push_back(entry.record);
  } else if (scope.kind() == PairScope::Kind::among && scope.codes().size() <= 2) {
    // One pair (or none): its key finds it directly, by a search of single entries.
    std::vector<std::string> codes(scope.codes().begin(), scope.codes().end());
    for (std::size_t i = 0; i < codes.size(); ++i) {
      for (std::size_t j = i + 1; j < codes.size(); ++j) {
        std::uint64_t key = pair_hash(codes[i], codes[j]);
        std::size_t first = search(by_pair_, by_pair_.size, key, [](const IndexEntry& e) { return e.key; }, buffer);
        for (std::size_t at = first; at < by_pair_.size; ++at) {
          IndexEntry entry = read(by_pair_, at, 1, buffer)[0];
          if (entry.key != key) break;
          out.push_back(entry.record);
        }
      }
    }
  } else {
    // The code directory is read whole when that costs less than searching it a probe at a
    // time for each code (a read of a few kilobytes costs about what one probe does).
    std::string directory_buffer;
    std::span<const CodeRun> directory;
    if (code_runs_.size > 0 && code_runs_.size * sizeof(CodeRun) <= 16384 * scope.codes().size())
      directory = read(code_runs_, 0, code_runs_.size, directory_buffer);
    if (scope.kind() == PairScope::Kind::among) {
      find_among(scope, directory, out);
    } else {
      for (const auto& code : scope.codes()) {
        auto [from, count] = code_run(code_hash(code), directory, buffer);
        auto records = read(code_records_, from, count, buffer);
        out.insert(out.end(), records.begin(), records.end());
        if (outlines) add_outlines(from, count, out.size() - count, *outlines);
      }
    }
  }
  // In file order, once each: decoding then reports problems in reading order.
  auto by_index = [](const RecordRef& a, const RecordRef& b) { return a.index < b.index; };
  auto same_index = [](const RecordRef& a, const RecordRef& b) { return a.index == b.index; };
  if (!outlines) {
    std::sort(out.begin(), out.end(), by_index);
    out.erase(std::unique(out.begin(), out.end(), same_index), out.end());
    return out;
  }
  auto& views = outlines->views;
  views.resize(out.size());
  std::vector<std::pair<RecordRef, std::string_view>> both(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) both[i] = {out[i], views[i]};
  std::sort(both.begin(), both.end(), [&](const auto& a, const auto& b) { return by_index(a.first, b.first); });
  both.erase(std::unique(both.begin(), both.end(), [&](const auto& a, const auto& b) { return same_index(a.first, b.first); }),
             both.end());
  out.resize(both.size());
  views.resize(both.size());
  for (std::size_t i = 0; i < both.size(); ++i) std::tie(out[i], views[i]) = both[i];
  return out;
}

void PairIndex::find_among(const PairScope& scope, std::span<const CodeRun> directory, std::vector<RecordRef>& out) const {
  // Searching every pair's key costs n(n-1)/2 searches, each reading scattered entries.
  // Instead walk each code's contiguous run, and keep the entries whose other code (its
  // low 32 bits, stored for each entry) is among the codes: n searches, and only the
  // places of the records kept are read.
  std::vector<std::uint64_t> hashes;
  for (const auto& code : scope.codes()) hashes.push_back(code_hash(code));
  // A record of codes a and b lies in both their runs: take it only from the run of the
  // code with the smaller hash. `largest` holds, per low 32 bits, the largest hash of a
  // scope code with them; an entry is taken when its other code's low bits are there with
  // a hash not below the run's. Low bits shared by two codes may take a record twice
  // (dropped by find), never miss one.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> sorted;
  for (std::uint64_t hash : hashes) sorted.emplace_back(static_cast<std::uint32_t>(hash), hash);
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<std::uint32_t, std::uint64_t>> largest;
  for (const auto& item : sorted) {
    if (!largest.empty() && largest.back().first == item.first) largest.back().second = item.second;
    else largest.push_back(item);
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  // A bit per value of the low byte of the codes' hashes: most entries fail this at once.
  std::array<std::uint64_t, 4> maybe{};
  for (const auto& item : largest) maybe[(item.first & 0xff) >> 6] |= std::uint64_t{1} << (item.first & 63);
  std::string buffer, records_buffer;
  std::vector<std::size_t> taken;
  for (std::uint64_t hash : hashes) {
    auto [from, count] = code_run(hash, directory, buffer);
    if (count == 0) continue;
    // The run's other codes: from their own table, where the index has one.
    std::vector<std::uint32_t> from_entries;
    std::span<const std::uint32_t> others;
    if (code_others_.size > 0) {
      others = read(code_others_, from, count, buffer);
    } else {
      for (const CodeEntry& entry : read(by_code_, from, count, buffer)) from_entries.push_back(entry.other);
      others = from_entries;
    }
    taken.clear();
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t low = others[i];
      if (((maybe[(low & 0xff) >> 6] >> (low & 63)) & 1) == 0) continue;
      auto other = std::lower_bound(largest.begin(), largest.end(), low,
                                    [](const auto& item, std::uint32_t value) { return item.first < value; });
      if (other == largest.end() || other->first != low || other->second < hash) continue;
      taken.push_back(from + i);
    }
    if (taken.empty()) continue;
    // The places of the records taken, read as one piece of the run.
    auto records = read(code_records_, taken.front(), taken.back() - taken.front() + 1, records_buffer);
    for (std::size_t at : taken) out.push_back(records[at - taken.front()]);
  }
}

void PairIndex::add_outlines(std::size_t from, std::size_t count, std::size_t first_found, FoundOutlines& outlines) const {
  auto& views = outlines.views;
  views.resize(first_found);  // none for the unkeyed records before
  if (!record_outline_places_.empty()) {
    for (std::size_t at = from; at < from + count; ++at) views.push_back(outline(at));
    return;
  }
  if (code_outline_ends_.size == 0 || count == 0) {
    views.resize(first_found + count);
    return;
  }
  // Where the run's outlines end, with the end of the one before it, then their bytes, in
  // two reads.
  std::string buffer;
  std::size_t first = from == 0 ? 0 : from - 1;
  auto ends = read(code_outline_ends_, first, from + count - first, buffer);
  std::uint64_t start = from == 0 ? 0 : ends[0];
  std::uint64_t end = ends.back();
  if (end < start || end > code_outlines_.size) throw CorruptIndex("an outline lies outside its table");
  auto piece = read(code_outlines_, start, end - start, outlines.pieces.emplace_back());
  std::string_view bytes(piece.data(), piece.size());
  std::uint64_t previous = start;
  for (std::size_t i = from == 0 ? 0 : 1; i < ends.size(); ++i) {
    if (ends[i] < previous || ends[i] > end) throw CorruptIndex("an outline lies outside its table");
    views.push_back(bytes.substr(previous - start, ends[i] - previous));
    previous = ends[i];
  }
}

}  // namespace pairinfo
