// Page checksums for the cached indexes; see checked_vfs.hpp.
#include "pairinfo/checked_vfs.hpp"

#include <sqlite3.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace pairinfo {
namespace {

constexpr int reserve = 8;  // bytes at the end of every page: its checksum
constexpr int checked_bytes = checked_page_size - reserve;
constexpr int salt_at = 60;  // the header's "user version", which pairinfo has no other use for

// A number from a page, in the machine's byte order (a cache is read where it was written;
// elsewhere it would only be rebuilt).
template <typename Number>
Number load(const unsigned char* p) {
  Number n;
  std::memcpy(&n, p, sizeof n);
  return n;
}

// A page's checked bytes, its number and its file's salt, hashed. It runs on every page a
// lookup reads and on every page of a big index as it is built, so it takes 64-bit words
// in four independent lanes (the multiply-rotate-multiply round of xxHash), which the
// processor runs side by side; FNV-1a's byte at a time would be several times slower. Each
// round is one-to-one in both the lane and the word, so any single changed word changes the
// result; the page number and salt catch a whole page put where it does not belong.
std::uint64_t checksum(const unsigned char* page, std::uint32_t number, std::uint32_t salt) {
  constexpr std::uint64_t k1 = 0x9e3779b185ebca87, k2 = 0xc2b2ae3d27d4eb4f, k3 = 0x165667b19e3779f9;
  auto round = [](std::uint64_t lane, std::uint64_t word) { return std::rotl(lane + word * k2, 31) * k1; };
  const std::uint64_t seed = std::uint64_t{salt} << 32 | number;
  std::uint64_t lane[4] = {seed + k1, seed ^ k2, seed + k3, seed ^ k1};
  constexpr int words = checked_bytes / 8, whole = words / 4 * 4;  // 1023 words: 255 rounds of four, then three
  int i = 0;
  for (; i < whole; i += 4)
    for (int j = 0; j < 4; ++j) lane[j] = round(lane[j], load<std::uint64_t>(page + 8 * (i + j)));
  for (int j = 0; i < words; ++i, ++j) lane[j] = round(lane[j], load<std::uint64_t>(page + 8 * i));
  std::uint64_t h = std::rotl(lane[0], 1) + std::rotl(lane[1], 7) + std::rotl(lane[2], 12) + std::rotl(lane[3], 18);
  h ^= h >> 33, h *= k2, h ^= h >> 29, h *= k3, h ^= h >> 32;
  return h;
}

// What SQLite holds for a file of this VFS: the default VFS's own file follows it in the
// same allocation (szOsFile is the sum of both).
struct CheckedFile {
  sqlite3_file base;  // first: SQLite sees a sqlite3_file*
  sqlite3_file* real;
  bool checked;        // the main database, not a journal or a temporary file
  std::uint32_t salt;  // page 1's, as last read or written
};

// The VFS that does the real I/O: the process's default, found once and never changed.
sqlite3_vfs* default_vfs() {
  static sqlite3_vfs* const found = sqlite3_vfs_find(nullptr);
  return found;
}

CheckedFile* of(sqlite3_file* file) { return reinterpret_cast<CheckedFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return of(file)->real; }

int checked_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  CheckedFile* f = of(file);
  if (!f->checked) return f->real->pMethods->xRead(f->real, buffer, amount, offset);
  // Every read is checked against its whole page, the header's first 100 bytes too. A read
  // that crosses pages is of a page size this database does not have: damage.
  const sqlite3_int64 within = offset % checked_page_size, start = offset - within;
  if (within + amount > checked_page_size) return SQLITE_IOERR_DATA;
  unsigned char copy[checked_page_size];
  unsigned char* page = amount == checked_page_size ? static_cast<unsigned char*>(buffer) : copy;
  int rc = f->real->pMethods->xRead(f->real, page, checked_page_size, start);
  if (rc == SQLITE_IOERR_SHORT_READ) {
    // SQLite reads the header of a new, empty database; any other file that ends inside a
    // page was cut short.
    sqlite3_int64 size = -1;
    if (start != 0 || f->real->pMethods->xFileSize(f->real, &size) != SQLITE_OK || size != 0) return SQLITE_IOERR_DATA;
    std::memset(buffer, 0, static_cast<std::size_t>(amount));
    return rc;
  }
  if (rc != SQLITE_OK) return rc;
  const auto number = static_cast<std::uint32_t>(start / checked_page_size + 1);
  if (number == 1) f->salt = load<std::uint32_t>(page + salt_at);
  if (load<std::uint64_t>(page + checked_bytes) != checksum(page, number, f->salt)) return SQLITE_IOERR_DATA;
  if (page == copy) std::memcpy(buffer, copy + within, static_cast<std::size_t>(amount));
  return SQLITE_OK;
}

