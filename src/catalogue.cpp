// The merged catalogue; see catalogue.hpp.
#include "pairinfo/catalogue.hpp"

#include <algorithm>

#include "pairinfo/codes.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {

TermTable::TermTable(std::vector<std::pair<std::string, std::uint32_t>> folded) {
  std::sort(folded.begin(), folded.end());
  folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
  for (auto& [term, target] : folded) {
    if (terms_.empty() || terms_.back() != term) {
      terms_.push_back(std::move(term));
      ends_.push_back(targets_.size());
    }
    targets_.push_back(target);
    ends_.back() = targets_.size();
  }
}

std::span<const std::uint32_t> TermTable::find(std::string_view folded) const {
  auto it = std::lower_bound(terms_.begin(), terms_.end(), folded,
                             [](const std::string& term, std::string_view wanted) { return term < wanted; });
  if (it == terms_.end() || *it != folded) return {};
  return (*this)[static_cast<std::size_t>(it - terms_.begin())].interventions;
}

Catalogue::Catalogue(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
                     std::vector<LayerInfo> layers, bool with_terms)
    : scales_(std::move(scales)),
      categories_(std::move(categories)),
      layers_(std::move(layers)),
      interventions_(std::move(interventions)) {
  std::vector<std::pair<std::string, std::uint32_t>> folded;
  folded.reserve(interventions_.size() * 6);
  by_code_.reserve(interventions_.size());
  for (std::size_t i = 0; i < interventions_.size(); ++i) {
    const Intervention& intervention = interventions_[i];
    auto index = static_cast<std::uint32_t>(i);
    by_code_.emplace_back(normalize_code(intervention.code), index);
    if (!with_terms) continue;
    std::string code = fold_term(intervention.code);
    std::string compact;  // "aes001" finds AES-001 too
    for (char c : code)
      if (c != ' ') compact += c;
    folded.emplace_back(std::move(code), index);
    folded.emplace_back(std::move(compact), index);
    folded.emplace_back(fold_term(intervention.name), index);
    for (const auto& alias : intervention.aliases) folded.emplace_back(fold_term(alias), index);
  }
  std::sort(by_code_.begin(), by_code_.end());
  terms_ = TermTable(std::move(folded));
  classes_.resize(interventions_.size());
  for (std::size_t i = 0; i < interventions_.size(); ++i)
    for (const auto& member : interventions_[i].members)
      if (std::size_t m = find_code(member); m != npos) classes_[m].push_back(static_cast<std::uint32_t>(i));
}

std::size_t Catalogue::find_code(std::string_view code) const {
  std::string wanted = normalize_code(code);
  auto it = std::lower_bound(by_code_.begin(), by_code_.end(), wanted,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  return it != by_code_.end() && it->first == wanted ? it->second : npos;
}

}  // namespace pairinfo
