// Settling the interventions of an imported table; see import_interventions.hpp.
#include "import_interventions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <tuple>
#include <utility>

#include "pairinfo/codes.hpp"
#include "pairinfo/dataset.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::import {
namespace {

using csv::fail_at;
using csv::Field;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool valid_code(std::string_view code) {
  return code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
           return is_upper(c) || is_lower(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
         });
}

}  // namespace

std::uint32_t Interventions::side(const Field* code, const Field* name, std::size_t line) {
  if (given(code)) return coded_target(*code, given(name) ? name->value : std::string(), line);
  auto it = pending_names_
                .try_emplace(fold_term(name->value), PendingName{name->value, name->position, line,
                                                                 static_cast<std::uint32_t>(pending_names_.size())})
                .first;
  return it->second.id | pending_bit;
}

std::uint32_t Interventions::settled(const Field* code, const Field* name) const {
  auto found = given(code) ? by_table_code_.find(normalize_code(code->value)) : resolved_.find(fold_term(name->value));
  if (found == (given(code) ? by_table_code_.end() : resolved_.end())) table_changed(source_);
  return found->second;
}

std::uint32_t Interventions::add_target(Target target) {
  auto index = static_cast<std::uint32_t>(targets_.size());
  by_code_.emplace(normalize_code(target.code), index);
  targets_.push_back(std::move(target));
  return index;
}

// The target an earlier intervention stands for, created on first use.
std::uint32_t Interventions::linked_target(std::size_t earlier, std::size_t line) {
  const InterventionView intervention = link_to_->interventions()[earlier];
  if (auto it = by_code_.find(normalize_code(intervention.code)); it != by_code_.end()) return it->second;
  return add_target({std::string(intervention.code), std::string(intervention.name), false, {}, line});
}

std::uint32_t Interventions::coded_target(const Field& code, const std::string& name, std::size_t line) {
  std::string key = normalize_code(code.value);
  if (auto it = by_table_code_.find(key); it != by_table_code_.end()) {
    Target& target = targets_[it->second];
    if (target.defined_here && !name.empty()) {
      if (target.name.empty()) target.name = name;
      else if (fold_term(target.name) != fold_term(name)) note_other_name(target, name, line);
    }
    if (!name.empty()) by_name_.try_emplace(fold_term(name), it->second);
    return it->second;
  }
  if (!valid_code(code.value))
    fail_at(source_, code.position,
            fmt::format("\"{}\" cannot be a code: codes hold only letters, digits, '-', '_' and '.', at most 64 "
                        "(leave the code columns out to make codes from the names)",
                        code.value));
  std::uint32_t index;
  if (link_to_ && link_to_->find_code(code.value) != Dataset::npos) {
    index = linked_target(link_to_->find_code(code.value), line);
  } else {
    index = add_target({code.value, name, true, code.position, line});
  }
  by_table_code_.emplace(std::move(key), index);
  if (!name.empty()) by_name_.try_emplace(fold_term(name), index);
  return index;
}

void Interventions::note_other_name(const Target& target, const std::string& name, std::size_t line) {
  other_names_.add(line);
  if (other_names_.count == 1)
    other_names_example_ =
        escape_controls(fmt::format("{} is \"{}\", not \"{}\" as on line {}", target.code, target.name, name, line));
}

