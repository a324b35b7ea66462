/// Rows put into the index on a thread of their own, for big files: SQLite's inserts then
/// overlap the split of the file. Rows go over in batches through a queue of a few batches,
/// so memory stays bounded when SQLite is the slower side.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "pairinfo/index_db.hpp"

namespace pairinfo {

class RowWriter {
 public:
  /// Without `threaded`, put() inserts at once. The caller does not touch `db` between the
  /// first put() and finish().
  RowWriter(IndexDb& db, bool threaded);
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;
  ~RowWriter();

  void put(IndexedPair&& row);
  /// Every row is in the index once this returns; what the thread threw is thrown here.
  void finish();

 private:
  void hand_over();
  void work();
  void stop();

  IndexDb& db_;
  std::vector<IndexedPair> batch_;
  std::mutex mutex_;
  std::condition_variable work_, space_;
  std::deque<std::vector<IndexedPair>> queue_;
  std::vector<std::vector<IndexedPair>> spare_;  // emptied batches, handed back
  bool done_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace pairinfo
