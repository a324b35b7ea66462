// Lists, search and regimen checks; see query.hpp.
#include "pairinfo/query.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

std::string scale_ids(const Scale& scale) {
  std::string out;
  for (const auto& entry : scale.entries) out += (out.empty() ? "" : ", ") + entry.id;
  return out;
}

const ScaleEntry* find_scale_entry(const Scale& scale, const std::string& wanted) {
  std::string folded = fold_term(wanted);
  for (const auto& entry : scale.entries)
    if (fold_term(entry.id) == folded || fold_term(entry.name) == folded) return &entry;
  return nullptr;
}

bool in_category(const Dataset& data, std::string_view code, const Category* category, const std::string& wanted) {
  std::size_t index = data.find_code(code);
  if (index == Dataset::npos) return false;
  std::string_view id = data.interventions()[index].category;
  return category ? id == category->id : fold_term(id) == fold_term(wanted);
}

bool category_exists(const Dataset& data, const std::string& wanted) {
  if (data.find_category(wanted)) return true;
  std::string folded = fold_term(wanted);
  return std::any_of(data.interventions().begin(), data.interventions().end(),
                     [&](const InterventionView& i) { return fold_term(i.category) == folded; });
}

void require_category(const Dataset& data, const std::string& wanted) {
  if (category_exists(data, wanted)) return;
  std::string known;
  for (const auto& category : data.categories()) known += (known.empty() ? "" : ", ") + category.id;
  throw QueryError(fmt::format("unknown category \"{}\"{}", wanted, known.empty() ? "" : " (known: " + known + ")"));
}

}  // namespace

std::string pair_title(const Dataset& data, const PairRecord& record) {
  if (auto title = record.text(Field::title); !title.empty()) return std::string(title);
  auto name = [&](const std::string& code) {
    std::size_t index = data.find_code(code);
    return index == Dataset::npos ? code : std::string(data.interventions()[index].name);
  };
  return name(record.codes[0]) + " + " + name(record.codes[1]);
}

std::vector<std::size_t> list_pairs(const Dataset& data, const ListFilter& filter) {
  const Category* category = nullptr;
  if (!filter.category.empty()) {
    require_category(data, filter.category);
    category = data.find_category(filter.category);
  }
  const ScaleEntry* tier = nullptr;
  if (!filter.tier.empty() && !(tier = find_scale_entry(data.scales().tiers, filter.tier)))
    throw QueryError(fmt::format("unknown tier \"{}\" (known: {})", filter.tier, scale_ids(data.scales().tiers)));
  const Scale& levels = data.scales().significance;
  auto level_of = [&](const std::string& wanted) {
    const ScaleEntry* entry = find_scale_entry(levels, wanted);
    if (!entry) throw QueryError(fmt::format("unknown significance \"{}\" (known: {})", wanted, scale_ids(levels)));
    return entry;
  };
  std::vector<std::string> significances;  // ids
  for (const auto& wanted : filter.significance) significances.push_back(level_of(wanted)->id);
  std::optional<std::size_t> floor;
  if (!filter.min_significance.empty()) floor = levels.rank(level_of(filter.min_significance)->id);

  std::vector<std::size_t> candidates;
  if (filter.with) {
    auto span = data.pairs_with(*filter.with);
    candidates.assign(span.begin(), span.end());
  } else {
    candidates.resize(data.pairs().size());
    for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i] = i;
  }
  // Sorted by pair key: the keys are made side by side in one string (one allocation, not
  // one per record), then compared in place.
  std::string keys;
  struct Keyed {
    std::size_t offset, length, index;
    int severity, tier;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(candidates.size());
  for (std::size_t index : candidates) {
    const PairRecord& record = data.pairs()[index];
    if (tier && record.text(Field::tier) != tier->id) continue;
    if (!significances.empty() &&
        std::find(significances.begin(), significances.end(), record.text(Field::significance)) == significances.end())
      continue;
    if (floor) {
      auto rank = levels.rank(record.text(Field::significance));
      if (!rank || *rank < *floor) continue;
    }
    if (!filter.labelling.empty() &&
        std::find(filter.labelling.begin(), filter.labelling.end(), record.member(Field::labelling, "status")) ==
            filter.labelling.end())
      continue;
    if (!filter.category.empty() && !in_category(data, record.codes[0], category, filter.category) &&
        !in_category(data, record.codes[1], category, filter.category))
      continue;
    std::size_t offset = keys.size();
    append_pair_key(keys, record.codes[0], record.codes[1]);
    keyed.push_back({offset, keys.size() - offset, index, severity_rank(data, record), tier_rank(data, record)});
  }
  auto key_of = [&](const Keyed& entry) { return std::string_view(keys).substr(entry.offset, entry.length); };
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (filter.order == ListOrder::severity) {
      if (a.severity != b.severity) return a.severity > b.severity;
      if (a.tier != b.tier) return a.tier < b.tier;
    } else if (filter.order == ListOrder::tier) {
      if (a.tier != b.tier) return a.tier < b.tier;
      if (a.severity != b.severity) return a.severity > b.severity;
    }
    int order = key_of(a).compare(key_of(b));
    return order < 0 || (order == 0 && a.index < b.index);
  });
  std::vector<std::size_t> out;
  out.reserve(keyed.size());
  for (const auto& entry : keyed) out.push_back(entry.index);
  return out;
}

