// Data layers' text, in memory or read from files; see data_source.hpp.
#include "pairinfo/data_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "pairinfo/bundled.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo {

struct DataSource::File {
  int fd = -1;
  ~File() {
    if (fd >= 0) ::close(fd);
  }
};

DataSource read_source(const std::string& path, std::uint64_t threshold) {
  auto fail = [&](const std::string& why) { throw DataError({Diagnostic{path, 0, 0, "", why}}); };
  // Opening a FIFO could block forever: refuse anything but a regular file before opening.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) fail("is a directory, not a data file");
  if (!S_ISREG(info.st_mode)) fail("is not a regular file");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) fail(std::strerror(errno));
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    fail("is not a regular file");
  }
  FileStamp stamp;
  stamp.size = static_cast<std::uint64_t>(info.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  stamp.ctime_ns = static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec;
  stamp.inode = info.st_ino;
  stamp.device = info.st_dev;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    stamp.real_path = real;
    std::free(real);
  } else {
    stamp.real_path = path;
  }
  DataSource file = DataSource::from_file(path, fd, stamp);
  if (stamp.size >= threshold) return file;
  std::string text;
  file.whole(text);
  text.resize(stamp.size);
  DataSource source(path, std::move(text));
  source.stamp_ = stamp;
  return source;
}

DataSource::DataSource(std::string name, std::string text) : name_(std::move(name)) {
  auto owned = std::make_shared<const std::string>(std::move(text));
  text_ = *owned;
  storage_ = std::move(owned);
}

DataSource DataSource::borrowed(std::string name, std::string_view text) {
  DataSource source;
  source.name_ = std::move(name);
  source.text_ = text;
  return source;
}

DataSource DataSource::from_file(std::string name, int fd, FileStamp stamp) {
  DataSource source;
  source.name_ = std::move(name);
  source.file_ = std::make_shared<File>();
  source.file_->fd = fd;
  source.stamp_ = std::move(stamp);
  return source;
}

std::uint64_t DataSource::size() const noexcept { return file_ ? stamp_->size : text_.size(); }

std::string_view DataSource::slice(std::uint64_t offset, std::uint64_t length, std::string& buffer) const {
  if (!file_) {
    if (offset > text_.size()) return {};
    return text_.substr(offset, length);
  }
  if (offset > stamp_->size) offset = stamp_->size;
  length = std::min(length, stamp_->size - offset);
  // Grown only when too small: resizing clears what it adds, and the read overwrites it.
  if (buffer.size() < length) buffer.resize(length);
  std::uint64_t done = 0;
  while (done < length) {
    ssize_t got = ::pread(file_->fd, buffer.data() + done, length - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw DataError({Diagnostic{name_, 0, 0, "", std::string("read error: ") + std::strerror(errno)}});
    if (got == 0) throw DataError({Diagnostic{name_, 0, 0, "", "the file became shorter while it was read"}});
    done += static_cast<std::uint64_t>(got);
  }
  return std::string_view(buffer.data(), length);
}

void DataSource::for_each_chunk(const std::function<bool(std::string_view)>& visit, std::uint64_t chunk_size) const {
  std::uint64_t chunk = std::max<std::uint64_t>(chunk_size, 1);
  std::string buffer;
  for (std::uint64_t offset = 0; offset < size(); offset += chunk)
    if (!visit(slice(offset, std::min(chunk, size() - offset), buffer))) return;
}

// The compiled-in bytes live as long as the program: no copy needed.
DataSource bundled_source() { return DataSource::borrowed(std::string(bundled_source_name), bundled_data()); }

struct ReadAhead::State {
  std::mutex mutex;
  std::condition_variable changed;
  // The piece asked for next; `busy` while the thread reads it, `ready` once it is in `spare`.
  std::uint64_t offset = 0, length = 0;
  bool busy = false, ready = false, stopping = false;
  std::string spare;
  std::exception_ptr error;
  std::thread thread;
};

ReadAhead::ReadAhead(const DataSource& source) : source_(source) {
  if (source.in_memory()) return;  // a view of the text costs nothing to take
  state_ = std::make_unique<State>();
  state_->thread = std::thread([&state = *state_, &source] {
    std::unique_lock lock(state.mutex);
    for (;;) {
      state.changed.wait(lock, [&] { return state.busy || state.stopping; });
      if (state.stopping) return;
      lock.unlock();
      std::exception_ptr error;
      try {
        source.slice(state.offset, state.length, state.spare);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      state.error = error;
      state.busy = false;
      state.ready = true;
      state.changed.notify_all();
    }
  });
}

ReadAhead::~ReadAhead() {
  if (!state_) return;
  {
    std::unique_lock lock(state_->mutex);
    state_->changed.wait(lock, [&] { return !state_->busy; });
    state_->stopping = true;
  }
  state_->changed.notify_all();
  state_->thread.join();
}

std::string_view ReadAhead::slice(std::uint64_t offset, std::uint64_t length, std::string& buffer) {
  if (!state_) return source_.slice(offset, length, buffer);
  State& state = *state_;
  std::unique_lock lock(state.mutex);
  state.changed.wait(lock, [&] { return !state.busy; });
  std::string_view out;
  if (state.ready && state.offset == offset && state.length == length) {
    state.ready = false;
    if (state.error) std::rethrow_exception(std::exchange(state.error, nullptr));
    std::swap(buffer, state.spare);
    out = std::string_view(buffer.data(), length);
  } else {
    state.ready = false;
    out = source_.slice(offset, length, buffer);
  }
  std::uint64_t next = offset + length;
  if (length > 0 && next < source_.size()) {
    state.offset = next;
    state.length = std::min(length, source_.size() - next);
    state.busy = true;
    state.changed.notify_all();
  }
  return out;
}

}  // namespace pairinfo
