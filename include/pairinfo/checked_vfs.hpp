/// An SQLite VFS for the cached indexes that keeps a checksum in the last bytes of every page
/// of a database file: written as a page is written, verified as it is read. SQLite checks a
/// page's structure as it goes, not its contents, so without this a damaged byte in a
/// b-tree or search-index page can silently drop rows. A page that does not match (damaged,
/// cut short, from another file, or from elsewhere in this one) is a read error,
/// SQLITE_IOERR_DATA, and the cache is then rebuilt. Journals and temporary files pass
/// through unchecked.
#pragma once

struct sqlite3;

namespace pairinfo {

/// The page size of every checked database: the VFS reads and writes whole pages of it. 4 KiB
/// rather than 8: a lookup reads hundreds of pages, one per record row, scattered over the
/// index, and each is copied and its checksum computed whole.
inline constexpr int checked_page_size = 4096;

/// The VFS's name, for sqlite3_open_v2; registers the VFS on the first call.
const char* checked_vfs();

/// Makes a new, empty database opened with checked_vfs() keep its checksums: sets the page
/// size, reserves the checksum's bytes at the end of every page, and gives the file a salt
/// of its own (so that a page of another cache does not pass). Call it before the first
/// table is created. Returns an SQLite result code.
int start_checked_pages(sqlite3* db);

}  // namespace pairinfo