std::optional<ListOrder> parse_list_order(std::string_view text) {
  if (text == "severity") return ListOrder::severity;
  if (text == "tier") return ListOrder::tier;
  if (text == "code") return ListOrder::code;
  return std::nullopt;
}

std::vector<std::size_t> interventions_matching(const Dataset& data, const std::vector<std::size_t>& indexes,
                                                const std::vector<std::string>& words) {
  // The words as one phrase, so that "vitamin e" finds Vitamin E, not every name with an "e".
  std::string phrase;
  for (const auto& word : words) phrase += (phrase.empty() ? "" : " ") + word;
  std::vector<std::string> folded;
  if (std::string f = fold_term(phrase); !f.empty()) folded.push_back(std::move(f));
  std::vector<std::size_t> out;
  for (std::size_t index : indexes) {
    const InterventionView intervention = data.interventions()[index];
    std::string text = fold_term(intervention.code) + "\n" + fold_term(intervention.name) + "\n" +
                       fold_term(intervention.category);
    for (std::string_view alias : intervention.aliases) (text += "\n") += fold_term(alias);
    if (std::all_of(folded.begin(), folded.end(), [&](const std::string& word) { return text.find(word) != std::string::npos; }))
      out.push_back(index);
  }
  return out;
}

std::vector<std::size_t> list_interventions(const Dataset& data, const std::string& category) {
  const Category* known = nullptr;
  if (!category.empty()) {
    require_category(data, category);
    known = data.find_category(category);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data.interventions().size(); ++i) {
    const InterventionView intervention = data.interventions()[i];
    if (!category.empty() && (known ? intervention.category != known->id
                                    : fold_term(intervention.category) != fold_term(category)))
      continue;
    out.push_back(i);
  }
  std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return normalize_code(data.interventions()[a].code) < normalize_code(data.interventions()[b].code);
  });
  return out;
}

std::vector<std::string> search_words(const std::vector<std::string>& arguments) {
  std::vector<std::string> words;
  for (const auto& argument : arguments) {
    std::string lowered = ascii_lower(argument);
    // Split on spaces so that "fish oil" as one argument means two words.
    std::size_t start = 0;
    while (start < lowered.size()) {
      std::size_t end = lowered.find(' ', start);
      if (end == std::string::npos) end = lowered.size();
      if (end > start) words.push_back(lowered.substr(start, end - start));
      start = end + 1;
    }
  }
  return words;
}

std::vector<SearchHit> search_hits(const std::vector<SearchMatch>& matches) {
  std::vector<SearchHit> hits;
  for (const auto& match : matches) {
    SearchHit hit;
    hit.pair = match.pair;
    // bm25 is lower for better matches; shown as a score where higher is better.
    hit.score = static_cast<int>(-match.rank * 1e6 + (match.rank > 0 ? -0.5 : 0.5));
    hit.field = match.field;
    std::size_t start = 0;
    for (char c : match.snippet) {
      if (c == '\x01') {
        start = hit.snippet.size();
      } else if (c == '\x02') {
        hit.highlights.emplace_back(start, hit.snippet.size());
      } else {
        hit.snippet += (c == '\n' ? ' ' : c);
      }
    }
    while (!hit.snippet.empty() && hit.snippet.back() == ' ') hit.snippet.pop_back();
    hits.push_back(std::move(hit));
  }
  return hits;
}

