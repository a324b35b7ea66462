/// The merged, indexed knowledge base that queries run against.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/catalogue.hpp"
#include "pairinfo/codes.hpp"
#include "pairinfo/model.hpp"

namespace pairinfo {

/// A pair record shared by the loader that read it and every Dataset that holds it.
using SharedRecord = std::shared_ptr<const PairRecord>;

/// The pair records of a Dataset, in order: shared, so that a Dataset copies none.
class PairList {
 public:
  PairList() = default;
  explicit PairList(std::vector<SharedRecord> records) : records_(std::move(records)) {}

  std::size_t size() const noexcept { return records_.size(); }
  bool empty() const noexcept { return records_.empty(); }
  const PairRecord& operator[](std::size_t i) const noexcept { return *records_[i]; }

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = PairRecord;
    using difference_type = std::ptrdiff_t;
    using pointer = const PairRecord*;
    using reference = const PairRecord&;
    iterator() = default;
    explicit iterator(std::vector<SharedRecord>::const_iterator at) : at_(at) {}
    reference operator*() const noexcept { return **at_; }
    pointer operator->() const noexcept { return at_->get(); }
    iterator& operator++() noexcept {
      ++at_;
      return *this;
    }
    iterator operator++(int) noexcept { return iterator(at_++); }
    friend bool operator==(const iterator&, const iterator&) = default;

   private:
    std::vector<SharedRecord>::const_iterator at_;
  };
  iterator begin() const noexcept { return iterator(records_.begin()); }
  iterator end() const noexcept { return iterator(records_.end()); }

 private:
  std::vector<SharedRecord> records_;
};

class Dataset {
 public:
  Dataset();
  /// Takes the final (already merged and checked) contents and builds the indexes.
  Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
          std::vector<PairRecord> pairs, std::vector<LayerInfo> layers);
  Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs);
  Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<SharedRecord> pairs);

  const Scales& scales() const noexcept { return catalogue_->scales(); }
  const std::vector<Category>& categories() const noexcept { return catalogue_->categories(); }
  const InterventionList& interventions() const noexcept { return catalogue_->interventions(); }
  const PairList& pairs() const noexcept { return pairs_; }
  const std::vector<LayerInfo>& layers() const noexcept { return catalogue_->layers(); }
  const std::shared_ptr<const Catalogue>& catalogue() const noexcept { return catalogue_; }

  /// Index of the intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;
  /// Index of the record for two codes in either order, or npos.
  std::size_t find_pair(std::string_view code_a, std::string_view code_b) const;
  /// Indexes of every record that includes the intervention.
  std::span<const std::size_t> pairs_with(std::size_t intervention) const;
  /// The interventions of record `pair`'s two codes, in its order (npos for a code the
  /// catalogue lacks).
  std::array<std::size_t, 2> interventions_of(std::size_t pair) const { return pair_interventions_[pair]; }
  /// Interventions whose code, name or alias folds (fold_term) to `folded`.
  std::span<const std::uint32_t> matching(std::string_view folded) const;
  /// Every folded code, name and alias with the interventions it names.
  const TermTable& terms() const noexcept { return catalogue_->terms(); }

  const InterventionView& intervention(std::string_view code) const;  ///< Throws if unknown.
  const Category* find_category(std::string_view id_prefix_or_name) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  void index_pairs();

  std::shared_ptr<const Catalogue> catalogue_;
  PairList pairs_;
  std::vector<std::pair<std::string, std::size_t>> by_pair_;  // sorted by pair_key
  // The records of intervention i are pair_slots_[first_pair_[i] .. first_pair_[i + 1]).
  std::vector<std::size_t> first_pair_;
  std::vector<std::size_t> pair_slots_;
  std::vector<std::array<std::size_t, 2>> pair_interventions_;  // per record
};

}  // namespace pairinfo
