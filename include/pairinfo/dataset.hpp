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

#include "pairinfo/catalogue.hpp"
#include "pairinfo/model.hpp"

namespace pairinfo {

class Dataset {
 public:
  Dataset();
  /// Takes the final (already merged and checked) contents and builds the indexes.
  Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
          std::vector<PairRecord> pairs, std::vector<LayerInfo> layers);
  Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs);

  const Scales& scales() const noexcept { return catalogue_->scales(); }
  const std::vector<Category>& categories() const noexcept { return catalogue_->categories(); }
  const InterventionList& interventions() const noexcept { return catalogue_->interventions(); }
  const std::vector<PairRecord>& pairs() const noexcept { return pairs_; }
  const std::vector<LayerInfo>& layers() const noexcept { return catalogue_->layers(); }
  const std::shared_ptr<const Catalogue>& catalogue() const noexcept { return catalogue_; }

  /// Index of the intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;
  /// Index of the record for two codes in either order, or npos.
  std::size_t find_pair(std::string_view code_a, std::string_view code_b) const;
  /// Indexes of every record that includes the intervention.
  std::span<const std::size_t> pairs_with(std::size_t intervention) const;
  /// Interventions whose code, name or alias folds (fold_term) to `folded`.
  std::span<const std::uint32_t> matching(std::string_view folded) const;
  /// Every folded code, name and alias with the interventions it names.
  const TermTable& terms() const noexcept { return catalogue_->terms(); }

  InterventionView intervention(std::string_view code) const;  ///< Throws if unknown.
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
