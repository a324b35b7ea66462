// Index cache files; see index_cache.hpp. Layout: a fixed header, then the top-level
// member table, then the tables (by-pair, by-code, the records' places, the unkeyed
// records, where each by-code entry's outline ends, the outlines, the code directory and
// the other codes), one checksum per 256-byte block of the tables, and one checksum per
// group of 64 of those. A cache is
// never trusted beyond what it proves: the header, member table and group checksums are
// verified on open, and each table block an answer reads is verified before use, after
// the group of checksums that vouches for it.
#include "pairinfo/index_cache.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <random>
#include <stdexcept>

#include "pairinfo/catalogue.hpp"
#include "pairinfo/load.hpp"

namespace pairinfo {
namespace {

constexpr char cache_magic[8] = {'P', 'A', 'I', 'R', 'I', 'D', 'X', '1'};
// 4: blocks of 256 bytes (were 4 KiB), and CodeEntry::other filled in.
// 5: checksums checked in groups.
// 6: CodeEntry holds its record's place.
// 7: blocks checked by checksum_bytes.
// 8: the records' places in a table of their own beside by_code.
// 9: records' outlines, per by-code entry.
// 10: a directory of the codes' runs in by_code.
// 11: checksum_bytes made of CRC-32C.
// 12: the other codes of by_code in a table of their own.
constexpr std::uint32_t cache_version = 12;
constexpr std::uint32_t endian_mark = 0x01020304;
// Small, because a lookup reads scattered entries (binary searches) and verifies every
// block it touches: 4 KiB blocks meant hashing ~170 times the bytes actually read.
constexpr std::uint64_t block_size = 256;
// Small blocks make a long list of checksums (1.6 MB for a million records): hashing it
// whole on open would cost a short lookup more than the lookup itself, so it is checked
// in groups, as they are used.
constexpr std::uint64_t group_size = 64;  // checksums per group

std::uint64_t group_count(std::uint64_t blocks) { return (blocks + group_size - 1) / group_size; }

static_assert(sizeof(IndexEntry) == 24 && sizeof(CodeEntry) == 16 && sizeof(RecordRef) == 16 && sizeof(CodeRun) == 16,
              "the cache file layout depends on these sizes");

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t endian;
  std::uint64_t data_size;
  std::int64_t data_mtime_ns;
  std::uint64_t data_inode;
  std::uint64_t data_device;
  std::uint64_t data_fingerprint;
  std::uint64_t members_bytes;  // padded to 8
  std::uint64_t pair_count;
  std::uint64_t code_count;
  std::uint64_t unkeyed_count;
  std::uint64_t outline_bytes;  // the outlines put together, before padding to 8
  std::uint64_t run_count;      // entries of the code directory, with the one that ends it
  std::uint64_t has_pairs;
  std::uint64_t validated;  // the whole file passed every check when this was written...
  std::uint64_t context;    // ...loaded with these layers (see layer_context)
  std::uint64_t block_count;
  std::uint64_t members_hash;
  std::uint64_t checksums_hash;  // of the group checksums
  std::uint64_t header_hash;  // of every byte above
};

std::uint64_t header_hash(const Header& header) {
  return hash_bytes(std::string_view(reinterpret_cast<const char*>(&header), offsetof(Header, header_hash)), 0x68656164);
}

// Samples of the data file's content, so an edit that keeps size and time is still seen.
void append(std::string& out, const void* data, std::size_t bytes) {
  out.append(static_cast<const char*>(data), bytes);
}

template <typename T>
void append_value(std::string& out, T value) {
  append(out, &value, sizeof value);
}

std::string serialize_members(const PairIndex& index) {
  std::string out;
  append_value(out, static_cast<std::uint32_t>(index.members().size()));
  for (const auto& [key, span] : index.members()) {
    append_value(out, static_cast<std::uint32_t>(key.size()));
    out += key;
    append_value(out, span.offset);
    append_value(out, span.length);
  }
  out.resize((out.size() + 7) / 8 * 8, '\0');
  return out;
}

std::optional<std::vector<std::pair<std::string, Span>>> parse_members(std::string_view blob) {
  std::vector<std::pair<std::string, Span>> members;
  std::size_t at = 0;
  auto read = [&](void* target, std::size_t bytes) {
    if (at + bytes > blob.size()) return false;
    std::memcpy(target, blob.data() + at, bytes);
    at += bytes;
    return true;
  };
  std::uint32_t count = 0;
  if (!read(&count, sizeof count)) return std::nullopt;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t length = 0;
    if (!read(&length, sizeof length) || at + length > blob.size()) return std::nullopt;
    std::string key(blob.substr(at, length));
    at += length;
    Span span;
    if (!read(&span.offset, sizeof span.offset) || !read(&span.length, sizeof span.length)) return std::nullopt;
    members.emplace_back(std::move(key), span);
  }
  if (blob.size() - at >= 8 || blob.substr(at).find_first_not_of('\0') != std::string_view::npos) return std::nullopt;
  return members;
}