PairAnswer answer_pair(const Dataset& data, std::size_t a, std::size_t b) {
  const auto& all = data.interventions();
  PairAnswer answer;
  answer.record = data.find_pair(all[a].code, all[b].code);
  if (answer.record != Dataset::npos) return answer;
  // A member's own pair has no record: a record of its class with the other may speak for it.
  for (auto [member, other] : {std::pair{a, b}, std::pair{b, a}}) {
    for (std::uint32_t cls : data.catalogue()->classes_of(member)) {
      std::size_t record = data.find_pair(all[cls].code, all[other].code);
      if (record == Dataset::npos) continue;
      const auto& applies_to = data.pairs()[record][Field::applies_to];
      // Named outside the lambda: clang before 16 cannot capture a structured binding.
      const std::string& member_code = all[member].code;
      bool applies = applies_to.is_null() ||
                     std::any_of(applies_to.begin(), applies_to.end(),
                                 [&](const auto& code) { return same_code(code.template get<std::string>(), member_code); });
      if (!applies) {
        answer.not_applying.emplace_back(record, member);
      } else if (answer.record == Dataset::npos) {
        answer.record = record;
        answer.via_class = cls;
        answer.member = member;
      }
    }
  }
  return answer;
}

std::size_t RegimenCheck::record_between(std::size_t a, std::size_t b) const {
  std::pair key{std::min(a, b), std::max(a, b)};
  auto it = std::lower_bound(answers.begin(), answers.end(), key,
                             [](const auto& entry, const auto& wanted) { return entry.first < wanted; });
  return it != answers.end() && it->first == key ? it->second : Dataset::npos;
}

int severity_rank(const Dataset& data, const PairRecord& record) {
  auto rank = data.scales().significance.rank(record.text(Field::significance));
  return rank ? static_cast<int>(*rank) : -1;
}

int tier_rank(const Dataset& data, const PairRecord& record) {
  auto rank = data.scales().tiers.rank(record.text(Field::tier));
  return rank ? static_cast<int>(*rank) : static_cast<int>(data.scales().tiers.entries.size());
}

RegimenCheck check_regimen(const Dataset& data, const std::vector<std::pair<std::string, std::size_t>>& resolved) {
  RegimenCheck result;
  for (const auto& [term, index] : resolved) {
    if (std::find(result.interventions.begin(), result.interventions.end(), index) != result.interventions.end())
      result.duplicates.emplace_back(term, index);
    else
      result.interventions.push_back(index);
  }
  // The record of each pair of them, from each one's records (those the data holds, often
  // far fewer than the n(n-1)/2 pairs to look up): the first of a pair's records, as
  // find_pair would find it.
  const std::size_t n = result.interventions.size();
  std::vector<std::pair<std::size_t, std::size_t>> position;  // intervention, its place in the list
  for (std::size_t i = 0; i < n; ++i) position.emplace_back(result.interventions[i], i);
  std::sort(position.begin(), position.end());
  std::vector<std::size_t> record_of(n * n, Dataset::npos);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t record : data.pairs_with(result.interventions[i])) {
      auto [x, y] = data.interventions_of(record);
      std::size_t other = x == result.interventions[i] ? y : x;
      auto at = std::lower_bound(position.begin(), position.end(), std::pair{other, std::size_t{0}});
      if (at == position.end() || at->first != other || at->second == i) continue;
      std::size_t& slot = record_of[i * n + at->second];
      slot = std::min(slot, record);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      std::size_t a = result.interventions[i], b = result.interventions[j];
      std::size_t record = record_of[i * n + j];
      // A member's pair may be answered by its class's record (a statin's by the statins').
      if (record == Dataset::npos && (!data.catalogue()->classes_of(a).empty() || !data.catalogue()->classes_of(b).empty()))
        record = answer_pair(data, a, b).record;
      if (record == Dataset::npos) {
        result.missing.emplace_back(a, b);
        continue;
      }
      result.answers.push_back({{std::min(a, b), std::max(a, b)}, record});
      if (std::find(result.found.begin(), result.found.end(), record) == result.found.end()) result.found.push_back(record);
    }
  }
  std::sort(result.answers.begin(), result.answers.end());
  // Ranked once each (a rank looks its value up on a scale), then sorted.
  struct Ranked {
    int severity, tier;
    std::size_t record;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(result.found.size());
  for (std::size_t record : result.found)
    ranked.push_back({severity_rank(data, data.pairs()[record]), tier_rank(data, data.pairs()[record]), record});
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
    if (x.severity != y.severity) return x.severity > y.severity;
    return x.tier < y.tier;
  });
  for (std::size_t k = 0; k < ranked.size(); ++k) result.found[k] = ranked[k].record;
  return result;
}

}  // namespace pairinfo