int checked_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  CheckedFile* f = of(file);
  if (!f->checked) return f->real->pMethods->xWrite(f->real, buffer, amount, offset);
  // SQLite writes a database in whole pages; anything else would leave a checksum stale.
  if (amount != checked_page_size || offset % checked_page_size != 0) return SQLITE_IOERR_WRITE;
  unsigned char page[checked_page_size];
  std::memcpy(page, buffer, checked_page_size);
  const auto number = static_cast<std::uint32_t>(offset / checked_page_size + 1);
  if (number == 1) {
    // Without reserved bytes, the checksum would overwrite the end of each page's contents.
    if (page[20] != reserve) return SQLITE_IOERR_WRITE;
    f->salt = load<std::uint32_t>(page + salt_at);
  }
  std::uint64_t sum = checksum(page, number, f->salt);
  std::memcpy(page + checked_bytes, &sum, sizeof sum);
  return f->real->pMethods->xWrite(f->real, page, checked_page_size, offset);
}

int checked_close(sqlite3_file* file) { return real(file)->pMethods->xClose(real(file)); }
int truncate(sqlite3_file* file, sqlite3_int64 size) { return real(file)->pMethods->xTruncate(real(file), size); }
int sync(sqlite3_file* file, int flags) { return real(file)->pMethods->xSync(real(file), flags); }
int file_size(sqlite3_file* file, sqlite3_int64* size) { return real(file)->pMethods->xFileSize(real(file), size); }
int lock(sqlite3_file* file, int level) { return real(file)->pMethods->xLock(real(file), level); }
int unlock(sqlite3_file* file, int level) { return real(file)->pMethods->xUnlock(real(file), level); }
int reserved(sqlite3_file* file, int* out) { return real(file)->pMethods->xCheckReservedLock(real(file), out); }
int control(sqlite3_file* file, int op, void* arg) { return real(file)->pMethods->xFileControl(real(file), op, arg); }
int sector_size(sqlite3_file* file) { return real(file)->pMethods->xSectorSize(real(file)); }
int characteristics(sqlite3_file* file) { return real(file)->pMethods->xDeviceCharacteristics(real(file)); }

// Version 1 of the methods: no shared memory (these databases keep no WAL) and no xFetch,
// so SQLite never maps the file into memory, where its pages would bypass checked_read().
const sqlite3_io_methods methods = {
    .iVersion = 1,
    .xClose = checked_close,
    .xRead = checked_read,
    .xWrite = checked_write,
    .xTruncate = truncate,
    .xSync = sync,
    .xFileSize = file_size,
    .xLock = lock,
    .xUnlock = unlock,
    .xCheckReservedLock = reserved,
    .xFileControl = control,
    .xSectorSize = sector_size,
    .xDeviceCharacteristics = characteristics,
    .xShmMap = nullptr,
    .xShmLock = nullptr,
    .xShmBarrier = nullptr,
    .xShmUnmap = nullptr,
    .xFetch = nullptr,
    .xUnfetch = nullptr,
};

int checked_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  CheckedFile* f = of(file);
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->checked = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  f->salt = 0;
  sqlite3_vfs* real_vfs = default_vfs();
  int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
  // SQLite closes a file whose pMethods is set even when opening failed: ours, only when
  // the real file needs closing.
  file->pMethods = f->real->pMethods ? &methods : nullptr;
  return rc;
}

}  // namespace

const char* checked_vfs() {
  // Registering a VFS changes a list that every connection of the process shares, so it is
  // done once, on first use (a function-local static: thread-safe), and never undone. The
  // other methods are the default VFS's own, in a copy of its struct: the same pAppData and
  // mxPathname they expect.
  static const char* const name = [] {
    static sqlite3_vfs vfs;
    sqlite3_vfs* real_vfs = default_vfs();
    if (!real_vfs) return "pairinfo-checked";  // opening with it then fails: never unchecked
    vfs = *real_vfs;
    vfs.pNext = nullptr;
    vfs.zName = "pairinfo-checked";
    vfs.szOsFile = static_cast<int>(sizeof(CheckedFile)) + real_vfs->szOsFile;
    vfs.xOpen = checked_open;
    sqlite3_vfs_register(&vfs, 0);
    return vfs.zName;
  }();
  return name;
}

int start_checked_pages(sqlite3* db) {
  int rc = sqlite3_exec(db, ("PRAGMA page_size=" + std::to_string(checked_page_size)).c_str(), nullptr, nullptr, nullptr);
  int bytes = reserve;
  if (rc == SQLITE_OK) rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &bytes);
  std::int32_t salt = 0;
  sqlite3_randomness(sizeof salt, &salt);
  // Setting it writes page 1, so the header has its reserved bytes from the first write.
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, ("PRAGMA user_version=" + std::to_string(salt)).c_str(), nullptr, nullptr, nullptr);
  return rc;
}

}  // namespace pairinfo
