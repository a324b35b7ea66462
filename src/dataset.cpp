// Indexes over the merged knowledge base; see dataset.hpp.
#include "pairinfo/dataset.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "pairinfo/text.hpp"

namespace pairinfo {

Dataset::Dataset() : catalogue_(Catalogue::build({}, {}, {}, {})) {}

Dataset::Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
                 std::vector<PairRecord> pairs, std::vector<LayerInfo> layers)
    : Dataset(Catalogue::build(std::move(scales), std::move(categories), std::move(interventions), std::move(layers)),
              std::move(pairs)) {}

Dataset::Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs)
    : Dataset(std::move(catalogue), [&] {
        std::vector<SharedRecord> shared;
        shared.reserve(pairs.size());
        for (auto& record : pairs) shared.push_back(std::make_shared<const PairRecord>(std::move(record)));
        return shared;
      }()) {}

Dataset::Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<SharedRecord> pairs)
    : catalogue_(std::move(catalogue)), pairs_(std::move(pairs)) {
  index_pairs();
}

void Dataset::index_pairs() {
  // Records by intervention in one table (counted, then placed): one allocation, not one
  // per intervention that has records.
  const std::size_t n = catalogue_->interventions().size();
  auto& found = pair_interventions_;
  found.assign(pairs_.size(), {npos, npos});
  first_pair_.assign(n + 1, 0);
  by_pair_.reserve(pairs_.size());
  for (std::size_t p = 0; p < pairs_.size(); ++p) {
    const PairRecord& record = pairs_[p];
    by_pair_.emplace_back(pair_key(record.codes[0], record.codes[1]), p);
    for (std::size_t k = 0; k < 2; ++k)
      if ((found[p][k] = find_code(record.codes[k])) != npos) ++first_pair_[found[p][k] + 1];
  }
  std::sort(by_pair_.begin(), by_pair_.end());
  for (std::size_t i = 0; i < n; ++i) first_pair_[i + 1] += first_pair_[i];
  pair_slots_.resize(first_pair_[n]);
  std::vector<std::size_t> next(first_pair_.begin(), first_pair_.end() - 1);
  for (std::size_t p = 0; p < pairs_.size(); ++p)
    for (std::size_t i : found[p])
      if (i != npos) pair_slots_[next[i]++] = p;
}

std::size_t Dataset::find_code(std::string_view code) const { return catalogue_->find_code(code); }

std::size_t Dataset::find_pair(std::string_view code_a, std::string_view code_b) const {
  std::string key = pair_key(code_a, code_b);
  auto it = std::lower_bound(by_pair_.begin(), by_pair_.end(), key,
                             [](const auto& entry, const std::string& wanted) { return entry.first < wanted; });
  return it != by_pair_.end() && it->first == key ? it->second : npos;
}

std::span<const std::size_t> Dataset::pairs_with(std::size_t intervention) const {
  if (first_pair_.empty() || intervention >= first_pair_.size() - 1) return {};
  return std::span<const std::size_t>(pair_slots_).subspan(first_pair_[intervention],
                                                           first_pair_[intervention + 1] - first_pair_[intervention]);
}

std::span<const std::uint32_t> Dataset::matching(std::string_view folded) const {
  return catalogue_->terms().find(folded);
}

const InterventionView& Dataset::intervention(std::string_view code) const {
  std::size_t i = find_code(code);
  if (i == npos) throw std::out_of_range("unknown intervention code " + std::string(code));
  return catalogue_->interventions()[i];
}

const Category* Dataset::find_category(std::string_view id_prefix_or_name) const {
  std::string wanted = fold_term(id_prefix_or_name);
  for (const auto& category : catalogue_->categories())
    if (fold_term(category.id) == wanted || (!category.prefix.empty() && fold_term(category.prefix) == wanted) ||
        (!category.name.empty() && fold_term(category.name) == wanted))
      return &category;
  return nullptr;
}

}  // namespace pairinfo
