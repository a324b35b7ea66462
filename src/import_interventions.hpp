// The interventions of an imported table: what each side of a row is (a code of the table,
// an earlier intervention, a generated code), and their names made unique. Private to
// import_csv.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "import_rows.hpp"
#include "pairinfo/csv_reader.hpp"
#include "pairinfo/dataset.hpp"
#include "pairinfo/import_links.hpp"

namespace pairinfo::import {

// An intervention a row names: defined by this file, or linked to the earlier data.
struct Target {
  std::string code;
  std::string name;
  bool defined_here = true;
  TextPosition position;  // where it first appears, for diagnostics
  std::size_t line = 0;
};

// Settled in steps, because a name-only side may name a drug that a later row codes: the
// first pass gives each side an id (side), then resolve_names and name_interventions settle
// the targets, which the second pass looks up (settled).
class Interventions {
 public:
  // The target each side id of the first pass became.
  struct SettledSides {
    std::vector<std::uint32_t> pending_target;  // by PendingName::id
    std::uint32_t operator()(std::uint32_t side) const {
      return side & pending_bit ? pending_target[side & ~pending_bit] : side;
    }
  };

  // `link_to`: the earlier data, or null; `source`: the table's name in diagnostics.
  Interventions(const Dataset* link_to, const std::string& source) : link_to_(link_to), source_(source) {}

  // First pass: the side id of one side of a row, which has a code or a name.
  std::uint32_t side(const csv::Field* code, const csv::Field* name, std::size_t line);

  // After the first pass: name-only sides and links to the earlier data settled.
  SettledSides resolve_names();
  // Then: every code, name and alias leads to one intervention, as the loader requires.
  void name_interventions();

  // Second pass: the target of one side of a row, as the first pass settled it.
  std::uint32_t settled(const csv::Field* code, const csv::Field* name) const;

  const std::vector<Target>& targets() const { return targets_; }

  // The warnings about the interventions, appended to `warnings`.
  void warn(std::vector<std::string>& warnings) const;

 private:
  struct PendingName {
    std::string name;
    TextPosition position;
    std::size_t line;
    std::uint32_t id;  // in order of first appearance
  };
  // Side ids of the first pass: a target, or a name-only side (its PendingName::id) with this bit.
  static constexpr std::uint32_t pending_bit = std::uint32_t{1} << 31;
  static constexpr std::uint32_t no_target = static_cast<std::uint32_t>(-1);

  std::uint32_t add_target(Target target);
  std::uint32_t linked_target(std::size_t earlier, std::size_t line);
  std::uint32_t coded_target(const csv::Field& code, const std::string& name, std::size_t line);
  void note_other_name(const Target& target, const std::string& name, std::size_t line);
  void link_coded(std::uint32_t index, std::size_t earlier, std::size_t line);
  void note_unlinked(const std::string& name, const LinkDecision& d);

  const Dataset* link_to_;
  const std::string& source_;
  std::vector<Target> targets_;
  std::unordered_map<std::string, PendingName> pending_names_;    // folded name -> first place
  std::unordered_map<std::string, std::uint32_t> resolved_;       // folded name-only side -> target
  std::unordered_map<std::string, std::uint32_t> by_code_;        // normalized target code -> target
  std::unordered_map<std::string, std::uint32_t> by_table_code_;  // normalized code as written -> target
  std::unordered_map<std::string, std::uint32_t> by_name_;        // folded name -> target
  Tally other_names_, linked_by_name_, unlinked_, renamed_;
  std::string other_names_example_, linked_example_, unlinked_example_, renamed_example_;
};

// The code a name-only side gets (pairinfo::generated_code, documented in import_csv.hpp).
std::string name_code(std::string_view name);

}  // namespace pairinfo::import
