// Tests for record_splitter: top-level members and pair records found a window at a time,
// rejecting what parse_json rejects, in bounded memory; and locate_pointer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"

using pairinfo::split_records;
using pairinfo::RecordOutline;
using pairinfo::SplitVisitor;

namespace {

// The outline of a record as a whole parse finds it: nothing when the text is not JSON or
// not shaped for a list (see SplitVisitor::record).
std::optional<RecordOutline> outline_of(std::string_view text) {
  nlohmann::json value;
  try {
    value = pairinfo::parse_json(text);
  } catch (const pairinfo::JsonSyntaxError&) {
    return std::nullopt;
  }
  if (!value.is_object()) return std::nullopt;
  const auto& codes = value.value("interventions", nlohmann::json());
  if (!codes.is_array() || codes.size() != 2 || !codes[0].is_string() || !codes[1].is_string()) return std::nullopt;
  RecordOutline out{codes[0].get<std::string>(), codes[1].get<std::string>(), "", "", ""};
  for (auto [key, into] : {std::pair{"title", &out.title}, std::pair{"significance", &out.significance}}) {
    if (!value.contains(key)) continue;
    if (!value[key].is_string()) return std::nullopt;
    *into = value[key].get<std::string>();
  }
  if (value.contains("evidence")) {
    const auto& evidence = value["evidence"];
    if (!evidence.is_object()) return std::nullopt;
    if (evidence.contains("tier")) {
      if (!evidence["tier"].is_string()) return std::nullopt;
      out.tier = evidence["tier"].get<std::string>();
    }
  }
  return out;
}

bool same(const RecordOutline& a, const RecordOutline& b) {
  return a.code_a == b.code_a && a.code_b == b.code_b && a.title == b.title && a.significance == b.significance &&
         a.tier == b.tier;
}

struct Split {
  std::optional<pairinfo::SplitError> error;
  std::vector<std::pair<std::string, std::string>> members;  // key, value text
  std::vector<pairinfo::Span> member_spans;
  std::vector<std::string> records;
  std::vector<pairinfo::Span> record_spans;
  std::vector<std::optional<RecordOutline>> outlines;  // the splitter's, per record
  std::optional<pairinfo::Span> pairs;
  std::uint64_t largest_read = 0;   // the most bytes one read handed over
  std::uint64_t largest_text = 0;   // the longest text handed to the visitor
};

// Splits `text`, reading at most `chunk` bytes at a time (as a file read would, into the buffer).
Split split(const std::string& text, std::uint64_t chunk = 1 << 20, std::uint64_t max_piece = std::uint64_t{64} << 20) {
  Split result;
  auto read = [&](std::uint64_t offset, std::uint64_t length, std::string& buffer) -> std::string_view {
    std::uint64_t take = std::min({length, chunk, text.size() - offset});
    buffer.assign(text, offset, take);
    result.largest_read = std::max<std::uint64_t>(result.largest_read, buffer.size());
    return buffer;
  };
  SplitVisitor visit;
  visit.member = [&](std::string_view key, pairinfo::Span span, std::string_view value) {
    CHECK(text.substr(span.offset, span.length) == value);
    result.largest_text = std::max<std::uint64_t>(result.largest_text, value.size());
    result.members.emplace_back(std::string(key), std::string(value));
    result.member_spans.push_back(span);
  };
  visit.record = [&](std::size_t index, pairinfo::Span span, std::string_view value, const RecordOutline* outline) {
    CHECK(index == result.records.size());
    CHECK(text.substr(span.offset, span.length) == value);
    // An outline read in the scan is what a whole parse of the record gives.
    if (outline) {
      auto expected = outline_of(value);
      REQUIRE(expected);
      CHECK(same(*outline, *expected));
    }
    result.outlines.push_back(outline ? std::optional<RecordOutline>(*outline) : std::nullopt);
    result.largest_text = std::max<std::uint64_t>(result.largest_text, value.size());
    result.records.emplace_back(value);
    result.record_spans.push_back(span);
  };
  visit.pairs_array = [&](pairinfo::Span span) { result.pairs = span; };
  result.error = split_records(text.size(), read, visit, max_piece);
  return result;
}

// What parse_json says of the whole text, as a data file: the first error, or none.
std::optional<pairinfo::SplitError> whole(const std::string& text) {
  try {
    auto value = pairinfo::parse_json(text);
    if (!value.is_object()) return pairinfo::SplitError{0, "not an object"};
  } catch (const pairinfo::JsonSyntaxError& error) {
    return pairinfo::SplitError{error.offset(), error.what()};
  }
  return std::nullopt;
}

// The splitter and parse_json of every piece: the first error, or none.
std::optional<pairinfo::SplitError> split_and_parse(const std::string& text, std::uint64_t chunk) {
  Split result = split(text, chunk);
  if (result.error) return result.error;
  auto parse = [](const std::string& piece, std::uint64_t offset) -> std::optional<pairinfo::SplitError> {
    try {
      (void)pairinfo::parse_json(piece);
    } catch (const pairinfo::JsonSyntaxError& error) {
      return pairinfo::SplitError{offset + error.offset(), error.what()};
    }
    return std::nullopt;
  };
  for (std::size_t i = 0; i < result.members.size(); ++i)
    if (auto error = parse(result.members[i].second, result.member_spans[i].offset)) return error;
  for (std::size_t i = 0; i < result.records.size(); ++i)
    if (auto error = parse(result.records[i], result.record_spans[i].offset)) return error;
  return std::nullopt;
}

const std::string small_file = R"({
  "format": "pairinfo",
  "format_version": 1,
  "x-note": {"a": [1, 2.5e3, true, null], "b": "q\"uo]te}"},
  "interventions": [{"code": "AAA-001", "name": "Caf\u00e9"}],
  "pairs": [
    {"interventions": ["AAA-001", "BBB-002"], "title": "One, [two]", "tier": "T1"},
    {"interventions": ["AAA-001", "CCC-003"], "significance": "caution", "nested": [[{}], {"k": "\\"}]}
  ]
}
)";

}  // namespace

