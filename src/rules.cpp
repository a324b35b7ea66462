// Rules that span records and layers; see rules.hpp.
#include "pairinfo/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "pairinfo/codes.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

// Where an intervention sits in its layer, as a JSON pointer.
std::string pointer_of(const Intervention& intervention) {
  return fmt::format("/interventions/{}", intervention.position);
}

// Which field of an intervention folds to `term`, as a pointer below it.
std::string field_for_term(const Intervention& intervention, std::string_view term) {
  if (fold_term(intervention.name) == term) return pointer_of(intervention) + "/name";
  for (std::size_t k = 0; k < intervention.aliases.size(); ++k)
    if (fold_term(intervention.aliases[k]) == term) return fmt::format("{}/aliases/{}", pointer_of(intervention), k);
  return pointer_of(intervention) + "/code";
}

}  // namespace

// The merged catalogue of every layer, with the rules that span interventions and layers.
std::shared_ptr<const Catalogue> merge_catalogue(const std::vector<Layer>& layers, std::vector<Problem>& problems) {
  std::optional<Scales> scales;
  std::vector<Category> categories;
  std::vector<Intervention> interventions;
  std::vector<LayerInfo> infos;
  std::unordered_map<std::string, std::size_t> code_index, category_index;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = layers[l];
    infos.push_back(layer.info);
    if (layer.scales) scales = layer.scales;  // a layer's scales replace earlier ones whole
    for (const auto& category : layer.categories) {
      if (category.id.empty()) continue;
      auto [it, fresh] = category_index.try_emplace(category.id, categories.size());
      if (fresh) categories.push_back(category);
      else categories[it->second] = category;
    }
    std::unordered_map<std::string, std::size_t> codes_here;
    for (std::size_t i = 0; i < layer.interventions.size(); ++i) {
      const Intervention& intervention = layer.interventions[i];
      if (intervention.code.empty()) continue;
      std::string code = normalize_code(intervention.code);
      if (auto seen = codes_here.find(code); seen != codes_here.end()) {
        problems.push_back({l, pointer_of(intervention) + "/code",
                            fmt::format("code \"{}\" is defined twice in this file (first at {})", intervention.code,
                                        pointer_of(layer.interventions[seen->second])),
                            std::nullopt});
        continue;
      }
      codes_here.emplace(code, i);
      auto [it, fresh] = code_index.try_emplace(code, interventions.size());
      if (fresh) interventions.push_back(intervention);
      else interventions[it->second] = intervention;  // a later layer redefines it
    }
  }
  auto catalogue = Catalogue::build(scales ? *scales : default_scales(), categories, interventions, infos);
  // A code or name must lead to one intervention; report it where the later one says it.
  // An alias several interventions share ("the pill") is allowed: the user is then asked
  // which one is meant. The table is sorted by term, so the problems come in a stable order.
  for (const auto& [term, matches] : catalogue->terms()) {
    if (matches.size() < 2) continue;
    // Two codes or names may not be the same term. A later layer may name an intervention as
    // an earlier layer's alias (an imported table's "Gentamicin"): that name, exactly, then finds
    // it. An alias that repeats a name of its own or an earlier layer is a mistake.
    std::size_t named = 0, name_layer = 0, alias_layer = 0;
    for (std::size_t index : matches) {
      bool is_alias = field_for_term(interventions[index], term).find("/aliases/") != std::string::npos;
      if (is_alias) alias_layer = std::max(alias_layer, interventions[index].layer);
      else ++named, name_layer = interventions[index].layer;
    }
    if (named == 0 || (named == 1 && name_layer > alias_layer)) continue;
    const Intervention* later = &interventions[matches.front()];
    const Intervention* earlier = later;
    for (std::size_t index : matches) {
      const Intervention& candidate = interventions[index];
      if (candidate.layer > later->layer || (candidate.layer == later->layer && index > matches.front())) {
        earlier = later;
        later = &candidate;
      } else if (&candidate != later) {
        earlier = &candidate;
      }
    }
    problems.push_back({later->layer, field_for_term(*later, term),
                        fmt::format("\"{}\" would name both {} ({}) and {} ({})", term, earlier->code, earlier->name,
                                    later->code, later->name),
                        std::nullopt});
  }
  for (const auto& intervention : interventions)
    for (std::size_t k = 0; k < intervention.members.size(); ++k)
      if (catalogue->find_code(intervention.members[k]) == Catalogue::npos || same_code(intervention.members[k], intervention.code))
        problems.push_back({intervention.layer, fmt::format("{}/members/{}", pointer_of(intervention), k),
                            fmt::format("member \"{}\" is not another intervention of the data", intervention.members[k]),
                            std::nullopt});
  return catalogue;
}

// The rules of one record that need the merged catalogue (and its own two codes); false
// for a record that is no pair at all and takes no further part.
bool check_against_catalogue(const PairRecord& record, std::size_t l, const Catalogue& catalogue,
                             std::vector<Problem>& problems) {
  if (same_code(record.codes[0], record.codes[1])) {
    problems.push_back({l, record.pointer + "/interventions/1",
                        fmt::format("a pair of \"{}\" with itself", record.codes[0]), std::nullopt});
    return false;
  }
  for (std::size_t k = 0; k < 2; ++k)
    if (catalogue.find_code(record.codes[k]) == Catalogue::npos)
      problems.push_back({l, fmt::format("{}/interventions/{}", record.pointer, k),
                          fmt::format("unknown intervention code \"{}\": no data layer defines it", record.codes[k]),
                          std::nullopt});
  std::string_view tier = record.text(Field::tier), significance = record.text(Field::significance);
  if (!tier.empty() && !catalogue.scales().tiers.find(tier))
    problems.push_back({l, record.pointer + "/evidence/tier",
                        fmt::format("tier \"{}\" is not defined by the tier scale", tier), std::nullopt});
  if (!significance.empty() && !catalogue.scales().significance.find(significance))
    problems.push_back({l, record.pointer + "/significance",
                        fmt::format("significance \"{}\" is not defined by the significance scale", significance),
                        std::nullopt});
  const auto& applies_to = record[Field::applies_to];
  for (std::size_t k = 0; k < applies_to.size(); ++k) {
    std::string_view code = applies_to[k].get_ref<const std::string&>();
    bool member = false;
    for (const auto& side : record.codes) {
      std::size_t at = catalogue.find_code(side);
      if (at == Catalogue::npos) continue;
      for (auto m : catalogue.interventions()[at].members) member = member || same_code(m, code);
    }
    if (!member)
      problems.push_back({l, fmt::format("{}/applies_to/{}", record.pointer, k),
                          fmt::format("\"{}\" is not a member of either intervention of the pair", code),
                          std::nullopt});
  }
  return true;
}

Problem defined_twice(std::size_t l, const PairRecord& record, std::string_view first) {
  return {l, record.pointer + "/interventions",
          fmt::format("the pair {} + {} is already defined in this file at {}", record.codes[0], record.codes[1], first),
          std::nullopt};
}

}  // namespace pairinfo