// Reads bytes of an open file in full; false at its end or on an error.
bool read_fully(int fd, char* out, std::size_t bytes, std::uint64_t offset) {
  while (bytes > 0) {
    ssize_t got = ::pread(fd, out, bytes, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    bytes -= static_cast<std::size_t>(got);
    offset += static_cast<std::uint64_t>(got);
  }
  return true;
}

// The tables of an open cache file, read a piece at a time, each checked as it is read: the
// whole 256-byte blocks it lies in against their checksums, and the groups of checksums
// used against their group checksums (those were checked on open). The groups read last
// are kept for the next read, which often needs the same ones.
class StoredFile {
 public:
  StoredFile(int fd, std::uint64_t tables_at, std::uint64_t tables_bytes, std::uint64_t checksums_at,
             std::uint64_t block_count, std::vector<std::uint64_t> group_sums)
      : fd_(fd), tables_at_(tables_at), tables_bytes_(tables_bytes), checksums_at_(checksums_at),
        block_count_(block_count), group_sums_(std::move(group_sums)) {}
  ~StoredFile() { ::close(fd_); }
  StoredFile(const StoredFile&) = delete;
  StoredFile& operator=(const StoredFile&) = delete;

  std::string_view read(std::uint64_t offset, std::size_t bytes, std::string& buffer) {
    if (bytes == 0) return {};
    if (offset > tables_bytes_ || bytes > tables_bytes_ - offset) throw CorruptIndex("an entry lies outside its table");
    std::uint64_t first = offset / block_size, last = (offset + bytes - 1) / block_size;
    std::uint64_t start = first * block_size, end = std::min((last + 1) * block_size, tables_bytes_);
    // Whole blocks from a block boundary, so what is read keeps the tables' 8-byte alignment,
    // into memory from the heap (never a short string's own bytes, which need not be aligned).
    // Grown only when too small: resizing clears what it adds, and the read overwrites it.
    const auto length = static_cast<std::size_t>(end - start);
    if (buffer.size() < length) buffer.resize(std::max<std::size_t>(length, 64));
    if (!read_fully(fd_, buffer.data(), length, tables_at_ + start))
      throw CorruptIndex("the cache file is shorter than its tables");
    const std::uint64_t* sums = checksums(first, last);
    for (std::uint64_t block = first; block <= last; ++block) {
      std::uint64_t from = (block - first) * block_size;
      std::string_view bytes_of_block = std::string_view(buffer.data(), length).substr(from, block_size);
      if (checksum_bytes(bytes_of_block, block) != sums[block - first])
        throw CorruptIndex(fmt::format("checksum mismatch in block {}", block));
    }
    return std::string_view(buffer).substr(static_cast<std::size_t>(offset - start), bytes);
  }

 private:
  // The checksums of blocks [first, last], checked: the first is that of block `first`.
  const std::uint64_t* checksums(std::uint64_t first, std::uint64_t last) {
    std::uint64_t first_group = first / group_size, last_group = last / group_size;
    if (sums_.empty() || first_group != first_group_ || last_group > last_group_) {
      std::uint64_t from = first_group * group_size, to = std::min((last_group + 1) * group_size, block_count_);
      sums_.clear();  // kept only once checked, so that a read that fails leaves nothing behind
      sums_.resize(static_cast<std::size_t>(to - from));
      if (!read_fully(fd_, reinterpret_cast<char*>(sums_.data()), sums_.size() * 8, checksums_at_ + from * 8)) {
        sums_.clear();
        throw CorruptIndex("the cache file is shorter than its checksums");
      }
      for (std::uint64_t group = first_group; group <= last_group; ++group) {
        std::uint64_t at = (group - first_group) * group_size;
        std::uint64_t count = std::min(group_size, block_count_ - group * group_size);
        std::string_view sums(reinterpret_cast<const char*>(sums_.data() + at), count * 8);
        if (hash_bytes(sums, group) != group_sums_[group]) {
          sums_.clear();
          throw CorruptIndex(fmt::format("checksum mismatch in checksum group {}", group));
        }
      }
      first_group_ = first_group;
      last_group_ = last_group;
      first_group_block_ = from;
    }
    return sums_.data() + (first - first_group_block_);
  }

  int fd_;
  std::uint64_t tables_at_, tables_bytes_, checksums_at_, block_count_;
  std::vector<std::uint64_t> group_sums_;
  // The checksums of the groups read last, kept for the next read (often of the same ones).
  std::vector<std::uint64_t> sums_;
  std::uint64_t first_group_ = 0, last_group_ = 0, first_group_block_ = 0;
};

// Opens and checks a cache file; nullopt when it is absent, foreign, stale or damaged.
std::optional<PairIndex> open_cache(const std::string& path, const DataSource& source, bool* validated = nullptr,
                                    std::uint64_t* context = nullptr) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct Closer {
    int fd;
    ~Closer() {
      if (fd >= 0) ::close(fd);
    }
  } closer{fd};
  struct stat info {};
  Header header;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || static_cast<std::uint64_t>(info.st_size) < sizeof(Header) ||
      !read_fully(fd, reinterpret_cast<char*>(&header), sizeof header, 0))
    return std::nullopt;
  const std::uint64_t file_size = static_cast<std::uint64_t>(info.st_size);
  const FileStamp& stamp = *source.stamp();
  if (std::memcmp(header.magic, cache_magic, sizeof cache_magic) != 0 || header.version != cache_version ||
      header.endian != endian_mark || header.header_hash != header_hash(header))
    return std::nullopt;
  if (header.data_size != stamp.size || header.data_mtime_ns != stamp.mtime_ns || header.data_inode != stamp.inode ||
      header.data_device != stamp.device)
    return std::nullopt;
  // Sizes first, in a way that cannot overflow, before anything is read past the header.
  std::uint64_t limit = file_size;
  if (header.members_bytes % 8 != 0) return std::nullopt;  // tables must stay aligned
  if (header.members_bytes > limit || header.pair_count > limit / 24 || header.code_count > limit / 40 ||
      header.unkeyed_count > limit / 16 || header.block_count > limit / 8 || header.outline_bytes > limit ||
      header.run_count > limit / 16)
    return std::nullopt;
  // The tables, in the order they were written (see write_index_cache), each padded to 8
  // bytes. The other codes come with the directory: one per by-code entry.
  StoredTables tables;
  std::uint64_t tables_bytes = 0;
  auto place = [&tables_bytes](std::uint64_t count, std::uint64_t entry_bytes) {
    TablePlace table{tables_bytes, static_cast<std::size_t>(count)};
    tables_bytes += (count * entry_bytes + 7) / 8 * 8;
    return table;
  };
  tables.by_pair = place(header.pair_count, 24);
  tables.by_code = place(header.code_count, 16);
  tables.code_records = place(header.code_count, 16);
  tables.unkeyed = place(header.unkeyed_count, 16);
  tables.outline_ends = place(header.code_count, 8);
  tables.outlines = place(header.outline_bytes, 1);
  tables.code_runs = place(header.run_count, 16);
  tables.code_others = place(header.run_count == 0 ? 0 : header.code_count, 4);
  if (header.outline_bytes == 0) tables.outline_ends.count = 0;  // kept without outlines
  std::uint64_t groups = group_count(header.block_count);
  std::uint64_t expected = sizeof(Header) + header.members_bytes + tables_bytes + header.block_count * 8 + groups * 8;
  if (expected != file_size || header.block_count != (tables_bytes + block_size - 1) / block_size)
    return std::nullopt;
  if (header.data_fingerprint != source.fingerprint()) return std::nullopt;
  if (validated) *validated = header.validated == 1;
  if (context) *context = header.context;

  std::string members_blob(static_cast<std::size_t>(header.members_bytes), '\0');
  if (!read_fully(fd, members_blob.data(), members_blob.size(), sizeof(Header))) return std::nullopt;
  if (hash_bytes(members_blob, 0x6d656d62) != header.members_hash) return std::nullopt;
  auto members = parse_members(members_blob);
  if (!members) return std::nullopt;
  const std::uint64_t tables_at = sizeof(Header) + header.members_bytes;
  const std::uint64_t checksums_at = tables_at + tables_bytes;
  std::vector<std::uint64_t> group_sums(static_cast<std::size_t>(groups));
  if (!read_fully(fd, reinterpret_cast<char*>(group_sums.data()), group_sums.size() * 8,
                  checksums_at + header.block_count * 8))
    return std::nullopt;
  if (hash_bytes(std::string_view(reinterpret_cast<const char*>(group_sums.data()), group_sums.size() * 8),
                 0x73756d73) != header.checksums_hash)
    return std::nullopt;

  auto file = std::make_shared<StoredFile>(fd, tables_at, tables_bytes, checksums_at, header.block_count,
                                           std::move(group_sums));
  closer.fd = -1;  // the file owns it now
  return PairIndex::stored(std::move(*members), header.has_pairs != 0, tables,
                           [file](std::uint64_t offset, std::size_t bytes, std::string& buffer) {
                             return file->read(offset, bytes, buffer);
                           });
}