TEST_CASE("split_records finds the members and the records", "[record_splitter]") {
  for (std::uint64_t chunk : {std::uint64_t{1}, std::uint64_t{3}, std::uint64_t{17}, std::uint64_t{1} << 20}) {
    CAPTURE(chunk);
    Split result = split(small_file, chunk);
    REQUIRE_FALSE(result.error);
    REQUIRE(result.members.size() == 4);
    CHECK(result.members[0] == std::make_pair(std::string("format"), std::string("\"pairinfo\"")));
    CHECK(result.members[1].second == "1");
    CHECK(result.members[2].first == "x-note");
    CHECK(result.members[3].first == "interventions");
    REQUIRE(result.records.size() == 2);
    CHECK(result.records[0] == R"({"interventions": ["AAA-001", "BBB-002"], "title": "One, [two]", "tier": "T1"})");
    CHECK(pairinfo::parse_json(result.records[1])["nested"][1]["k"] == "\\");
    REQUIRE(result.pairs);
    CHECK(small_file[result.pairs->offset] == '[');
    CHECK(small_file[result.pairs->offset + result.pairs->length - 1] == ']');
  }
}

TEST_CASE("split_records: empty objects and arrays, escaped keys, pairs that are no array", "[record_splitter]") {
  CHECK_FALSE(split("{}").error);
  Split empty_pairs = split(R"({"pairs": []})");
  CHECK_FALSE(empty_pairs.error);
  CHECK(empty_pairs.records.empty());
  CHECK(empty_pairs.pairs);
  // A key with escapes is the decoded key: "pairs".
  Split escaped = split(R"({"pa\u0069rs": [1]})");
  CHECK(escaped.records == std::vector<std::string>{"1"});
  // "pairs" that is not an array is a member: the caller says what is wrong with it.
  Split not_array = split(R"({"pairs": 5})");
  CHECK_FALSE(not_array.error);
  CHECK(not_array.members.size() == 1);
  CHECK_FALSE(not_array.pairs);
}

