// The table of pair-record fields and the decoding it drives; see record_fields.hpp.
#include "pairinfo/record_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"

namespace pairinfo {
namespace {

using json = nlohmann::json;

#define PAIRINFO_FIELD_SPEC(name, key, type, strict, kept, place, text_heading, markdown_heading)            \
  FieldSpec{Field::name,         #name, key, FieldType::type, strict, RecordParts::kept, FieldPlace::place, text_heading, \
            markdown_heading},
constexpr std::array<FieldSpec, field_count> specs = {{PAIRINFO_PAIR_FIELDS(PAIRINFO_FIELD_SPEC)}};
#undef PAIRINFO_FIELD_SPEC

// The top-level keys of a record, and the members of each object some fields live in.
struct Keys {
  std::vector<std::string_view> top{"interventions"};
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> members;

  Keys() {
    for (const auto& s : specs) {
      std::string_view head = s.parent().empty() ? s.key : s.parent();
      if (std::find(top.begin(), top.end(), head) == top.end()) top.push_back(head);
      if (s.parent().empty()) continue;
      auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == s.parent(); });
      if (it == members.end()) it = members.insert(members.end(), {s.parent(), {}});
      it->second.push_back(s.member());
    }
  }
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

// Each value is checked and, when sound, kept as a normalised JSON value (known keys only).
json decode_value(const FieldSpec& s, const json& value, const std::string& at, JsonChecker& check) {
  std::string what = s.quoted();
  switch (s.type) {
    case FieldType::text:
    case FieldType::prose:
    case FieldType::scale_id: {
      std::string text = check.text(value, at, what);
      return text.empty() ? json() : json(std::move(text));
    }
    case FieldType::date: {
      std::string text = check.text(value, at, what);
      if (text.empty()) return {};
      if (!is_valid_date(text)) {
        check.problem(at, fmt::format("{} must be a date as YYYY-MM-DD, found \"{}\"", what, text));
        return {};
      }
      return text;
    }
    case FieldType::text_list:
    case FieldType::code_list: {
      if (!check.expect_array(value, at, what)) return {};
      json out = json::array();
      std::string each = fmt::format("each item of {}", what);
      for (std::size_t i = 0; i < value.size(); ++i) {
        std::string where = fmt::format("{}/{}", at, i);
        std::string item = s.type == FieldType::code_list ? check.code(value[i], where, each)
                                                          : check.text(value[i], where, each);
        if (!item.empty()) out.push_back(std::move(item));
      }
      return out.empty() ? json() : out;
    }
    case FieldType::faq: {
      if (!check.expect_array(value, at, what)) return {};
      json out = json::array();
      for (std::size_t i = 0; i < value.size(); ++i) {
        std::string where = fmt::format("{}/{}", at, i);
        if (!check.expect_object(value[i], where)) continue;
        check.check_keys(value[i], where, {"question", "answer"});
        std::string question = check.required_text(value[i], where, "question");
        std::string answer = check.required_text(value[i], where, "answer");
        if (!question.empty() && !answer.empty()) out.push_back({{"question", question}, {"answer", answer}});
      }
      return out.empty() ? json() : out;
    }
    case FieldType::references: {
      if (!check.expect_array(value, at, what)) return {};
      json out = json::array();
      for (std::size_t i = 0; i < value.size(); ++i) {
        std::string where = fmt::format("{}/{}", at, i);
        if (value[i].is_string()) {  // format_version 1 before structured references: the citation alone
          std::string citation = check.text(value[i], where, "a reference");
          if (!citation.empty()) out.push_back({{"citation", citation}});
          continue;
        }
        if (!check.expect_object(value[i], where)) continue;
        check.check_keys(value[i], where, {"type", "citation", "pmid", "doi", "url", "note"});
        json reference = json::object();
        std::string type = check.one_of(value[i], where, "type", reference_types(), false);
        if (!type.empty()) reference["type"] = type;
        std::string citation = check.required_text(value[i], where, "citation");
        if (citation.empty()) continue;
        reference["citation"] = citation;
        for (const char* key : {"pmid", "doi", "url", "note"})
          if (std::string text = check.optional_text(value[i], where, key); !text.empty()) reference[key] = text;
        if (reference.contains("pmid")) {
          const std::string& pmid = reference["pmid"].get_ref<const std::string&>();
          if (!std::all_of(pmid.begin(), pmid.end(), [](char c) { return c >= '0' && c <= '9'; }))
            check.problem(where + "/pmid", fmt::format("\"pmid\" must be digits only, found \"{}\"", pmid));
        }
        out.push_back(std::move(reference));
      }
      return out.empty() ? json() : out;
    }
    case FieldType::labelling: {
      if (!check.expect_object(value, at)) return {};
      check.check_keys(value, at, {"status", "note"});
      json out = json::object();
      std::string status = check.one_of(value, at, "status", labelling_statuses(), true);
      if (status.empty()) return {};
      out["status"] = status;
      if (std::string note = check.optional_text(value, at, "note"); !note.empty()) out["note"] = note;
      return out;
    }
    case FieldType::review: {
      if (!check.expect_object(value, at)) return {};
      check.check_keys(value, at, {"status", "date", "reviewer", "note"});
      json out = json::object();
      std::string status = check.one_of(value, at, "status", review_statuses(), true);
      if (status.empty()) return {};
      out["status"] = status;
      std::string date = check.optional_text(value, at, "date");
      if (!date.empty() && !is_valid_date(date))
        check.problem(at + "/date", fmt::format("\"date\" must be a date as YYYY-MM-DD, found \"{}\"", date));
      else if (!date.empty() && status != "checked")
        check.problem(at + "/date", "only a \"checked\" review has a date: no review took place on it");
      else if (!date.empty())
        out["date"] = date;
      if (status == "checked" && date.empty())
        check.problem(at, "a \"checked\" review needs the \"date\" it took place");
      for (const char* key : {"reviewer", "note"})
        if (std::string text = check.optional_text(value, at, key); !text.empty()) out[key] = text;
      return out;
    }
    case FieldType::origin: {
      if (!check.expect_object(value, at)) return {};
      check.check_keys(value, at, {"file", "line", "value"});
      json out = json::object();
      if (std::string file = check.required_text(value, at, "file"); !file.empty()) out["file"] = file;
      if (auto line = value.find("line"); line != value.end()) {
        if (!line->is_number_integer() || line->get<std::int64_t>() < 1)
          check.problem(at + "/line", "\"line\" must be a line number (1 or more)");
        else
          out["line"] = line->get<std::int64_t>();
      }
      if (std::string text = check.optional_text(value, at, "value"); !text.empty()) out["value"] = text;
      return out.contains("file") ? out : json();
    }
  }
  return {};
}

// Whether a value is of the JSON type its field takes (not whether its contents are sound).
bool has_shape(FieldType type, const json& value) {
  switch (type) {
    case FieldType::text:
    case FieldType::prose:
    case FieldType::scale_id:
    case FieldType::date: return value.is_string();
    case FieldType::text_list:
    case FieldType::code_list:
    case FieldType::faq:
    case FieldType::references: return value.is_array();
    case FieldType::labelling:
    case FieldType::review:
    case FieldType::origin: return value.is_object();
  }
  return false;
}

bool is_source_text(const json& record) {
  auto review = record.find("review");
  return review != record.end() && review->is_object() && review->value("status", "") == "source-text";
}

}  // namespace