// Outlines are kept only for an index that goes to the cache: used once, it would spend
// ~50 bytes a record of memory to save reading a few records.
std::optional<PairIndex> build_index(const DataSource& source, bool keep_outlines,
                                     const std::function<void(std::uint64_t)>& progress = {}) {
  PairIndexBuilder builder(keep_outlines);
  bool ok = true;
  std::uint64_t done = 0;
  source.for_each_chunk([&](std::string_view chunk) {
    ok = builder.feed(chunk);
    if (progress) progress(done += chunk.size());
    return ok;
  });
  if (!ok) return std::nullopt;
  return builder.finish();
}

void make_directories(const std::string& path) {
  for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    std::string prefix = path.substr(0, slash);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
      throw std::runtime_error(fmt::format("cannot create {}: {}", prefix, std::strerror(errno)));
    if (slash == std::string::npos) return;
  }
}

// Written beside its final name and renamed: readers see the old file or the new one,
// never half of one, even when two processes write it at once.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {
    make_directories(path_.substr(0, path_.rfind('/')));
    temporary_ = fmt::format("{}.{}.{:08x}.tmp", path_, ::getpid(), std::random_device{}());
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", temporary_, std::strerror(errno)));
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temporary_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  void write(std::string_view bytes) {
    write_at(end_, bytes);
    end_ += bytes.size();
  }
  // For a header that can only be written once what follows it is known.
  void write_at(std::uint64_t offset, std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t written = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) fail(written < 0 ? errno : ENOSPC);
      bytes.remove_prefix(static_cast<std::size_t>(written));
      offset += static_cast<std::uint64_t>(written);
    }
  }
  void commit() {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);
    if (::rename(temporary_.c_str(), path_.c_str()) != 0) fail(errno);
    committed_ = true;
  }

 private:
  [[noreturn]] void fail(int error) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", path_, std::strerror(error)));
  }
  std::string path_, temporary_;
  int fd_ = -1;
  std::uint64_t end_ = 0;
  bool committed_ = false;
};