TEST_CASE("split_records rejects bytes glued to a value", "[record_splitter]") {
  auto glued_array = split(R"({"x-a": 1[], "pairs": []})");
  REQUIRE(glued_array.error);
  CHECK(glued_array.error->offset == 9);
  CHECK(glued_array.error->message == "unexpected text after the JSON value");
  CHECK(whole(R"({"x-a": 1[], "pairs": []})")->offset == 9);

  // A broken byte-order mark in front of a value, or a whole one: no value starts so.
  auto bom_member = split("{\"x-a\": \xEF\xBB{}}");
  REQUIRE(bom_member.error);
  CHECK(bom_member.error->offset == 8);
  CHECK(bom_member.error->message == "expected a JSON value, found byte 0xef");
  CHECK(split("{\"pairs\": [\xEF\xBB\xBF{}]}").error);
  CHECK(whole("{\"pairs\": [\xEF\xBB\xBF{}]}"));
  // ... and at the start of the file.
  auto bom_file = split("\xEF\xBB{}");
  REQUIRE(bom_file.error);
  CHECK(bom_file.error->offset == 0);
  CHECK(bom_file.error->message == whole("\xEF\xBB{}")->message);

  CHECK(split(R"({"a": {}{}})").error->offset == 8);
  CHECK(split(R"({"a": "x""y"})").error->offset == 9);
  CHECK(split(R"({"pairs": [{} {}]})").error->offset == 14);
  CHECK(split(R"({"pairs": [1 "x"]})").error);
  CHECK(split(R"({"a": 1} x)").error->message == "unexpected text after the JSON value");
}

TEST_CASE("split_records checks the text of top-level keys", "[record_splitter]") {
  auto bad_utf8 = split("{\"k\xFF\": 1}");
  REQUIRE(bad_utf8.error);
  CHECK(bad_utf8.error->offset == 3);
  CHECK(bad_utf8.error->message == "invalid UTF-8 byte 0xff");
  auto control = split("{\"a\tb\": 1}");
  REQUIRE(control.error);
  CHECK(control.error->offset == 3);
  CHECK(control.error->message == "control character 0x09 in a string (escape it)");
  auto bad_escape = split(R"({"a\qb": 1})");
  REQUIRE(bad_escape.error);
  CHECK(bad_escape.error->offset == 3);
  CHECK(bad_escape.error->message == "invalid escape sequence in a string");
  auto surrogate = split(R"({"\ud800": 1})");
  REQUIRE(surrogate.error);
  CHECK(surrogate.error->message == "lone high surrogate in \\u escape");
  auto duplicate = split(R"({"a": 1, "\u0061": 2})");
  REQUIRE(duplicate.error);
  CHECK(duplicate.error->offset == 9);
  CHECK(duplicate.error->message == "duplicate key \"a\" in one object");
  // A key beyond ASCII taken as it stands is the key its escaped spelling decodes to.
  auto accented = split("{\"caf\xC3\xA9\": 1, \"caf\\u00e9\": 2}");
  REQUIRE(accented.error);
  CHECK(accented.error->offset == 13);
  CHECK(accented.error->message == "duplicate key \"caf\xC3\xA9\" in one object");
  // Every key error is the whole-file parser's error, at the same byte.
  for (std::string text : {"{\"k\xFF\": 1}", "{\"a\tb\": 1}", R"({"a\qb": 1})", R"({"\ud800": 1})", R"({"a": 1, "a": 2})",
                           "{\"caf\xC3\xA9\": 1, \"caf\\u00e9\": 2}"}) {
    CAPTURE(text);
    CHECK(split(text, 2).error->offset == whole(text)->offset);
    CHECK(split(text, 2).error->message == whole(text)->message);
  }
}

TEST_CASE("split_records: structure errors match parse_json's", "[record_splitter]") {
  for (std::string text : std::vector<std::string>{
           "", "  ", "[1]", "\"x\"", "x", "{", "{\"a\"", "{\"a\":", "{\"a\": 1", "{\"a\": 1,}", "{\"a\" 1}", "{a: 1}",
           "{\"pairs\": [", "{\"pairs\": [1,]}", "{\"pairs\": [1 2]}", "{\"pairs\": [1}", "{\"pairs\": [{\"a\": 1",
           "{\"pairs\": [{\"a\": \"open", "{\"a\": 1]", "{\"a\": [1}", "{\"a\": \"x\ny\"}", "{\"a\": 1}}", std::string("{\"a\": 1}\0", 9),
           std::string("{\"a\": 1\0}", 9)}) {
    CAPTURE(text);
    auto whole_error = whole(text);
    auto split_error = split_and_parse(text, 3);
    REQUIRE(whole_error);
    REQUIRE(split_error);
    if (text == "[1]" || text == "\"x\"") {
      CHECK(split_error->message.find("must be a JSON object") != std::string::npos);
      continue;
    }
    CHECK(split_error->offset == whole_error->offset);
    // The one difference: text after a number or literal is found by the caller's parse
    // of that value alone, which does not know it is in an array.
    if (text == "{\"pairs\": [1 2]}" || text == std::string("{\"a\": 1\0}", 9)) {
      CHECK(split_error->message == "unexpected text after the JSON value");
      continue;
    }
    CHECK(split_error->message == whole_error->message);
  }
}

