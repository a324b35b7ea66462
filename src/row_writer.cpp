// Rows put into the index on a thread of their own; see row_writer.hpp.
#include "pairinfo/row_writer.hpp"

namespace pairinfo {
namespace {

constexpr std::size_t batch_rows = 1024, queued_batches = 8;

}  // namespace

RowWriter::RowWriter(IndexDb& db, bool threaded) : db_(db) {
  if (threaded) thread_ = std::thread([this] { work(); });
}

RowWriter::~RowWriter() { stop(); }

void RowWriter::put(IndexedPair&& row) {
  if (!thread_.joinable()) {
    db_.put_pair(row);
    return;
  }
  batch_.push_back(std::move(row));
  if (batch_.size() == batch_rows) hand_over();
}

void RowWriter::finish() {
  if (!thread_.joinable()) return;
  hand_over();
  stop();
  if (error_) std::rethrow_exception(error_);
}

void RowWriter::hand_over() {
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return queue_.size() < queued_batches || error_; });
  if (error_) {
    lock.unlock();
    stop();
    std::rethrow_exception(error_);
  }
  queue_.push_back(std::move(batch_));
  batch_.clear();
  if (!spare_.empty()) {
    batch_ = std::move(spare_.back());  // its capacity is used again
    spare_.pop_back();
  }
  work_.notify_one();
}

void RowWriter::work() {
  for (;;) {
    std::vector<IndexedPair> rows;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (queue_.empty()) return;
      rows = std::move(queue_.front());
      queue_.pop_front();
    }
    space_.notify_one();
    try {
      for (const auto& row : rows) db_.put_pair(row);
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      space_.notify_one();
      return;
    }
    rows.clear();
    std::lock_guard lock(mutex_);
    spare_.push_back(std::move(rows));
  }
}

void RowWriter::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  work_.notify_one();
  thread_.join();
}

}  // namespace pairinfo
