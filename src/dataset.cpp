// Indexes over the merged knowledge base; see dataset.hpp.
#include "pairinfo/dataset.hpp"

#include <algorithm>
#include <stdexcept>

#include "pairinfo/text.hpp"

namespace pairinfo {

std::string normalize_code(std::string_view code) {
  std::string out(code);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string pair_key(std::string_view code_a, std::string_view code_b) {
  std::string a = normalize_code(code_a), b = normalize_code(code_b);
  if (b < a) std::swap(a, b);
  return a + '\x1f' + b;
}

std::shared_ptr<const Catalogue> Catalogue::build(Scales scales, std::vector<Category> categories,
                                                  std::vector<Intervention> interventions,
                                                  std::vector<LayerInfo> layers) {
  auto catalogue = std::make_shared<Catalogue>();
  catalogue->scales = std::move(scales);
  catalogue->categories = std::move(categories);
  catalogue->interventions = std::move(interventions);
  catalogue->layers = std::move(layers);
  auto& terms = catalogue->terms;
  terms.reserve(catalogue->interventions.size() * 4);
  auto add_term = [&](std::string term, std::size_t index) {
    if (term.empty()) return;
    auto& list = terms[std::move(term)];
    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  };
  for (std::size_t i = 0; i < catalogue->interventions.size(); ++i) {
    const Intervention& intervention = catalogue->interventions[i];
    catalogue->by_code.emplace(normalize_code(intervention.code), i);
    std::string folded_code = fold_term(intervention.code);
    // "aes001" finds AES-001 too.
    std::string compact;
    for (char c : folded_code)
      if (c != ' ') compact += c;
    add_term(std::move(folded_code), i);
    add_term(std::move(compact), i);
    add_term(fold_term(intervention.name), i);
    for (const auto& alias : intervention.aliases) add_term(fold_term(alias), i);
  }
  return catalogue;
}

Dataset::Dataset() : catalogue_(Catalogue::build({}, {}, {}, {})) {}

Dataset::Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
                 std::vector<PairRecord> pairs, std::vector<LayerInfo> layers)
    : Dataset(Catalogue::build(std::move(scales), std::move(categories), std::move(interventions), std::move(layers)),
              std::move(pairs)) {}

Dataset::Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs)
    : catalogue_(std::move(catalogue)), pairs_(std::move(pairs)) {
  index_pairs();
}

void Dataset::index_pairs() {
  pairs_by_intervention_.resize(catalogue_->interventions.size());
  for (std::size_t p = 0; p < pairs_.size(); ++p) {
    const PairRecord& record = pairs_[p];
    by_pair_key_.emplace(pair_key(record.codes[0], record.codes[1]), p);
    for (const auto& code : record.codes) {
      std::size_t i = find_code(code);
      if (i != npos) pairs_by_intervention_[i].push_back(p);
    }
  }
}

std::size_t Dataset::find_code(std::string_view code) const {
  auto it = catalogue_->by_code.find(normalize_code(code));
  return it == catalogue_->by_code.end() ? npos : it->second;
}

std::size_t Dataset::find_pair(std::string_view code_a, std::string_view code_b) const {
  auto it = by_pair_key_.find(pair_key(code_a, code_b));
  return it == by_pair_key_.end() ? npos : it->second;
}

std::span<const std::size_t> Dataset::pairs_with(std::size_t intervention) const {
  if (intervention >= pairs_by_intervention_.size()) return {};
  return pairs_by_intervention_[intervention];
}

std::span<const std::size_t> Dataset::matching(std::string_view folded) const {
  auto it = catalogue_->terms.find(std::string(folded));
  if (it == catalogue_->terms.end()) return {};
  return it->second;
}

const Intervention& Dataset::intervention(std::string_view code) const {
  std::size_t i = find_code(code);
  if (i == npos) throw std::out_of_range("unknown intervention code " + std::string(code));
  return catalogue_->interventions[i];
}

const Category* Dataset::find_category(std::string_view id_prefix_or_name) const {
  std::string wanted = fold_term(id_prefix_or_name);
  for (const auto& category : catalogue_->categories)
    if (fold_term(category.id) == wanted || (!category.prefix.empty() && fold_term(category.prefix) == wanted) ||
        (!category.name.empty() && fold_term(category.name) == wanted))
      return &category;
  return nullptr;
}

}  // namespace pairinfo
