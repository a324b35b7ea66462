/// Where each pair record of a data file is, by pair and by intervention, so that a
/// command decodes only the records it needs. Built by a fast scan, optionally kept on
/// disk (see index_cache.hpp) so that big files are scanned once, not on every call.
#pragma once
#include <cstddef>
#include <cstdint>
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

/// Where one code's entries are in the by-code table: a directory of a few entries per
/// intervention, so that finding a code's run reads a few small pages rather than
/// searching the whole by-code table (a page per probe).
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

class PairIndex {
 public:
  /// Scans the text. nullopt when it is not shaped like a data file.
  static std::optional<PairIndex> build(std::string_view text, bool keep_outlines = true);

  /// Checks the bytes of a table an answer depends on; throws CorruptIndex when they are damaged.
  using Verifier = std::function<void(const void* data, std::size_t bytes)>;

  /// An index over tables that live elsewhere (a mapped cache file); `keep_alive` owns them.
  /// `code_outline_ends` (empty when the cache keeps no outlines) holds, per by-code
  /// entry, where its record's outline ends in `code_outlines`.
  static PairIndex view(std::vector<std::pair<std::string, Span>> members, bool has_pairs,
                        std::span<const IndexEntry> by_pair, std::span<const CodeEntry> by_code,
                        std::span<const RecordRef> code_records, std::span<const RecordRef> unkeyed,
                        std::span<const std::uint64_t> code_outline_ends, std::string_view code_outlines,
                        std::span<const CodeRun> code_runs, std::span<const std::uint32_t> code_others,
                        std::shared_ptr<const void> keep_alive,
                        Verifier verify);

  /// Records that may be in scope (hash matches; the caller checks the decoded codes), in
  /// file order. With `outlines`, it also gets each record's packed outline (see
  /// record_outline.hpp) where the index has one for it: for now only for records found by
  /// their codes (`touching`), and empty for the others.
  std::vector<RecordRef> find(const PairScope& scope, std::vector<std::string_view>* outlines = nullptr) const;

  /// The packed outline of the record of by-code entry `position`; empty when the index
  /// has none for it.
  std::string_view outline(std::size_t position) const;
  /// The size of every by-code entry's outline put together.
  std::uint64_t code_outlines_size() const noexcept {
    return record_outline_places_.empty() ? code_outlines_.size() : 2 * record_outline_bytes_;
  }

  const std::vector<std::pair<std::string, Span>>& members() const noexcept { return members_; }
  bool has_pairs() const noexcept { return has_pairs_; }
  std::size_t pair_count() const noexcept { return by_pair_.size() + unkeyed_.size(); }

  std::span<const IndexEntry> by_pair() const noexcept { return by_pair_; }
  std::span<const CodeEntry> by_code() const noexcept { return by_code_; }
  /// Where the record of each by-code entry is (the same order), repeated from the by-pair
  /// table: the records of one code are then read from one run of this table instead of
  /// from a page each all over the by-pair table. Apart from by_code, so that a check among
  /// codes reads only the codes of the records it skips.
  std::span<const RecordRef> code_records() const noexcept { return code_records_; }
  /// One entry per distinct code hash in by_code, in its order, then one whose `first` is
  /// the end of by_code; empty when the index has no directory (then by_code is searched).
  std::span<const CodeRun> code_runs() const noexcept { return code_runs_; }
  /// CodeEntry::other of each by-code entry, alone (with the directory; empty without): a
  /// check among codes walks their runs, and reads a quarter of the bytes this way.
  std::span<const std::uint32_t> code_others() const noexcept { return code_others_; }
  /// Records whose codes the scan could not read (escaped); always decoded.
  std::span<const RecordRef> unkeyed() const noexcept { return unkeyed_; }

 private:
  std::vector<std::pair<std::string, Span>> members_;
  bool has_pairs_ = true;
  std::span<const IndexEntry> by_pair_;
  std::span<const CodeEntry> by_code_;
  std::span<const RecordRef> code_records_;
  std::span<const CodeRun> code_runs_;
  std::span<const std::uint32_t> code_others_;
  std::span<const RecordRef> unkeyed_;
  // Outlines. Built here: one per keyed record, in the order the scan met them, in chunks
  // (see pair_index.cpp), with `original_` leading from a by-pair position to that order.
  // Viewed: one per by-code entry, in its order, so that the outlines of one code lie together.
  std::span<const std::string> record_outline_chunks_;
  std::span<const std::uint64_t> record_outline_places_;
  std::uint64_t record_outline_bytes_ = 0;
  std::span<const std::uint32_t> original_;
  std::span<const std::uint64_t> code_outline_ends_;
  std::string_view code_outlines_;
  Verifier verify_;
  // Owned tables when built here; a mapping when viewed.
  std::shared_ptr<const void> storage_;

  friend class PairIndexBuilder;
};

}  // namespace pairinfo