// Settles what each drug of the table is: a name-only side takes a coded intervention
// of the table with that name; then drugs that are an intervention of the earlier data
// (decide_links) link to it, and other name-only sides get generated codes. The pairs
// found in the first pass are then keyed by what their sides became (the result).
Interventions::SettledSides Interventions::resolve_names() {
  std::vector<std::pair<const std::string*, const PendingName*>> order;
  order.reserve(pending_names_.size());
  for (const auto& [folded, pending] : pending_names_) order.emplace_back(&folded, &pending);
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
    return std::tie(x.second->position.line, x.second->position.column) <
           std::tie(y.second->position.line, y.second->position.column);
  });
  SettledSides sides{std::vector<std::uint32_t>(pending_names_.size(), no_target)};
  std::vector<std::uint32_t>& pending_target = sides.pending_target;
  std::vector<const PendingName*> by_id(pending_names_.size());
  for (const auto& entry : order) by_id[entry.second->id] = entry.second;
  for (const auto& [folded, pending] : order)
    if (auto it = by_name_.find(*folded); it != by_name_.end()) pending_target[pending->id] = it->second;

  // The claims, in order of first appearance: coded drugs with a name, then name-only sides.
  std::vector<LinkClaim> claims;
  std::vector<std::pair<std::size_t, std::uint32_t>> claimants;  // {line, coded target or pending | bit}
  std::vector<std::size_t> taken_by_code;
  if (link_to_) {
    for (std::uint32_t i = 0; i < targets_.size(); ++i) {
      if (!targets_[i].defined_here) taken_by_code.push_back(link_to_->find_code(targets_[i].code));
      else if (!targets_[i].name.empty()) claimants.emplace_back(targets_[i].line, i);
    }
    for (const auto& [folded, pending] : order)
      if (pending_target[pending->id] == no_target) claimants.emplace_back(pending->line, pending->id | pending_bit);
    std::stable_sort(claimants.begin(), claimants.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [line, who] : claimants)
      claims.push_back(who & pending_bit ? LinkClaim{by_id[who & ~pending_bit]->name, false}
                                         : LinkClaim{targets_[who].name, true});
  }
  std::vector<LinkDecision> decisions =
      link_to_ ? decide_links(*link_to_, claims, taken_by_code) : std::vector<LinkDecision>();
  // Coded drugs first, so that a name-only side linked to the same intervention finds them.
  for (int coded = 1; coded >= 0; --coded)
    for (std::size_t k = 0; k < claimants.size(); ++k) {
      auto [line, who] = claimants[k];
      if (bool(who & pending_bit) == bool(coded)) continue;
      const LinkDecision& d = decisions[k];
      if (d.why != LinkDecision::Why::linked && d.why != LinkDecision::Why::no_match) note_unlinked(claims[k].name, d);
      if (d.why != LinkDecision::Why::linked) continue;
      if (coded) link_coded(who, d.earlier, line);
      else pending_target[who & ~pending_bit] = linked_target(d.earlier, line);
    }
  for (const auto& [folded, pending] : order) {
    std::uint32_t& index = pending_target[pending->id];
    if (index == no_target) {
      std::string code = name_code(pending->name);
      auto it = by_code_.find(code);
      index = it != by_code_.end() ? it->second
                                   : add_target({code, pending->name, true, pending->position, pending->line});
    }
    by_name_.try_emplace(*folded, index);
    resolved_.emplace(*folded, index);
  }
  pending_names_ = {};
  return sides;
}

// A coded drug of the table that is an earlier intervention: its rows use that code.
void Interventions::link_coded(std::uint32_t index, std::size_t earlier, std::size_t line) {
  Target& target = targets_[index];
  const InterventionView intervention = link_to_->interventions()[earlier];
  linked_by_name_.add(line);
  if (linked_by_name_.count == 1)
    linked_example_ = escape_controls(fmt::format("{} \"{}\" is {}", target.code, target.name, intervention.code));
  by_code_.erase(normalize_code(target.code));
  target.code = std::string(intervention.code);
  target.name = std::string(intervention.name);
  target.defined_here = false;
  by_code_.emplace(normalize_code(target.code), index);
}

void Interventions::note_unlinked(const std::string& name, const LinkDecision& d) {
  const InterventionView other = link_to_->interventions()[d.named];
  unlinked_.add(0);
  if (unlinked_.count > 1) return;
  const char* why = d.why == LinkDecision::Why::is_class  ? "a class"
                    : d.why == LinkDecision::Why::shared ? "also named by other drugs of the table"
                                                         : "already another drug of the table";
  unlinked_example_ = escape_controls(fmt::format("\"{}\": {} ({}) is {}", name, other.code, other.name, why));
}

