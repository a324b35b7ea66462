/// The text of one data layer and the name diagnostics use for it: held in memory (the
/// compiled-in data, small files, tests) or read a piece at a time from an open file.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pairinfo {

/// What identifies a file's contents without reading it: a user can put back the size and
/// the modification time by hand, but not the change time (ctime), which any write moves.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::string real_path;
};

class DataSource {
 public:
  DataSource() = default;
  /// Owns a copy of the text.
  DataSource(std::string name, std::string text);
  /// Refers to text that outlives every use (compiled-in data).
  static DataSource borrowed(std::string name, std::string_view text);
  /// Reads from an open file descriptor (owned from then on).
  static DataSource from_file(std::string name, int fd, FileStamp stamp);

  const std::string& name() const noexcept { return name_; }
  /// Identity of the file the text comes from, for caches; nullopt for in-memory text.
  const std::optional<FileStamp>& stamp() const noexcept { return stamp_; }
  std::uint64_t size() const noexcept;
  bool in_memory() const noexcept { return file_ == nullptr; }

  /// Bytes [offset, offset + length). In memory: a view of the text; from a file: read into
  /// `buffer`. Throws DataError when the file ends early (it changed while in use).
  std::string_view slice(std::uint64_t offset, std::uint64_t length, std::string& buffer) const;
  /// The whole text (read into `buffer` when it comes from a file).
  std::string_view whole(std::string& buffer) const { return slice(0, size(), buffer); }
  /// Calls `visit` with consecutive chunks of the text until it returns false.
  void for_each_chunk(const std::function<bool(std::string_view)>& visit,
                      std::uint64_t chunk_size = std::uint64_t{4} << 20) const;

 private:
  struct File;
  std::string name_;
  std::string_view text_;
  std::shared_ptr<const void> storage_;
  std::shared_ptr<File> file_;
  std::optional<FileStamp> stamp_;

  friend DataSource read_source(const std::string& path, std::uint64_t stream_threshold);
};

/// A source read front to back, one piece ahead: while the caller works on the piece it
/// asked for, a thread of its own reads the next one of the same length, so that copying
/// the bytes out of the file overlaps their use. Any other request is read there and then.
class ReadAhead {
 public:
  explicit ReadAhead(const DataSource& source);
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  ~ReadAhead();

  /// As DataSource::slice; `buffer` may be swapped with the piece read ahead.
  std::string_view slice(std::uint64_t offset, std::uint64_t length, std::string& buffer);

 private:
  struct State;
  const DataSource& source_;
  std::unique_ptr<State> state_;
};

/// Files this big or bigger are read a piece at a time, never whole.
inline constexpr std::uint64_t stream_threshold = std::uint64_t{64} << 20;

/// Opens a data file: smaller than `threshold`, it is read whole; bigger, piece by piece.
/// Throws DataError naming the file when it is missing, unreadable, a directory, or not a
/// regular file (a FIFO is refused before it is opened, so nothing blocks).
DataSource read_source(const std::string& path, std::uint64_t threshold = stream_threshold);

/// The compiled-in data (bundled.hpp) as a source.
DataSource bundled_source();

}  // namespace pairinfo