void write_atomically(const std::string& path, std::string_view bytes) {
  TemporaryFile file(path);
  file.write(bytes);
  file.commit();
}

// The tables of a cache file go through here: each 256-byte block is checksummed as it is
// written, through a buffer of fixed size, so no table is ever copied whole (the outlines
// of a million records take ~100 MB).
class BlockWriter {
 public:
  explicit BlockWriter(TemporaryFile& file) : file_(file) {}

  void add(std::string_view bytes) {
    while (!bytes.empty()) {
      std::size_t take = std::min(bytes.size(), buffer_size - pending_.size());
      pending_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      if (pending_.size() == buffer_size) flush();
    }
  }
  /// Writes what is left; returns the checksums, one per block.
  std::string finish() {
    flush();
    return std::move(checksums_);
  }
  std::uint64_t blocks() const noexcept { return block_; }

 private:
  static constexpr std::size_t buffer_size = 4096 * block_size;  // whole blocks, so only the last is short
  void flush() {
    std::string_view view(pending_);
    for (std::size_t at = 0; at < view.size(); at += block_size)
      append_value(checksums_, checksum_bytes(view.substr(at, block_size), block_++));
    file_.write(view);
    pending_.clear();
  }
  TemporaryFile& file_;
  std::string pending_, checksums_;
  std::uint64_t block_ = 0;
};

}  // namespace