TEST_CASE("split_records: nesting counts from the top of the file", "[record_splitter]") {
  auto nested = [](std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); };
  // The top-level object is one level, "pairs" a second: a record may nest 62 more.
  CHECK_FALSE(split("{\"pairs\": [" + nested(62) + "]}").error);
  auto too_deep = split("{\"pairs\": [" + nested(63) + "]}");
  REQUIRE(too_deep.error);
  CHECK(too_deep.error->message == "nesting deeper than 64 levels");
  CHECK(too_deep.error->offset == whole("{\"pairs\": [" + nested(63) + "]}")->offset);
  CHECK_FALSE(split("{\"a\": " + nested(63) + "}").error);
  CHECK(split("{\"a\": " + nested(64) + "}").error->offset == whole("{\"a\": " + nested(64) + "}")->offset);
  // Deeper than that, without end, stops at the limit.
  CHECK(split("{\"a\": " + std::string(100000, '[')).error->message == "nesting deeper than 64 levels");
}

TEST_CASE("split_records: a truncated file is an error at its end", "[record_splitter]") {
  for (std::size_t cut = 0; cut < small_file.size() - 2; ++cut) {
    std::string truncated = small_file.substr(0, cut);
    CAPTURE(truncated);
    auto error = split_and_parse(truncated, 5);
    REQUIRE(error);
    auto expected = whole(truncated);
    CHECK(error->offset == expected->offset);
    CHECK(error->message == expected->message);
  }
}

TEST_CASE("split_records: a piece bigger than max_piece is an error, not a reason to hold it", "[record_splitter]") {
  std::string big_record = "{\"text\": \"" + std::string(100000, 'x') + "\"}";
  std::string text = "{\"pairs\": [{}, " + big_record + ", {}]}";
  Split fits = split(text, 4096, 200000);
  CHECK_FALSE(fits.error);
  CHECK(fits.records.size() == 3);
  CHECK(fits.records[1] == big_record);

  Split too_big = split(text, 4096, 50000);
  REQUIRE(too_big.error);
  CHECK(too_big.error->offset == text.find(big_record));
  CHECK(too_big.error->message == "a pair record longer than 50000 bytes: too big to read on its own");
  CHECK(too_big.largest_read <= 4096);

  // A syntax error inside the too-big prefix is what is reported.
  std::string broken = "{\"pairs\": [{\"a\": \"line\nbreak" + std::string(100000, 'x') + "\"}]}";
  Split broken_split = split(broken, 4096, 50000);
  REQUIRE(broken_split.error);
  CHECK(broken_split.error->offset == broken.find('\n'));
  CHECK(broken_split.error->message == "control character 0x0a in a string (escape it)");
}

TEST_CASE("split_records keeps memory bounded on a big file, on its error paths too", "[record_splitter]") {
  std::string record = R"({"interventions": ["AAA-001", "BBB-002"], "title": "a record of some length", "summary": ")" +
                       std::string(900, 's') + "\"}";
  std::string text = "{\"format\": \"pairinfo\", \"pairs\": [";
  for (int i = 0; i < 20000; ++i) text += (i ? ",\n    " : "") + record;  // about 20 MB
  std::string good = text + "]}";
  std::string runaway = text + ", {\"a\": \"never closed " + std::string(8 << 20, 'x');  // a string that never ends
  std::string unterminated = text;                                                     // the array never closes

  Split ok = split(good);
  CHECK_FALSE(ok.error);
  CHECK(ok.records.size() == 20000);
  CHECK(ok.largest_read <= (std::uint64_t{4} << 20));

  Split runaway_split = split(runaway, 1 << 20, 1 << 20);
  REQUIRE(runaway_split.error);
  CHECK(runaway_split.error->offset == text.size() + 2);
  CHECK(runaway_split.largest_read <= (std::uint64_t{1} << 20));
  CHECK(runaway_split.largest_text <= (std::uint64_t{1} << 20));

  Split end_split = split(unterminated);
  REQUIRE(end_split.error);
  CHECK(end_split.error->offset == unterminated.size());
  CHECK(end_split.error->message == "expected ',' or ']' in an array, found end of file");
}