std::string_view FieldSpec::parent() const {
  auto slash = key.find('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

std::string_view FieldSpec::member() const {
  auto slash = key.find('/');
  return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

std::string FieldSpec::quoted() const {
  return parent().empty() ? fmt::format("\"{}\"", key) : fmt::format("\"{}\".\"{}\"", parent(), member());
}

const std::array<FieldSpec, field_count>& field_specs() { return specs; }

const std::vector<std::string_view>& labelling_statuses() {
  static const std::vector<std::string_view> values{"contraindicated", "warns", "silent", "not-applicable"};
  return values;
}

const std::vector<std::string_view>& review_statuses() {
  static const std::vector<std::string_view> values{"source-text", "draft", "checked"};
  return values;
}

const std::vector<std::string_view>& reference_types() {
  static const std::vector<std::string_view> values{"label", "guideline", "study", "review", "article", "other"};
  return values;
}

void decode_fields(const json& record, bool strict, RecordParts keep, FieldValues& values, JsonChecker& check,
                   const std::string& at) {
  check.check_keys(record, at, keys().top);
  for (const auto& [parent, members] : keys().members) {
    auto it = record.find(parent);
    if (it == record.end()) continue;
    if (!check.expect_object(*it, at + "/" + std::string(parent))) continue;
    check.check_keys(*it, at + "/" + std::string(parent), members);
  }
  std::array<bool, field_count> present{};
  for (const auto& s : specs) {
    const json* value = nullptr;
    if (s.parent().empty()) {
      if (auto it = record.find(s.key); it != record.end()) value = &*it;
    } else if (auto parent = record.find(s.parent()); parent != record.end() && parent->is_object()) {
      if (auto it = parent->find(s.member()); it != parent->end()) value = &*it;
    }
    // An empty list is no article part either (--strict wants at least one item).
    present[static_cast<std::size_t>(s.field)] = value != nullptr && !(value->is_array() && value->empty());
    if (!value) continue;
    if (s.kept_from <= keep) {
      values[static_cast<std::size_t>(s.field)] = decode_value(s, *value, at + "/" + std::string(s.key), check);
    } else if (!has_shape(s.type, *value)) {
      // A part the command does not show is checked for its shape only, so that a list goes on
      // working over a record whose FAQ has a blank answer; the record is refused when shown.
      decode_value(s, *value, at + "/" + std::string(s.key), check);
    }
  }
  if (!strict) return;
  for (const auto& s : specs) {
    if (!s.required_in_strict || present[static_cast<std::size_t>(s.field)]) continue;
    if (s.field == Field::references && is_source_text(record)) continue;  // the source article cites nothing
    check.problem(at, fmt::format("--strict: the record has no {}", s.quoted()));
  }
}

namespace {

// A member kept whose value is a plain string (is_plain_string): put in after the parse, as
// it stands, rather than lexed byte by byte. Texts are most of the bytes a summary reads.
struct PlainText {
  std::string parent, key;  // the splitter's keys last only as long as their call
  std::string_view text;
};

// Appends to `out` the members of `object` (whose fields are members of `parent`, "" at the
// top) that a command keeping `keep` reads, and, for each other, an empty value of its type
// ("", {}, [] or [0] for a non-empty array; numbers and literals as they are), which is all
// decode_fields checks of it. False when the splitter refuses the text.
bool reduce(std::string_view object, std::string_view parent, RecordParts keep, std::string& out,
            std::vector<PlainText>& plain) {
  out += '{';
  bool first = true, nested_ok = true;
  bool split = split_members(object, [&](std::string_view key, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += json(key).dump();
    out += ':';
    bool whole = parent.empty() && (key == "interventions" || key == "review");  // the codes, and what excuses references
    bool nested = false;
    for (const auto& s : specs) {
      if (parent.empty() && s.parent() == key) nested = true;  // "evidence"
      if (s.parent() == parent && (parent.empty() ? s.key : s.member()) == key) whole = s.kept_from <= keep;
    }
    char c = value.front();
    if (nested && !whole && c == '{') {
      nested_ok = nested_ok && reduce(value, key, keep, out, plain);
    } else if (whole && is_plain_string(value)) {
      plain.push_back({std::string(parent), std::string(key), value.substr(1, value.size() - 2)});
      out += "\"\"";
    } else if (whole || (c != '"' && c != '[' && c != '{')) {
      out += value;
    } else if (c != '[') {
      out += c == '"' ? "\"\"" : "{}";
    } else {
      out += value.find_first_not_of(" \t\r\n", 1) == value.size() - 1 ? "[]" : "[0]";
    }
  });
  out += '}';
  return split && nested_ok;
}

}  // namespace

json parse_record(std::string_view text, RecordParts keep) {
  if (keep == RecordParts::whole) return parse_json(text);
  // Not lexing the long texts a command does not show is the point; whatever the splitter
  // refuses is read whole, so that its problem is told as parse_json tells it.
  std::string reduced;
  std::vector<PlainText> plain;
  if (reduce(text, "", keep, reduced, plain)) {
    try {
      json record = parse_json(reduced);
      for (const auto& [parent, key, value] : plain)
        (parent.empty() ? record : record[parent])[key] = value;
      return record;
    } catch (const JsonSyntaxError&) {
    }
  }
  return parse_json(text);
}

void encode_fields(const FieldValues& values, json& out) {
  for (const auto& s : specs) {
    const json& value = values[static_cast<std::size_t>(s.field)];
    if (value.is_null()) continue;
    if (s.parent().empty()) out[std::string(s.key)] = value;
    else out[std::string(s.parent())][std::string(s.member())] = value;
  }
}

std::string plain_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  std::string out;
  if (value.is_array()) {
    for (const auto& item : value) out += plain_text(item) + "\n";
  } else if (value.is_object()) {
    for (const char* key : {"question", "answer", "citation", "note"})
      if (auto it = value.find(key); it != value.end() && it->is_string()) out += it->get<std::string>() + "\n";
  }
  return out;
}

std::string reference_text(const json& reference) {
  std::string out = reference.value("citation", "");
  std::vector<std::string> extra;
  if (reference.contains("type")) extra.push_back(reference["type"].get<std::string>());
  if (reference.contains("pmid")) extra.push_back("PMID " + reference["pmid"].get<std::string>());
  if (reference.contains("doi")) extra.push_back("doi:" + reference["doi"].get<std::string>());
  if (reference.contains("url")) extra.push_back(reference["url"].get<std::string>());
  if (!extra.empty()) out += " (" + fmt::format("{}", fmt::join(extra, "; ")) + ")";
  if (reference.contains("note")) out += ". " + reference["note"].get<std::string>();
  return out;
}

}  // namespace pairinfo
