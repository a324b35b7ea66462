/// The merged, indexed knowledge base that queries run against.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pairinfo/model.hpp"

namespace pairinfo {

/// Folded codes, names and aliases (see fold_term), each with the interventions it names,
/// sorted so that a lookup is a binary search and the table can be stored as it is.
class TermTable {
 public:
  struct Item {
    std::string_view term;
    std::span<const std::size_t> interventions;
  };

  TermTable() = default;
  /// From (folded term, intervention) pairs in any order; repeats collapse, empty terms are dropped.
  static TermTable from_pairs(std::vector<std::pair<std::string, std::size_t>> pairs);
  /// From the parts `terms()`, `starts()` and `targets()` of another table. Throws
  /// std::invalid_argument unless they form a table naming interventions below `limit`.
  static TermTable from_parts(std::vector<std::string> terms, std::vector<std::uint32_t> starts,
                              std::vector<std::size_t> targets, std::size_t limit);

  /// The interventions `folded` names; empty when none.
  std::span<const std::size_t> find(std::string_view folded) const;

  std::size_t size() const noexcept { return terms_.size(); }
  Item operator[](std::size_t i) const noexcept {
    return {terms_[i], std::span<const std::size_t>(targets_).subspan(starts_[i], starts_[i + 1] - starts_[i])};
  }

  class iterator {
   public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const TermTable* table, std::size_t at) : table_(table), at_(at) {}
    Item operator*() const { return (*table_)[at_]; }
    iterator& operator++() { ++at_; return *this; }
    iterator operator++(int) { iterator before = *this; ++at_; return before; }
    bool operator==(const iterator& other) const = default;

   private:
    const TermTable* table_ = nullptr;
    std::size_t at_ = 0;
  };
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, terms_.size()}; }

  const std::vector<std::string>& terms() const noexcept { return terms_; }
  const std::vector<std::uint32_t>& starts() const noexcept { return starts_; }
  const std::vector<std::size_t>& targets() const noexcept { return targets_; }

 private:
  std::vector<std::string> terms_;       // sorted, unique
  std::vector<std::uint32_t> starts_{0};  // terms_[i] names targets_[starts_[i], starts_[i + 1])
  std::vector<std::size_t> targets_;
};

/// Everything but the pair records: scales, categories, interventions and their indexes.
/// Built once per command and shared by every Dataset made from the same data.
struct Catalogue {
  Scales scales;
  std::vector<Category> categories;
  std::vector<Intervention> interventions;
  std::vector<LayerInfo> layers;
  /// Normalised (upper-case) codes, sorted, each with its intervention.
  std::vector<std::pair<std::string, std::size_t>> codes;
  TermTable terms;

  /// Builds the indexes over the given contents.
  static std::shared_ptr<const Catalogue> build(Scales scales, std::vector<Category> categories,
                                                std::vector<Intervention> interventions,
                                                std::vector<LayerInfo> layers);
  /// The intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

class Dataset {
 public:
  Dataset();
  /// Takes the final (already merged and checked) contents and builds the indexes.
  Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
          std::vector<PairRecord> pairs, std::vector<LayerInfo> layers);
  Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs);

  const Scales& scales() const noexcept { return catalogue_->scales; }
  const std::vector<Category>& categories() const noexcept { return catalogue_->categories; }
  const std::vector<Intervention>& interventions() const noexcept { return catalogue_->interventions; }
  const std::vector<PairRecord>& pairs() const noexcept { return pairs_; }
  const std::vector<LayerInfo>& layers() const noexcept { return catalogue_->layers; }
  const std::shared_ptr<const Catalogue>& catalogue() const noexcept { return catalogue_; }

  /// Index of the intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;
  /// Index of the record for two codes in either order, or npos.
  std::size_t find_pair(std::string_view code_a, std::string_view code_b) const;
  /// Indexes of every record that includes the intervention.
  std::span<const std::size_t> pairs_with(std::size_t intervention) const;
  /// Interventions whose code, name or alias folds (fold_term) to `folded`.
  std::span<const std::size_t> matching(std::string_view folded) const;
  /// Every folded code, name and alias with the interventions it names.
  const TermTable& terms() const noexcept { return catalogue_->terms; }

  const Intervention& intervention(std::string_view code) const;  ///< Throws if unknown.
  const Category* find_category(std::string_view id_prefix_or_name) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  void index_pairs();

  std::shared_ptr<const Catalogue> catalogue_;
  std::vector<PairRecord> pairs_;
  std::unordered_map<std::string, std::size_t> by_pair_key_;
  std::vector<std::vector<std::size_t>> pairs_by_intervention_;
};

/// The order-independent key of a pair of codes.
std::string pair_key(std::string_view code_a, std::string_view code_b);

/// Upper-cases a code for comparison.
std::string normalize_code(std::string_view code);

}  // namespace pairinfo