TEST_CASE("split_records: a read that hands over nothing is an error, not a hang", "[record_splitter]") {
  std::string text = R"({"pairs": [1, 2, 3]})";
  auto read = [&](std::uint64_t offset, std::uint64_t, std::string&) -> std::string_view {
    return offset < 8 ? std::string_view(text).substr(offset, 8 - offset) : std::string_view{};
  };
  auto error = split_records(text.size(), read, SplitVisitor{});
  REQUIRE(error);
  CHECK(error->offset == 8);
}

// For random mutations of a small valid data file, the splitter with parse_json of every
// piece accepts exactly what parse_json of the whole text accepts (as an object).
TEST_CASE("split_records + parse_json accept exactly what parse_json accepts", "[record_splitter][property]") {
  std::mt19937 random(15);
  const std::string specials[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\xEF\xBB\xBF", "\xEF",
                                  "\xFF", "\x01", "1", "e", "-", "t", "\\u", "d800", "\"pairs\"", "[]", "{}", "\0"};
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = small_file;
    int mutations = 1 + static_cast<int>(random() % 3);
    for (int m = 0; m < mutations; ++m) {
      std::size_t at = random() % (text.size() + 1);
      const std::string& special = specials[random() % std::size(specials)];
      switch (random() % 4) {
        case 0: text.insert(at, special); break;
        case 1: if (at < text.size()) text.erase(at, 1 + random() % 4); break;
        case 2: if (at < text.size()) text[at] = special.empty() ? 'x' : special[0]; break;
        default: if (at < text.size()) text[at] = static_cast<char>(random() % 256); break;
      }
    }
    auto expected = whole(text);
    std::uint64_t chunk = 1 + random() % 64;
    auto got = split_and_parse(text, chunk);
    CAPTURE(text, chunk);
    REQUIRE(got.has_value() == expected.has_value());
    if (!got) ++accepted;
    if (got && expected->message != "not an object") CHECK(got->offset <= text.size());
  }
  CHECK(accepted > 100);  // the mutations leave enough valid files to mean something
}

namespace {

// The outline the splitter reads of `record`, alone in a file's "pairs", read `chunk` bytes at a time.
std::optional<RecordOutline> scanned_outline(const std::string& record, std::uint64_t chunk = 1 << 20) {
  Split result = split("{\"pairs\": [" + record + "]}", chunk);
  REQUIRE_FALSE(result.error);
  REQUIRE(result.outlines.size() == 1);
  return result.outlines[0];
}

}  // namespace

TEST_CASE("split_records reads each record's outline as a whole parse gives it", "[record_splitter][outline]") {
  const std::string odd =
      R"({"x": {"title": "not this", "evidence": {"tier": "nor this"}}, "refs": [{"a": [1, -2.5e3, true, null, {}]}],)"
      "\n  \"evidence\": {\"summary\": {\"tier\": \"T9\"}, \"tier\": \"T\\u00e9\\\\\", \"n\": 0},\n"
      R"( "title": "Caf\u00e9 \"x\" \ud83d\ude00 d\u00e9j\u00e0", "significance": "caution \/ \\",)"
      " \"interventions\" : [ \"AAA-001\" ,\"B\\u0042B-002\" ], \"note\": \"d\xC3\xA9j\xC3\xA0 vu \xF0\x9F\x98\x80\"}";
  for (std::uint64_t chunk : {1, 2, 3, 7, 64, 1 << 20}) {
    CAPTURE(chunk);
    auto read = scanned_outline(odd, chunk);
    REQUIRE(read);
    CHECK(read->code_a == "AAA-001");
    CHECK(read->code_b == "BBB-002");
    CHECK(read->title == "Caf\xC3\xA9 \"x\" \xF0\x9F\x98\x80 d\xC3\xA9j\xC3\xA0");
    CHECK(read->significance == "caution / \\");
    CHECK(read->tier == "T\xC3\xA9\\");
  }
  // Parts a record lacks are empty.
  auto bare = scanned_outline(R"({"interventions": ["A", "B"], "evidence": {}})");
  REQUIRE(bare);
  CHECK(bare->title.empty());
  CHECK(bare->tier.empty());
  CHECK(bare->significance.empty());
}

