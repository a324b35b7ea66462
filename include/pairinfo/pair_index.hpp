/// Where each pair record of a data file is, by pair and by intervention, so that a
/// command decodes only the records it needs. Built by a fast scan, optionally kept on
/// disk (see index_cache.hpp) so that big files are scanned once, not on every call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/layer_scan.hpp"

namespace pairinfo {

class PairScope;

/// A 64-bit hash of a normalised (upper-case) code; stable across runs and machines.
std::uint64_t code_hash(std::string_view code);
/// Order-free hash of two codes.
std::uint64_t pair_hash(std::string_view code_a, std::string_view code_b);
/// A general-purpose 64-bit hash of bytes.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);
/// A 64-bit checksum of bytes for catching damage in cache files: CRC-32C of four
/// interleaved streams of 8-byte words (so that no one flipped bit goes unseen), mixed
/// with the last bytes by hash_bytes. The CPU's CRC instruction makes it several times
/// faster than any hash where there is one (x86-64 with SSE 4.2); the value is the same
/// without.
std::uint64_t checksum_bytes(std::string_view bytes, std::uint64_t seed);

/// CRC-32C (Castagnoli) of `bytes`, continuing from `crc` (0 to start); without pre- or
/// post-inversion, as the CPU's instruction computes it. `hardware` false forces the table.
std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0, bool hardware = true);

/// A stored index that turned out to be damaged; the caller rebuilds it.
class CorruptIndex : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One pair record's place in the file.
struct RecordRef {
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t index = 0;  ///< Position in the file's "pairs" array.
};

struct IndexEntry {  ///< Sorted by key (a pair hash).
  std::uint64_t key;
  RecordRef record;
};

struct CodeEntry {  ///< Sorted by code hash; one per code of each record.
  std::uint64_t code;
  std::uint32_t entry;  ///< Position in the by-pair table.
  /// Low 32 bits of the code hash of the record's other code (of this code again for a
  /// pair of a code with itself), so a lookup among codes can skip records without
  /// reading the by-pair table.
  std::uint32_t other;
};

/// Where one code's entries are in the by-code table: a directory of one entry per code,
/// so that finding a code's run searches a small table rather than the whole by-code table.
struct CodeRun {
  std::uint64_t code;
  std::uint64_t first;  ///< Its first by-code entry; the run ends where the next begins.
};

class PairIndex;

/// Builds an index from a file fed in chunks, in memory proportional to the number of records.
class PairIndexBuilder {
 public:
  /// `keep_outlines`: keep each record's outline (for an index that is to be cached; an
  /// index used once needs them little, and they take ~50 bytes a record).
  explicit PairIndexBuilder(bool keep_outlines = true);
  ~PairIndexBuilder();
  bool feed(std::string_view chunk);
  /// nullopt when the text was not shaped like a data file.
  std::optional<PairIndex> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Where a table of a stored index is: its first byte, counted from the start of the
/// tables, and its number of entries.
struct TablePlace {
  std::uint64_t offset = 0;
  std::size_t count = 0;
};

/// The tables of a stored index (a cache file), in the order PairIndex names them.
struct StoredTables {
  TablePlace by_pair, by_code, code_records, unkeyed, outline_ends, outlines, code_runs, code_others;
};

/// A table of an index: in memory when the index was built here, else stored in a file and
/// read piece by piece (see PairIndex::TableReader).
template <typename T>
struct IndexTable {
  std::span<const T> memory;  ///< Empty when stored.
  std::uint64_t offset = 0;   ///< Stored: where it starts among the tables.
  std::size_t size = 0;       ///< Entries, in memory or stored.
};

/// Packed outlines found with records (see PairIndex::find): `views[i]` belongs to the i-th
/// record found, empty when the index has none for it. The views point into the index
/// or into `pieces`, which holds what was read from a stored index (a deque, so that
/// growing it never moves what the views point at).
struct FoundOutlines {
  std::vector<std::string_view> views;
  std::deque<std::string> pieces;
};

class PairIndex {
 public:
  /// Scans the text. nullopt when it is not shaped like a data file.
  static std::optional<PairIndex> build(std::string_view text, bool keep_outlines = true);

  /// An index over tables that live elsewhere in memory for the life of the program (the
  /// compiled-in index), without a code directory or outlines.
  static PairIndex in_memory(std::vector<std::pair<std::string, Span>> members, bool has_pairs,
                             std::span<const IndexEntry> by_pair, std::span<const CodeEntry> by_code,
                             std::span<const RecordRef> code_records, std::span<const RecordRef> unkeyed);

  /// Reads `bytes` bytes of a stored index's tables, from `offset` (counted from the start
  /// of the tables), checked, into `buffer`, and returns them. Throws CorruptIndex when they
  /// are damaged or cannot be read.
  using TableReader = std::function<std::string_view(std::uint64_t offset, std::size_t bytes, std::string& buffer)>;