std::string index_cache_path(const DataSource& source, const IndexCacheOptions& options) {
  const FileStamp& stamp = *source.stamp();
  return fmt::format("{}/{:016x}.idx", options.directory, hash_bytes(stamp.real_path, 0x70617468));
}

std::string write_index_cache(const DataSource& source, const PairIndex& index, const IndexCacheOptions& options,
                              bool validated, std::uint64_t context) {
  const FileStamp& stamp = *source.stamp();
  std::string members = serialize_members(index);
  auto bytes_of = [](auto table) { return std::string_view(reinterpret_cast<const char*>(table.data()), table.size_bytes()); };
  std::string path = index_cache_path(source, options);
  TemporaryFile file(path);
  file.write(std::string(sizeof(Header), '\0'));  // written last, once known
  file.write(members);
  BlockWriter tables(file);
  for (std::string_view table : {bytes_of(index.by_pair()), bytes_of(index.by_code()), bytes_of(index.code_records()),
                                 bytes_of(index.unkeyed())})
    tables.add(table);
  // The outline of each by-code entry, so that those of one code lie together: each record's
  // twice, once in each of its codes' runs.
  std::uint64_t outline_bytes = index.code_outlines_size();
  std::uint64_t end = 0;
  for (std::size_t position = 0; position < index.by_code().size(); ++position) {
    end += index.outline(position).size();
    tables.add(std::string_view(reinterpret_cast<const char*>(&end), sizeof end));
  }
  if (end != outline_bytes) throw std::logic_error("the outlines do not add up");
  for (std::size_t position = 0; position < index.by_code().size(); ++position) tables.add(index.outline(position));
  tables.add(std::string((8 - outline_bytes % 8) % 8, '\0'));
  tables.add(bytes_of(index.code_runs()));
  tables.add(bytes_of(index.code_others()));
  tables.add(std::string(index.code_others().size() % 2 * 4, '\0'));
  std::string checksums = tables.finish();
  std::uint64_t blocks = tables.blocks();
  std::string group_sums;
  for (std::uint64_t group = 0; group < group_count(blocks); ++group)
    append_value(group_sums, hash_bytes(std::string_view(checksums).substr(group * group_size * 8, group_size * 8), group));
  file.write(checksums);
  file.write(group_sums);

  Header header{};
  std::memcpy(header.magic, cache_magic, sizeof cache_magic);
  header.version = cache_version;
  header.endian = endian_mark;
  header.data_size = stamp.size;
  header.data_mtime_ns = stamp.mtime_ns;
  header.data_inode = stamp.inode;
  header.data_device = stamp.device;
  header.data_fingerprint = source.fingerprint();
  header.members_bytes = members.size();
  header.pair_count = index.by_pair().size();
  header.code_count = index.by_code().size();
  header.unkeyed_count = index.unkeyed().size();
  header.outline_bytes = outline_bytes;
  header.run_count = index.code_runs().size();
  header.has_pairs = index.has_pairs() ? 1 : 0;
  header.validated = validated ? 1 : 0;
  header.context = context;
  header.block_count = blocks;
  header.members_hash = hash_bytes(members, 0x6d656d62);
  header.checksums_hash = hash_bytes(group_sums, 0x73756d73);
  header.header_hash = header_hash(header);
  file.write_at(0, std::string_view(reinterpret_cast<const char*>(&header), sizeof header));
  file.commit();
  return path;
}