TEST_CASE("split_records reads no outline of a record that is not sound or not shaped so", "[record_splitter][outline]") {
  for (std::string bad : {R"({"interventions": ["A"]})", R"({"interventions": ["A", "B", "C"]})",
                          R"({"interventions": ["A", 2]})", R"({"interventions": "A"})", R"({"title": "x"})",
                          R"({"interventions": ["A", "B"], "title": 1})", R"({"interventions": ["A", "B"], "evidence": {"tier": null}})",
                          R"({"interventions": ["A", "B"], "evidence": "T1"})", R"({"interventions": ["A", "B"], "x": [1 2]})",
                          R"({"interventions": ["A", "B"], "x": tru})", R"({"interventions": ["A", "B"], "x": "\q"})",
                          "{\"interventions\": [\"A\", \"B\"], \"x\": \"\xFF\"}", "{\"interventions\": [\"A\", \"B\"], \"x\": \"\xED\xA0\x80\"}",
                          "{\"interventions\": [\"A\", \"B\"], \"x\": \"a\tb\"}", R"({"interventions": ["A", "B"], "x": 01})",
                          R"({"interventions": ["A", "B"], "x": 1.})", R"({"interventions": ["A", "B"], "x": "\ud800"})",
                          R"({"interventions": ["A", "B"], "x": "\udc00\ud800"})", R"({"interventions": ["A", "B"], "x": "\u12g4"})",
                          R"({"interventions": ["A", "B"], "title": "a", "title": "b"})", R"({"interventions": ["A", "B"], "x" 1})",
                          R"({"interventions": ["A", "B"], "x": {"k": 1, "k": 2}})", R"({"interventions": ["A", "B"], "x": [1,]})",
                          R"({"interventions": ["A", "B"], "x": {"k": 1,}})", R"({"interventions": ["A", "B"], "x": [}})",
                          R"({"interventions": ["A", "B"],, "x": 1})", R"({"interventions": ["A", "B"], 1: 2})", R"([1])"}) {
    CAPTURE(bad);
    CHECK_FALSE(scanned_outline(bad));
  }
  // Sibling objects may use the same keys; an escaped key is left to the whole parse.
  CHECK(scanned_outline(R"({"interventions": ["A", "B"], "faq": [{"q": 1}, {"q": 2}]})"));
  CHECK_FALSE(scanned_outline(R"({"interventions": ["A", "B"], "\u0078": 1})"));
}

