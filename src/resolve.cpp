// Resolving user terms to interventions; see resolve.hpp.
#include "pairinfo/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "pairinfo/text.hpp"

namespace pairinfo {

namespace {

// Interventions with a name or alias in which `folded` appears as whole words.
std::vector<std::size_t> word_matches(const Dataset& data, const std::string& folded) {
  std::vector<std::size_t> out;
  if (folded.size() < 3) return out;  // "e" or "c" would match half the catalogue
  for (const auto& [candidate, indexes] : data.terms()) {
    std::size_t at = candidate.find(folded);
    bool whole = false;
    while (at != std::string::npos && !whole) {
      bool starts = at == 0 || candidate[at - 1] == ' ';
      bool ends = at + folded.size() == candidate.size() || candidate[at + folded.size()] == ' ';
      whole = starts && ends;
      at = candidate.find(folded, at + 1);
    }
    if (!whole) continue;
    for (std::size_t index : indexes)
      if (std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
  }
  std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return data.interventions()[a].code < data.interventions()[b].code;
  });
  return out;
}

}  // namespace

Resolution resolve_term(const Dataset& data, std::string_view term) {
  Resolution resolution;
  resolution.term = std::string(term);
  std::string folded = fold_term(term);
  auto matches = data.matching(folded);
  // A term that is one intervention's code or name and others' alias means that one (the
  // data allows it only when the name comes from a later layer).
  std::vector<std::size_t> named;
  if (matches.size() > 1)
    for (std::size_t index : matches) {
      const InterventionView& intervention = data.interventions()[index];
      std::string code = fold_term(intervention.code), compact;
      for (char c : code)
        if (c != ' ') compact += c;
      if (folded == code || folded == compact || folded == fold_term(intervention.name)) named.push_back(index);
    }
  if (matches.size() == 1) {
    resolution.kind = Resolution::Kind::found;
  } else if (named.size() == 1) {
    resolution.kind = Resolution::Kind::found;
    resolution.matches = std::move(named);
    return resolution;
  } else if (matches.size() > 1) {
    resolution.kind = Resolution::Kind::ambiguous;
  } else {
    // No exact match: a term that is a whole word of several names ("vitamin") is
    // ambiguous and gets them listed; one such name is offered as a suggestion. Nothing
    // is picked silently.
    std::vector<std::size_t> partial = word_matches(data, folded);
    if (partial.size() > 1) {
      resolution.kind = Resolution::Kind::ambiguous;
      resolution.matches = std::move(partial);
      return resolution;
    }
    resolution.kind = Resolution::Kind::not_found;
    resolution.matches = partial;
    for (std::size_t index : suggest(data, term))
      if (resolution.matches.size() < 3 && std::find(resolution.matches.begin(), resolution.matches.end(), index) ==
                                               resolution.matches.end())
        resolution.matches.push_back(index);
    return resolution;
  }
  resolution.matches.assign(matches.begin(), matches.end());
  return resolution;
}

std::vector<Reading> readings(const Dataset& data, const std::vector<std::string>& words, std::size_t max_names) {
  std::vector<Reading> out;
  // Longer lines are not names typed without quotes; the search would only cost time.
  if (words.empty() || words.size() > 16 || max_names == 0) return out;
  // A word that folds to nothing (an empty argument) is a mistake to report, never part of a name.
  for (const auto& word : words)
    if (fold_term(word).empty()) return out;
  auto exactly_one = [&data](const std::string& name) -> std::optional<std::size_t> {
    auto matches = data.matching(fold_term(name));
    if (matches.size() != 1) return std::nullopt;
    return *matches.begin();
  };
  // Depth-first over where each name ends; `current` holds the names so far.
  Reading current;
  auto extend = [&](auto& self, std::size_t from) -> void {
    if (from == words.size()) {
      out.push_back(current);
      return;
    }
    if (current.names.size() == max_names) return;
    std::string name;
    for (std::size_t end = from; end < words.size(); ++end) {
      if (end > from) name += ' ';
      name += words[end];
      auto index = exactly_one(name);
      if (!index) continue;
      current.names.push_back(name);
      current.interventions.push_back(*index);
      self(self, end + 1);
      current.names.pop_back();
      current.interventions.pop_back();
    }
  };
  extend(extend, 0);
  std::stable_sort(out.begin(), out.end(),
                   [](const Reading& a, const Reading& b) { return a.names.size() < b.names.size(); });
  return out;
}

std::vector<std::size_t> suggest(const Dataset& data, std::string_view term, std::size_t limit) {
  std::string folded = fold_term(term);
  if (folded.empty() || folded.size() > 256) return {};  // nothing sensible is that long
  // A suggestion must be close relative to the length of what was typed: one slip in a
  // short term, more in a long one; otherwise nothing is better than a wild guess.
  std::size_t threshold = folded.size() <= 4 ? 1 : std::max<std::size_t>(2, folded.size() / 3);
  std::vector<std::size_t> best(data.interventions().size(), std::numeric_limits<std::size_t>::max());
  for (const auto& [candidate, indexes] : data.terms()) {
    std::size_t length_gap = candidate.size() > folded.size() ? candidate.size() - folded.size()
                                                               : folded.size() - candidate.size();
    if (length_gap > threshold) continue;  // cheap bound before the quadratic distance
    std::size_t distance = edit_distance(folded, candidate);
    if (distance > threshold) continue;
    for (std::size_t index : indexes) best[index] = std::min(best[index], distance);
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < best.size(); ++i)
    if (best[i] != std::numeric_limits<std::size_t>::max()) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return best[a] != best[b] ? best[a] < best[b] : data.interventions()[a].code < data.interventions()[b].code;
  });
  if (order.size() > limit) order.resize(limit);
  return order;
}

std::string describe_miss(const Dataset& data, bool ambiguous, const std::vector<std::size_t>& matches) {
  if (ambiguous) return "names several interventions: " + describe_interventions(data, matches) + "; use a code";
  if (matches.empty()) return "no intervention matches; see 'pairinfo interventions'";
  return "no intervention matches; did you mean " + describe_interventions(data, matches) + "?";
}

std::string describe_interventions(const Dataset& data, const std::vector<std::size_t>& indexes) {
  std::string out;
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    const InterventionView intervention = data.interventions()[indexes[i]];
    if (i > 0) out += i + 1 == indexes.size() ? " or " : ", ";
    out += fmt::format("{} ({})", intervention.code, intervention.name);
  }
  return out;
}

}  // namespace pairinfo
