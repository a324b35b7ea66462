// Index cache files; see index_cache.hpp. Layout: a fixed header, then the top-level
// member table, the by-pair and by-code tables, the unkeyed records, one checksum per
// 256-byte block of the tables, and one checksum per group of 64 of those. A cache is
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
constexpr std::uint32_t cache_version = 8;
constexpr std::uint32_t endian_mark = 0x01020304;
// Small, because a lookup reads scattered entries (binary searches) and verifies every
// block it touches: 4 KiB blocks meant hashing ~170 times the bytes actually read.
constexpr std::uint64_t block_size = 256;
// Small blocks make a long list of checksums (1.6 MB for a million records): hashing it
// whole on open would cost a short lookup more than the lookup itself, so it is checked
// in groups, as they are used.
constexpr std::uint64_t group_size = 64;  // checksums per group

std::uint64_t group_count(std::uint64_t blocks) { return (blocks + group_size - 1) / group_size; }

static_assert(sizeof(IndexEntry) == 24 && sizeof(CodeEntry) == 16 && sizeof(RecordRef) == 16,
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

struct Mapping {
  void* address = MAP_FAILED;
  std::size_t size = 0;
  ~Mapping() {
    if (address != MAP_FAILED) ::munmap(address, size);
  }
};

// Opens and checks a cache file; nullopt when it is absent, foreign, stale or damaged.
std::optional<PairIndex> open_cache(const std::string& path, const DataSource& source, bool* validated = nullptr,
                                    std::uint64_t* context = nullptr) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
            static_cast<std::uint64_t>(info.st_size) >= sizeof(Header);
  auto mapping = std::make_shared<Mapping>();
  if (ok) {
    mapping->size = static_cast<std::size_t>(info.st_size);
    mapping->address = ::mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (!ok || mapping->address == MAP_FAILED) return std::nullopt;

  const char* base = static_cast<const char*>(mapping->address);
  Header header;
  std::memcpy(&header, base, sizeof header);
  const FileStamp& stamp = *source.stamp();
  if (std::memcmp(header.magic, cache_magic, sizeof cache_magic) != 0 || header.version != cache_version ||
      header.endian != endian_mark || header.header_hash != header_hash(header))
    return std::nullopt;
  if (header.data_size != stamp.size || header.data_mtime_ns != stamp.mtime_ns || header.data_inode != stamp.inode ||
      header.data_device != stamp.device)
    return std::nullopt;
  // Sizes first, in a way that cannot overflow, before anything is read past the header.
  std::uint64_t limit = mapping->size;
  if (header.members_bytes % 8 != 0) return std::nullopt;  // tables must stay aligned
  if (header.members_bytes > limit || header.pair_count > limit / 24 || header.code_count > limit / 32 ||
      header.unkeyed_count > limit / 16 || header.block_count > limit / 8)
    return std::nullopt;
  std::uint64_t tables_bytes = header.pair_count * 24 + header.code_count * 32 + header.unkeyed_count * 16;
  std::uint64_t groups = group_count(header.block_count);
  std::uint64_t expected = sizeof(Header) + header.members_bytes + tables_bytes + header.block_count * 8 + groups * 8;
  if (expected != mapping->size || header.block_count != (tables_bytes + block_size - 1) / block_size)
    return std::nullopt;
  if (header.data_fingerprint != source.fingerprint()) return std::nullopt;
  if (validated) *validated = header.validated == 1;
  if (context) *context = header.context;

  std::string_view members_blob(base + sizeof(Header), header.members_bytes);
  if (hash_bytes(members_blob, 0x6d656d62) != header.members_hash) return std::nullopt;
  auto members = parse_members(members_blob);
  if (!members) return std::nullopt;
  const char* tables = base + sizeof(Header) + header.members_bytes;
  const char* checksums_at = tables + tables_bytes;
  const char* groups_at = checksums_at + header.block_count * 8;
  if (hash_bytes(std::string_view(groups_at, groups * 8), 0x73756d73) != header.checksums_hash) return std::nullopt;

  auto by_pair = std::span(reinterpret_cast<const IndexEntry*>(tables), header.pair_count);
  auto by_code = std::span(reinterpret_cast<const CodeEntry*>(tables + header.pair_count * 24), header.code_count);
  auto code_records = std::span(reinterpret_cast<const RecordRef*>(tables + header.pair_count * 24 + header.code_count * 16),
                                header.code_count);
  auto unkeyed = std::span(reinterpret_cast<const RecordRef*>(tables + header.pair_count * 24 + header.code_count * 32),
                           header.unkeyed_count);
  struct Verified {
    std::vector<bool> blocks, groups;
  };
  auto verified = std::make_shared<Verified>(
      Verified{std::vector<bool>(header.block_count, false), std::vector<bool>(groups, false)});
  std::uint64_t block_count = header.block_count;
  PairIndex::Verifier verify = [tables, tables_bytes, checksums_at, groups_at, block_count, verified, mapping](
                                   const void* data, std::size_t bytes) {
    if (bytes == 0) return;
    std::uint64_t from = static_cast<std::uint64_t>(static_cast<const char*>(data) - tables);
    if (from + bytes > tables_bytes) throw CorruptIndex("an entry lies outside its table");
    for (std::uint64_t block = from / block_size; block <= (from + bytes - 1) / block_size; ++block) {
      if (verified->blocks[block]) continue;
      std::uint64_t group = block / group_size;
      if (!verified->groups[group]) {
        std::uint64_t first = group * group_size;
        std::uint64_t count = std::min(group_size, block_count - first);
        std::uint64_t expected_group;
        std::memcpy(&expected_group, groups_at + group * 8, 8);
        if (hash_bytes(std::string_view(checksums_at + first * 8, count * 8), group) != expected_group)
          throw CorruptIndex(fmt::format("checksum mismatch in checksum group {}", group));
        verified->groups[group] = true;
      }
      std::uint64_t start = block * block_size;
      std::uint64_t length = std::min(block_size, tables_bytes - start);
      std::uint64_t expected_sum;
      std::memcpy(&expected_sum, checksums_at + block * 8, 8);
      if (checksum_bytes(std::string_view(tables + start, length), block) != expected_sum)
        throw CorruptIndex(fmt::format("checksum mismatch in block {}", block));
      verified->blocks[block] = true;
    }
  };
  return PairIndex::view(std::move(*members), header.has_pairs != 0, by_pair, by_code, code_records, unkeyed, mapping,
                         std::move(verify));
}

std::optional<PairIndex> build_index(const DataSource& source, const std::function<void(std::uint64_t)>& progress = {}) {
  PairIndexBuilder builder;
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
void write_atomically(const std::string& path, std::initializer_list<std::string_view> parts) {
  make_directories(path.substr(0, path.rfind('/')));
  std::string temporary = fmt::format("{}.{}.{:08x}.tmp", path, ::getpid(), std::random_device{}());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  bool ok = true;
  for (std::string_view part : parts) {
    while (ok && !part.empty()) {
      ssize_t written = ::write(fd, part.data(), part.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) ok = false;
      else part.remove_prefix(static_cast<std::size_t>(written));
    }
  }
  int saved = errno;
  if (::close(fd) != 0) ok = false;
  if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(ok ? errno : saved)));
  }
}

}  // namespace