TEST_CASE("locate_pointer finds the value a pointer names", "[record_splitter][locate]") {
  using pairinfo::locate_pointer;
  std::string text = R"({"a": {"b": [10, 20, {"c": "x"}], "e": {}}, "z": [ ]})";
  auto at = [&](std::string_view needle) { return text.find(needle); };
  CHECK(locate_pointer(text, "") == 0);
  CHECK(locate_pointer(text, "/a") == at("{\"b\""));
  CHECK(locate_pointer(text, "/a/b") == at("[10"));
  CHECK(locate_pointer(text, "/a/b/0") == at("10"));
  CHECK(locate_pointer(text, "/a/b/1") == at("20"));
  CHECK(locate_pointer(text, "/a/b/2/c") == at("\"x\""));
  CHECK(locate_pointer(text, "/z") == at("[ ]"));

  SECTION("absent values give the deepest existing ancestor") {
    CHECK(locate_pointer(text, "/missing") == 0);
    CHECK(locate_pointer(text, "/a/b/9") == at("[10"));
    CHECK(locate_pointer(text, "/a/b/x") == at("[10"));
    CHECK(locate_pointer(text, "/a/zz/deeper") == at("{\"b\""));
    CHECK(locate_pointer(text, "/a/e/f") == at("{}"));
    CHECK(locate_pointer(text, "/z/0") == at("[ ]"));
    CHECK(locate_pointer(text, "/a/b/0/deeper") == at("10"));
  }
  SECTION("escaped pointer tokens") {
    std::string keys = R"({"a/b": 1, "m~n": 2})";
    CHECK(locate_pointer(keys, "/a~1b") == keys.find('1'));
    CHECK(locate_pointer(keys, "/m~0n") == keys.find('2'));
  }
  SECTION("strings holding brackets and escaped quotes are skipped correctly") {
    std::string tricky = R"({"s": "]}[{\"", "t": ["a,b", "}"], "u": 7})";
    CHECK(locate_pointer(tricky, "/u") == tricky.find('7'));
    CHECK(locate_pointer(tricky, "/t/1") == tricky.find("\"}\""));
  }
  SECTION("a byte-order mark is skipped") {
    std::string with_bom = "\xEF\xBB\xBF{\"k\": [true]}";
    CHECK(locate_pointer(with_bom, "/k/0") == with_bom.find("true"));
  }
  SECTION("with position_of: the line and column of a value") {
    std::string doc = "{\n  \"pairs\": [\n    {\"tier\": \"T9\"}\n  ]\n}";
    auto position = pairinfo::position_of(doc, locate_pointer(doc, "/pairs/0/tier"));
    CHECK(position.line == 3);
    CHECK(position.column == 14);
  }
  SECTION("a repeated key's second occurrence") {
    std::string twice = R"({"o": {"a": 1, "b": 2, "a": 3}})";
    CHECK(locate_pointer(twice, "/o/a") == twice.find('1'));
    CHECK(locate_pointer(twice, "/o/a#2") == twice.find('3'));
    CHECK(locate_pointer(twice, "/o/a#3") == twice.find("{\"a\""));
  }
  SECTION("keys written with escapes") {
    std::string escaped = R"({"a": 0, "colo\u0075r": 1})";
    CHECK(locate_pointer(escaped, "/colour") == escaped.find('1'));
  }
  SECTION("broken text: never past the end") {
    for (std::string broken : {"{\"a\": \"", "{\"a", "[", "[1,", "{\"a\": [1, {\"b\": ", "\"\\", "{\"\\"}) {
      for (std::string pointer : {"/a", "/a/1/b", "/0", "/1", "/a#2"}) CHECK(locate_pointer(broken, pointer) <= broken.size());
    }
  }
}

TEST_CASE("split_members lists an object's members without parsing them", "[record_splitter]") {
  std::vector<std::pair<std::string, std::string>> seen;
  auto note = [&](std::string_view key, std::string_view value) { seen.emplace_back(key, value); };
  CHECK(pairinfo::split_members(R"({"a": [1, {"b": "]"}], "k\u0065y": "x\"y" , "n": 2})", note));
  CHECK(seen == std::vector<std::pair<std::string, std::string>>{{"a", R"([1, {"b": "]"}])"}, {"key", R"("x\"y")"}, {"n", "2"}});
  // What the splitter refuses, and a "pairs" array (which it reads as records), are not split.
  CHECK_FALSE(pairinfo::split_members(R"({"a": 1, "a": 2})", note));
  CHECK_FALSE(pairinfo::split_members(R"({"a": 1}x)", note));
  CHECK_FALSE(pairinfo::split_members(R"({"pairs": []})", note));
}

TEST_CASE("is_plain_string: valid UTF-8 without escapes or control bytes is its own value", "[record_splitter]") {
  CHECK(pairinfo::is_plain_string(R"("a plain text, with 'quotes'")"));
  CHECK(pairinfo::is_plain_string(R"("")"));
  CHECK(pairinfo::is_plain_string("\"caf\xC3\xA9 \xE2\x80\x99s \xF0\x9F\x92\x8A\""));
  CHECK_FALSE(pairinfo::is_plain_string(R"("a\nb")"));
  // What parse_json refuses is left to it, so that it tells the problem.
  CHECK_FALSE(pairinfo::is_plain_string("\"caf\xC3\""));          // cut short
  CHECK_FALSE(pairinfo::is_plain_string("\"\xC0\xAF\""));          // overlong
  CHECK_FALSE(pairinfo::is_plain_string("\"\xED\xA0\x80\""));      // a surrogate
  // DEL is valid JSON, but rare enough in text to leave to the full parse, which reads it alike.
  CHECK_FALSE(pairinfo::is_plain_string("\"del\x7F\""));
  CHECK_FALSE(pairinfo::is_plain_string("\"tab\there\""));
  CHECK_FALSE(pairinfo::is_plain_string("unquoted"));
}
