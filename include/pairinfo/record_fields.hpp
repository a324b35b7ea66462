/// The one definition of every field of a pair record: its key in the data file, its JSON
/// type, whether --strict requires it, which commands keep it and how it is shown. Decoding,
/// validation messages, JSON output and the three renderers all read this table.
///
/// Adding a field: one line in PAIRINFO_PAIR_FIELDS below, its entry in
/// data/pairinfo.schema.json, and its description in docs/data-format.md.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pairinfo/json_check.hpp"

namespace pairinfo {

/// The JSON shape a field takes, which decides how it is checked and shown.
enum class FieldType : unsigned char {
  text,        ///< One line of text.
  prose,       ///< Paragraphs separated by a blank line.
  scale_id,    ///< The id of an entry of a scale (checked against it once layers are merged).
  date,        ///< YYYY-MM-DD.
  text_list,   ///< An array of text.
  code_list,   ///< An array of intervention codes.
  faq,         ///< An array of {"question", "answer"}.
  references,  ///< An array of text or of {"type", "citation", "pmid", "doi", "url", "note"}.
  labelling,   ///< {"status", "note"}: what product labelling says of the combination.
  review,      ///< {"status", "date", "reviewer", "note"}: who checked the record, if anyone.
  origin,      ///< {"file", "line", "value"}: the table row an imported record came from.
};

/// Which commands keep a field (PairScope::keeping): a list keeps the outline, a regimen
/// check the summary, a lookup the whole record.
enum class RecordParts : unsigned char { outline, summary, whole };

/// Where a field is shown: on the record's verdict lines, or as a section of its article.
enum class FieldPlace : unsigned char { title, verdict, section };

// X(name, key, type, required_in_strict, kept_from, place, text heading, markdown heading)
// A key "a/b" is member b of object a. An empty markdown heading continues the section
// before it (the seed article's layout). In the order records are shown and written.
#define PAIRINFO_PAIR_FIELDS(X)                                                                                   \
  X(title, "title", text, false, outline, title, "", "")                                                          \
  X(tier, "evidence/tier", scale_id, true, outline, verdict, "Evidence tier", "Evidence tier")                    \
  X(significance, "significance", scale_id, true, outline, verdict, "Significance", "Significance")               \
  X(labelling, "labelling", labelling, false, summary, verdict, "Labelling", "Labelling")                         \
  X(review, "review", review, true, summary, verdict, "Review", "Review")                                         \
  X(applies_to, "applies_to", code_list, false, summary, verdict, "Applies to", "Applies to")                     \
  X(reviewed, "reviewed", date, false, whole, verdict, "Reviewed", "Reviewed")                                    \
  X(origin, "origin", origin, false, whole, verdict, "Imported from", "Imported from")                            \
  X(summary, "summary", prose, true, summary, section, "Summary", "")                                             \
  X(mechanism, "mechanism", prose, true, whole, section, "How it works", "How It Works")                          \
  X(evidence_summary, "evidence/summary", prose, true, whole, section, "What the evidence says",                  \
    "What the Evidence Says")                                                                                     \
  X(limitations, "evidence/limitations", prose, true, whole, section, "Limitations", "")                          \
  X(clinical_context, "clinical_context", prose, true, whole, section, "Clinical context", "Clinical Context")    \
  X(cautions, "cautions", text_list, true, summary, section, "Cautions: risk factors to weigh", "Cautions")       \
  X(takeaways, "takeaways", text_list, true, whole, section, "Key takeaways", "Key Takeaways")                    \
  X(faq, "faq", faq, true, whole, section, "Frequently asked questions", "Frequently Asked Questions")            \
  X(references, "references", references, true, whole, section, "References", "References")

#define PAIRINFO_FIELD_ENUM(name, ...) name,
/// A field of a pair record, in the order of PAIRINFO_PAIR_FIELDS.
enum class Field : unsigned char { PAIRINFO_PAIR_FIELDS(PAIRINFO_FIELD_ENUM) };
#undef PAIRINFO_FIELD_ENUM

#define PAIRINFO_FIELD_COUNT(...) +1
inline constexpr std::size_t field_count = 0 PAIRINFO_PAIR_FIELDS(PAIRINFO_FIELD_COUNT);
#undef PAIRINFO_FIELD_COUNT

struct FieldSpec {
  Field field;
  std::string_view name;    ///< The field's name in code and as an SQLite column: "evidence_summary".
  std::string_view key;     ///< "summary", or "evidence/tier" for a member of an object.
  FieldType type;
  bool required_in_strict;  ///< --strict wants it (references: except in source-text records).
  RecordParts kept_from;    ///< The least a command keeps that includes it.
  FieldPlace place;
  std::string_view text_heading;
  std::string_view markdown_heading;

  /// The object the key is a member of ("evidence"), or empty for a top-level key.
  std::string_view parent() const;
  /// The key within that object ("tier").
  std::string_view member() const;
  /// The name a message uses: "evidence"."tier".
  std::string quoted() const;
};

/// The table, in the order of Field.
const std::array<FieldSpec, field_count>& field_specs();
inline const FieldSpec& spec(Field field) { return field_specs()[static_cast<std::size_t>(field)]; }

/// Values allowed in the fixed vocabularies of the structured fields.
const std::vector<std::string_view>& labelling_statuses();
const std::vector<std::string_view>& review_statuses();
const std::vector<std::string_view>& reference_types();

/// A field's value of a record, decoded: null when the record does not have it.
using FieldValues = std::array<nlohmann::json, field_count>;

/// Decodes every field of a pair record (a JSON object at pointer `at`, the
/// "interventions" member aside) into `values`, checking the type of each, the text of each string, the vocabularies of
/// the structured fields, and with `strict` that the full article is there. Unknown keys
/// are problems unless they start with "x-". Only the fields kept from `keep` are stored.
void decode_fields(const nlohmann::json& record, bool strict, RecordParts keep, FieldValues& values,
                   JsonChecker& check, const std::string& at);

/// A record's text parsed for decode_fields keeping `keep`: the fields it does not keep hold
/// empty values of their type (their shape is all it checks of them), found by the record
/// splitter without being parsed.
nlohmann::json parse_record(std::string_view text, RecordParts keep);

/// The record's fields as a JSON object in the file's format (for JSON output and export).
void encode_fields(const FieldValues& values, nlohmann::json& out);

/// The words a field holds, for search: prose as it is, list items and FAQ entries one to a
/// line, the note of labelling and review, the citations of references.
std::string plain_text(const nlohmann::json& value);

/// The text of a citation, as shown: "Citation (type; PMID 123; doi:...)".
std::string reference_text(const nlohmann::json& reference);

}  // namespace pairinfo