  /// An index whose tables stay in a file (a cache file), read through `read` only where
  /// an answer needs them: a few small reads cost less than mapping the file, whose every
  /// page touched costs a fault that maps its neighbours too, and their unmapping at exit.
  /// `tables.outline_ends` (no entries when the cache keeps no outlines) holds, per by-code
  /// entry, where its record's outline ends in `tables.outlines` (counted in bytes).
  static PairIndex stored(std::vector<std::pair<std::string, Span>> members, bool has_pairs,
                          const StoredTables& tables, TableReader read);

  /// Records that may be in scope (hash matches; the caller checks the decoded codes), in
  /// file order. With `outlines`, it also gets each record's packed outline (see
  /// record_outline.hpp) where the index has one for it: for now only for records found by
  /// their codes (`touching`), and none for the others.
  std::vector<RecordRef> find(const PairScope& scope, FoundOutlines* outlines = nullptr) const;

  /// The packed outline of the record of by-code entry `position` of an index built here
  /// (for writing its cache); empty when it has none.
  std::string_view outline(std::size_t position) const;
  /// The size of every by-code entry's outline put together.
  std::uint64_t code_outlines_size() const noexcept {
    return record_outline_places_.empty() ? code_outlines_.size : 2 * record_outline_bytes_;
  }

  const std::vector<std::pair<std::string, Span>>& members() const noexcept { return members_; }
  bool has_pairs() const noexcept { return has_pairs_; }
  std::size_t pair_count() const noexcept { return by_pair_.size + unkeyed_.size; }
  bool is_stored() const noexcept { return static_cast<bool>(read_); }

  // The tables of an index built here, for writing its cache (empty for a stored index).
  std::span<const IndexEntry> by_pair() const noexcept { return by_pair_.memory; }
  std::span<const CodeEntry> by_code() const noexcept { return by_code_.memory; }
  /// Where the record of each by-code entry is (the same order), repeated from the by-pair
  /// table: the records of one code are then read from one run of this table instead of
  /// from a page each all over the by-pair table. Apart from by_code, so that a check among
  /// codes reads only the codes of the records it skips.
  std::span<const RecordRef> code_records() const noexcept { return code_records_.memory; }
  /// One entry per distinct code hash in by_code, in its order, then one whose `first` is
  /// the end of by_code; empty when the index has no directory (then by_code is searched).
  std::span<const CodeRun> code_runs() const noexcept { return code_runs_.memory; }
  /// CodeEntry::other of each by-code entry, alone (with the directory; empty without): a
  /// check among codes walks their runs, and reads a quarter of the bytes this way.
  std::span<const std::uint32_t> code_others() const noexcept { return code_others_.memory; }
  /// Records whose codes the scan could not read (escaped); always decoded.
  std::span<const RecordRef> unkeyed() const noexcept { return unkeyed_.memory; }

 private:
  /// Entries [first, first + count) of `table`: in memory, or read (and checked) into `buffer`.
  template <typename T>
  std::span<const T> read(const IndexTable<T>& table, std::size_t first, std::size_t count, std::string& buffer) const;
  /// The first of the first `size` entries of `table`, sorted by key_of, whose key is not
  /// below `key`; each probe reads one entry (checked) into `buffer`.
  template <typename T, typename KeyOf>
  std::size_t search(const IndexTable<T>& table, std::size_t size, std::uint64_t key, KeyOf key_of,
                     std::string& buffer) const;
  /// The first and the number of by-code entries of a code hash; `directory` holds the
  /// code directory when find read it whole.
  std::pair<std::size_t, std::size_t> code_run(std::uint64_t hash, std::span<const CodeRun> directory,
                                               std::string& buffer) const;
  /// find among several codes: appends the records of pairs of them to `out`.
  void find_among(const PairScope& scope, std::span<const CodeRun> directory, std::vector<RecordRef>& out) const;
  /// Appends to `outlines` those of by-code entries [from, from + count), found as records
  /// first_found and on.
  void add_outlines(std::size_t from, std::size_t count, std::size_t first_found, FoundOutlines& outlines) const;

  std::vector<std::pair<std::string, Span>> members_;
  bool has_pairs_ = true;
  IndexTable<IndexEntry> by_pair_;
  IndexTable<CodeEntry> by_code_;
  IndexTable<RecordRef> code_records_;
  IndexTable<CodeRun> code_runs_;
  IndexTable<std::uint32_t> code_others_;
  IndexTable<RecordRef> unkeyed_;
  // Outlines. Built here: one per keyed record, in the order the scan met them, in chunks
  // (see pair_index.cpp), with `original_` leading from a by-pair position to that order.
  // Stored: one per by-code entry, in its order, so that the outlines of one code lie together.
  std::span<const std::string> record_outline_chunks_;
  std::span<const std::uint64_t> record_outline_places_;
  std::uint64_t record_outline_bytes_ = 0;
  std::span<const std::uint32_t> original_;
  IndexTable<std::uint64_t> code_outline_ends_;
  IndexTable<char> code_outlines_;
  TableReader read_;  // set when stored
  // Owned tables when built here.
  std::shared_ptr<const void> storage_;

  friend class PairIndexBuilder;
};

}  // namespace pairinfo