void Interventions::name_interventions() {
  struct Owner {
    bool earlier;
    std::size_t index;
    bool operator==(const Owner&) const = default;
  };
  std::unordered_map<std::string, Owner> terms;
  // The earlier data's codes and names are taken; its aliases are not: a drug of the table
  // may be named as an earlier intervention's alias ("gentamicin"), and then that name,
  // exactly, finds the table's drug.
  if (link_to_)
    for (const auto& [term, matches] : link_to_->terms())
      for (std::uint32_t match : matches) {
        const InterventionView earlier = link_to_->interventions()[match];
        std::string code = fold_term(earlier.code), compact;
        for (char c : code)
          if (c != ' ') compact += c;
        if (term == code || term == compact || term == fold_term(earlier.name)) {
          terms.emplace(term, Owner{true, match});
          break;
        }
      }
  auto same = [&](const Owner& owner, const Target& target) {
    if (owner.earlier)
      return normalize_code(link_to_->interventions()[owner.index].code) == normalize_code(target.code);
    return &targets_[owner.index] == &target;
  };
  auto describe = [&](const Owner& owner) {
    if (owner.earlier) {
      const InterventionView other = link_to_->interventions()[owner.index];
      return fmt::format("{} ({}) of the earlier data", other.code, other.name);
    }
    return fmt::format("the code \"{}\" on line {}", targets_[owner.index].code, targets_[owner.index].line);
  };
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    Target& target = targets_[i];
    if (!target.defined_here) continue;
    std::string folded = fold_term(target.code), compact;
    for (char c : folded)
      if (c != ' ') compact += c;
    for (const std::string& term : {folded, compact}) {
      auto [it, fresh] = terms.try_emplace(term, Owner{false, i});
      if (!fresh && !same(it->second, target))
        fail_at(source_, target.position,
                fmt::format("the code \"{}\" would be read as \"{}\", like {}; pairinfo could not tell them apart",
                            target.code, term, describe(it->second)));
    }
  }
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    Target& target = targets_[i];
    if (!target.defined_here) continue;
    if (target.name.empty()) target.name = target.code;
    std::string folded = fold_term(target.name);
    if (folded.empty()) continue;
    auto [it, fresh] = terms.try_emplace(folded, Owner{false, i});
    if (fresh || same(it->second, target)) continue;
    target.name = fmt::format("{} ({})", target.name, target.code);
    renamed_.add(target.line);
    if (renamed_.count == 1) renamed_example_ = escape_controls(target.name);
    terms.try_emplace(fold_term(target.name), Owner{false, i});
  }
}

void Interventions::warn(std::vector<std::string>& w) const {
  if (other_names_.count)
    w.push_back(fmt::format("{} {} gave another name for a code already named; the first name is kept ({})",
                            other_names_.count, rows_word(other_names_.count), other_names_example_));
  if (linked_by_name_.count)
    w.push_back(fmt::format("{} {} of the table named an intervention of the earlier data, whose code the rows use "
                            "instead ({})",
                            linked_by_name_.count, linked_by_name_.count == 1 ? "code" : "codes", linked_example_));
  if (unlinked_.count)
    w.push_back(fmt::format("{} {} of the table named an intervention of the earlier data that is a class or that "
                            "the table splits, so {} kept {} own ({})",
                            unlinked_.count, unlinked_.count == 1 ? "drug" : "drugs",
                            unlinked_.count == 1 ? "it" : "they", unlinked_.count == 1 ? "its" : "their",
                            unlinked_example_));
  if (renamed_.count)
    w.push_back(fmt::format("{} {} already used by another intervention, so the code was added (e.g. \"{}\")",
                            renamed_.count, renamed_.count == 1 ? "name was" : "names were", renamed_example_));
}

std::string name_code(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64-bit
  for (char c : fold_term(name)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("IMP-{:016X}", hash);
}

}  // namespace pairinfo::import