std::string index_cache_path(const DataSource& source, const IndexCacheOptions& options) {
  const FileStamp& stamp = *source.stamp();
  return fmt::format("{}/{:016x}.idx", options.directory, hash_bytes(stamp.real_path, 0x70617468));
}

std::string write_index_cache(const DataSource& source, const PairIndex& index, const IndexCacheOptions& options,
                              bool validated, std::uint64_t context) {
  const FileStamp& stamp = *source.stamp();
  std::string members = serialize_members(index);
  // The tables are written and checksummed where they are, as one run of bytes: a copy of
  // them in one string would double the memory a first use needs (~90 MB a million records).
  auto bytes_of = [](auto table) { return std::string_view(reinterpret_cast<const char*>(table.data()), table.size_bytes()); };
  const std::array<std::string_view, 4> tables = {bytes_of(index.by_pair()), bytes_of(index.by_code()),
                                                  bytes_of(index.code_records()), bytes_of(index.unkeyed())};
  std::uint64_t tables_bytes = tables[0].size() + tables[1].size() + tables[2].size() + tables[3].size();
  std::string checksums;
  std::uint64_t blocks = (tables_bytes + block_size - 1) / block_size;
  std::array<char, block_size> straddling;  // a block that spans two tables, put together
  std::size_t part = 0;
  std::uint64_t part_start = 0;  // offset of tables[part] in the run
  for (std::uint64_t block = 0; block < blocks; ++block) {
    std::uint64_t from = block * block_size, length = std::min(block_size, tables_bytes - from);
    while (from >= part_start + tables[part].size()) part_start += tables[part++].size();
    std::string_view bytes;
    if (from + length <= part_start + tables[part].size()) {
      bytes = tables[part].substr(from - part_start, length);
    } else {
      std::uint64_t copied = 0, at = from;
      for (std::size_t p = part, start = part_start; copied < length; start += tables[p++].size()) {
        std::string_view piece = tables[p].substr(std::min<std::uint64_t>(at - start, tables[p].size()));
        std::size_t take = std::min<std::uint64_t>(piece.size(), length - copied);
        std::memcpy(straddling.data() + copied, piece.data(), take);
        copied += take;
        at += take;
      }
      bytes = std::string_view(straddling.data(), length);
    }
    append_value(checksums, checksum_bytes(bytes, block));
  }
  std::string group_sums;
  for (std::uint64_t group = 0; group < group_count(blocks); ++group)
    append_value(group_sums, hash_bytes(std::string_view(checksums).substr(group * group_size * 8, group_size * 8), group));

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
  header.has_pairs = index.has_pairs() ? 1 : 0;
  header.validated = validated ? 1 : 0;
  header.context = context;
  header.block_count = blocks;
  header.members_hash = hash_bytes(members, 0x6d656d62);
  header.checksums_hash = hash_bytes(group_sums, 0x73756d73);
  header.header_hash = header_hash(header);

  std::string path = index_cache_path(source, options);
  write_atomically(path, {std::string_view(reinterpret_cast<const char*>(&header), sizeof header),
                          std::string_view(members), tables[0], tables[1], tables[2], tables[3], std::string_view(checksums),
                          std::string_view(group_sums)});
  return path;
}

std::optional<PairIndex> index_for(const DataSource& source, const IndexCacheOptions& options,
                                   std::vector<std::string>& warnings) {
  bool cacheable = source.stamp().has_value() && !options.directory.empty();
  if (cacheable && !options.rebuild)
    if (auto cached = open_cache(index_cache_path(source, options), source)) return cached;
  auto index = build_index(source, options.progress);
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
    auto index = build_index(source);
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
  if (::fstat(fd, &info) == 0 && info.st_size > 0)
    mapped = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return nullptr;
  auto size = static_cast<std::size_t>(info.st_size);
  // Read in place, so only the pages a command touches are read.
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
    write_atomically(path, {catalogue.image(context)});
  } catch (const std::runtime_error& error) {
    warnings.push_back(fmt::format("{}; working without an index cache", error.what()));
  }
}

}  // namespace pairinfo