std::optional<PairIndex> index_for(const DataSource& source, const IndexCacheOptions& options,
                                   std::vector<std::string>& warnings) {
  bool cacheable = source.stamp().has_value() && !options.directory.empty();
  if (cacheable && !options.rebuild)
    if (auto cached = open_cache(index_cache_path(source, options), source)) return cached;
  auto index = build_index(source, cacheable, options.progress);
  if (index && cacheable) {
    try {
      write_index_cache(source, *index, options, false, 0);
    } catch (const DataError&) {
      // The file changed after it was read: the answer stands, a cache of it would not.
    } catch (const std::runtime_error& error) {
      warnings.push_back(fmt::format("{}; working without an index cache", error.what()));
    }
  }
  return index;
}

}  // namespace pairinfo

namespace pairinfo {

std::optional<PairIndex> validated_index(const DataSource& source, const IndexCacheOptions& options,
                                         std::uint64_t context) {
  if (!source.stamp() || options.directory.empty()) return std::nullopt;
  bool validated = false;
  std::uint64_t checked_with = 0;
  auto index = open_cache(index_cache_path(source, options), source, &validated, &checked_with);
  if (!index || !validated || checked_with != context) return std::nullopt;
  return index;
}

void remember_validated(const DataSource& source, const IndexCacheOptions& options, std::uint64_t context,
                        std::vector<std::string>& warnings) {
  if (!source.stamp() || options.directory.empty()) return;
  try {
    auto index = build_index(source, true);
    if (!index) return;
    write_index_cache(source, *index, options, true, context);
  } catch (const DataError&) {
    // Changed since it was checked: remembering it as valid would be wrong, saying so is noise.
  } catch (const std::runtime_error& error) {
    warnings.push_back(fmt::format("{}; working without an index cache", error.what()));
  }
}

std::string catalogue_cache_path(std::string_view layers, const IndexCacheOptions& options) {
  return fmt::format("{}/{:016x}.cat", options.directory, hash_bytes(layers, 0x6c617973));
}

std::shared_ptr<const Catalogue> cached_catalogue(const std::string& path, std::uint64_t context) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat info {};
  void* mapped = MAP_FAILED;
  // Mapped with every page at once: opening it checks the checksum of every byte anyway, and
  // one populating call costs less than a fault per page.
  if (::fstat(fd, &info) == 0 && info.st_size > 0)
    mapped = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return nullptr;
  auto size = static_cast<std::size_t>(info.st_size);
  // Used in place, never copied.
  std::shared_ptr<const void> mapping(mapped, [size](const void* at) { ::munmap(const_cast<void*>(at), size); });
  std::string_view bytes(static_cast<const char*>(mapped), size);
  try {
    // Another context is not damage: the layers changed, and the caller writes a new one.
    if (Catalogue::image_context(bytes) != context) return nullptr;
    return Catalogue::open(bytes, std::move(mapping));
  } catch (const CorruptImage&) {
    return nullptr;  // rebuilt and rewritten by the caller, like any missing cache
  }
}

void remember_catalogue(const std::string& path, std::uint64_t context, const Catalogue& catalogue,
                        std::vector<std::string>& warnings) {
  try {
    write_atomically(path, catalogue.image(context));
  } catch (const std::runtime_error& error) {
    warnings.push_back(fmt::format("{}; working without an index cache", error.what()));
  }
}

}  // namespace pairinfo
