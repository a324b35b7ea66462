/// What a list shows of a pair record, kept by the index so that lists need not read the
/// records: the codes, title, significance and tier, as written in the file (still
/// escaped), packed into a few bytes by the scan and turned back into JSON for the record
/// reader, which then checks them exactly as it checks them in the record itself.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace pairinfo {

/// The parts of a record an outline holds: string values as written between their quotes;
/// nullopt for a member the record does not have.
struct OutlineParts {
  std::string_view code_a, code_b;
  std::optional<std::string_view> title, significance, tier;
};

/// Appends the packed outline to `out`; false (and nothing appended) when a part is too
/// long to pack, and the record must then be read instead.
bool pack_outline(const OutlineParts& parts, std::string& out);

/// The JSON object an outline stands for ({"interventions": [...], "title": ..., ...}),
/// in `out`; false when `packed` is not a whole outline (a damaged cache).
bool outline_json(std::string_view packed, std::string& out);

}  // namespace pairinfo
