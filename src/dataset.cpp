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

TermTable TermTable::from_pairs(std::vector<std::pair<std::string, std::size_t>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  TermTable table;
  for (auto& [term, intervention] : pairs) {
    if (term.empty()) continue;
    if (table.terms_.empty() || table.terms_.back() != term) {
      table.terms_.push_back(std::move(term));
      table.starts_.push_back(table.starts_.back());
    }
    table.targets_.push_back(intervention);
    ++table.starts_.back();
  }
  return table;
}

TermTable TermTable::from_parts(std::vector<std::string> terms, std::vector<std::uint32_t> starts,
                                std::vector<std::size_t> targets, std::size_t limit) {
  if (starts.size() != terms.size() + 1 || starts.front() != 0 || starts.back() != targets.size())
    throw std::invalid_argument("term table: the parts do not fit together");
  for (std::size_t i = 0; i < terms.size(); ++i)
    if (starts[i] >= starts[i + 1] || terms[i].empty() || (i > 0 && !(terms[i - 1] < terms[i])))
      throw std::invalid_argument("term table: terms are not sorted, unique and each naming something");
  for (std::size_t target : targets)
    if (target >= limit) throw std::invalid_argument("term table: names an intervention that does not exist");
  TermTable table;
  table.terms_ = std::move(terms);
  table.starts_ = std::move(starts);
  table.targets_ = std::move(targets);
  return table;
}

std::span<const std::size_t> TermTable::find(std::string_view folded) const {
  auto it = std::lower_bound(terms_.begin(), terms_.end(), folded,
                             [](const std::string& term, std::string_view wanted) { return term < wanted; });
  if (it == terms_.end() || *it != folded) return {};
  return (*this)[static_cast<std::size_t>(it - terms_.begin())].interventions;
}

std::shared_ptr<const Catalogue> Catalogue::build(Scales scales, std::vector<Category> categories,
                                                  std::vector<Intervention> interventions,
                                                  std::vector<LayerInfo> layers) {
  auto catalogue = std::make_shared<Catalogue>();
  catalogue->scales = std::move(scales);
  catalogue->categories = std::move(categories);
  catalogue->interventions = std::move(interventions);
  catalogue->layers = std::move(layers);
  std::vector<std::pair<std::string, std::size_t>> terms;
  terms.reserve(catalogue->interventions.size() * 4);
  catalogue->codes.reserve(catalogue->interventions.size());
  for (std::size_t i = 0; i < catalogue->interventions.size(); ++i) {
    const Intervention& intervention = catalogue->interventions[i];
    catalogue->codes.emplace_back(normalize_code(intervention.code), i);
    std::string folded_code = fold_term(intervention.code);
    // "aes001" finds AES-001 too.
    std::string compact;
    for (char c : folded_code)
      if (c != ' ') compact += c;
    terms.emplace_back(std::move(folded_code), i);
    terms.emplace_back(std::move(compact), i);
    terms.emplace_back(fold_term(intervention.name), i);
    for (const auto& alias : intervention.aliases) terms.emplace_back(fold_term(alias), i);
  }
  // A code defined twice keeps its first place, as lookups always did.
  std::stable_sort(catalogue->codes.begin(), catalogue->codes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  catalogue->terms = TermTable::from_pairs(std::move(terms));
  return catalogue;
}

std::size_t Catalogue::find_code(std::string_view code) const {
  std::string wanted = normalize_code(code);
  auto it = std::lower_bound(codes.begin(), codes.end(), wanted,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  return it == codes.end() || it->first != wanted ? npos : it->second;
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

std::size_t Dataset::find_code(std::string_view code) const { return catalogue_->find_code(code); }

std::size_t Dataset::find_pair(std::string_view code_a, std::string_view code_b) const {
  auto it = by_pair_key_.find(pair_key(code_a, code_b));
  return it == by_pair_key_.end() ? npos : it->second;
}

std::span<const std::size_t> Dataset::pairs_with(std::size_t intervention) const {
  if (intervention >= pairs_by_intervention_.size()) return {};
  return pairs_by_intervention_[intervention];
}

std::span<const std::size_t> Dataset::matching(std::string_view folded) const {
  return catalogue_->terms.find(folded);
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
