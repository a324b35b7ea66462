/// The merged catalogue: scales, categories, interventions and the folded terms that find
/// them. Everything but the pair records, built once per command from the index and shared
/// by every Dataset made from the same data; or, for a command whose terms the index
/// resolved, only the interventions it involves (IndexDb::catalogue_of).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pairinfo/model.hpp"

namespace pairinfo {

/// One intervention of a catalogue.
using InterventionView = Intervention;
using InterventionList = std::vector<Intervention>;

/// Folded codes, names and aliases (see fold_term), each with the interventions it names,
/// sorted by term so that a lookup is a binary search.
class TermTable {
 public:
  struct Item {
    std::string_view term;
    std::span<const std::uint32_t> interventions;
  };

  TermTable() = default;
  /// From (folded term, intervention) pairs in any order.
  explicit TermTable(std::vector<std::pair<std::string, std::uint32_t>> folded);

  /// The interventions `folded` names; empty when none.
  std::span<const std::uint32_t> find(std::string_view folded) const;

  std::size_t size() const noexcept { return ends_.size(); }
  Item operator[](std::size_t i) const noexcept {
    std::size_t first = i == 0 ? 0 : ends_[i - 1];
    return {terms_[i], std::span(targets_).subspan(first, ends_[i] - first)};
  }

  class iterator {
   public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const TermTable* table, std::size_t at) : table_(table), at_(at) {}
    Item operator*() const { return (*table_)[at_]; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++at_;
      return before;
    }
    bool operator==(const iterator& other) const = default;

   private:
    const TermTable* table_ = nullptr;
    std::size_t at_ = 0;
  };
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, size()}; }

 private:
  std::vector<std::string> terms_;
  std::vector<std::uint32_t> targets_;
  std::vector<std::size_t> ends_;  // the targets of term i end at ends_[i]
};

class Catalogue {
 public:
  /// Without `with_terms`, terms() is empty: for a catalogue whose user terms are resolved
  /// already, which then spends no time folding names.
  Catalogue(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
            std::vector<LayerInfo> layers, bool with_terms = true);
  static std::shared_ptr<const Catalogue> build(Scales scales, std::vector<Category> categories,
                                                std::vector<Intervention> interventions, std::vector<LayerInfo> layers,
                                                bool with_terms = true) {
    return std::make_shared<const Catalogue>(std::move(scales), std::move(categories), std::move(interventions),
                                             std::move(layers), with_terms);
  }

  const Scales& scales() const noexcept { return scales_; }
  const std::vector<Category>& categories() const noexcept { return categories_; }
  const std::vector<LayerInfo>& layers() const noexcept { return layers_; }
  const InterventionList& interventions() const noexcept { return interventions_; }
  const TermTable& terms() const noexcept { return terms_; }

  /// The intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;
  /// The classes (interventions listing it among their members) intervention `i` belongs to.
  std::span<const std::uint32_t> classes_of(std::size_t i) const {
    return i < classes_.size() ? std::span<const std::uint32_t>(classes_[i]) : std::span<const std::uint32_t>();
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  Scales scales_;
  std::vector<Category> categories_;
  std::vector<LayerInfo> layers_;
  InterventionList interventions_;
  std::vector<std::pair<std::string, std::uint32_t>> by_code_;  // upper-case code, sorted
  TermTable terms_;
  std::vector<std::vector<std::uint32_t>> classes_;  // per intervention
};

}  // namespace pairinfo
