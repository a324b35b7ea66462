// Tests for json_parse: the strict reader, its error offsets and messages, and positions in JSON text.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "pairinfo/json_parse.hpp"

using pairinfo::JsonSyntaxError;
using pairinfo::parse_json;

namespace {

struct SyntaxProblem {
  std::size_t offset = 0;
  std::string message;
};

// The error parse_json reports for `text`; fails the test if it parses.
SyntaxProblem syntax_error(const std::string& text) {
  try {
    parse_json(text);
  } catch (const JsonSyntaxError& error) {
    return {error.offset(), error.what()};
  }
  FAIL("parsed without error: " << text);
  return {};
}

}  // namespace

TEST_CASE("parse_json reads valid documents", "[json_parse]") {
  auto doc = parse_json(R"( {"a": [1, 2.5, -3, true, false, null, "x"], "b": {}, "c": [], "d": "" } )");
  REQUIRE(doc.is_object());
  CHECK(doc["a"] == nlohmann::json::parse(R"([1, 2.5, -3, true, false, null, "x"])"));
  CHECK(doc["b"] == nlohmann::json::object());
  CHECK(doc["c"] == nlohmann::json::array());
  CHECK(doc["d"] == "");
  CHECK(parse_json("42") == 42);
  CHECK(parse_json("\"text\"") == "text");
  CHECK(parse_json("null").is_null());
  CHECK(parse_json("-0").is_number_integer());
  CHECK(parse_json("1.5e3") == 1500.0);
  CHECK(parse_json("1E-2") == 0.01);
}

TEST_CASE("parse_json decodes escapes and keeps UTF-8", "[json_parse]") {
  CHECK(parse_json(R"("\"\\\/\b\f\n\r\t")") == "\"\\/\b\f\n\r\t");
  CHECK(parse_json(R"("caf\u00e9 \u20AC")") == "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(parse_json(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");  // surrogate pair
  CHECK(parse_json("\"Juv\xC3\xA9" "derm \xF0\x9F\x98\x80\"") == "Juv\xC3\xA9" "derm \xF0\x9F\x98\x80");
  CHECK(parse_json(R"("\u0000")") == std::string(1, '\0'));
}

TEST_CASE("a leading byte-order mark is accepted", "[json_parse]") {
  CHECK(parse_json("\xEF\xBB\xBF{\"a\": 1}") == nlohmann::json{{"a", 1}});
  // Offsets still count from the first byte of the text, BOM included.
  auto problem = syntax_error("\xEF\xBB\xBF[1,]");
  CHECK(problem.offset == 6);
}

TEST_CASE("empty input and trailing text are errors", "[json_parse]") {
  auto empty = syntax_error("");
  CHECK(empty.offset == 0);
  CHECK(empty.message == "empty document: expected a JSON value");
  auto blank = syntax_error("  \n ");
  CHECK(blank.offset == 4);
  CHECK(blank.message == "empty document: expected a JSON value");
  CHECK(syntax_error("\xEF\xBB\xBF").message == "empty document: expected a JSON value");
  auto trailing = syntax_error("{} x");
  CHECK(trailing.offset == 3);
  CHECK(trailing.message == "unexpected text after the JSON value");
  CHECK(syntax_error("{}{}").offset == 2);
}

TEST_CASE("trailing commas are errors at the closing bracket", "[json_parse]") {
  auto in_object = syntax_error(R"({"a": 1,})");
  CHECK(in_object.offset == 8);
  CHECK(in_object.message == "expected a string key, found '}'");
  auto in_array = syntax_error("[1, 2,]");
  CHECK(in_array.offset == 6);
  CHECK(in_array.message == "expected a JSON value, found ']'");
}

TEST_CASE("other structural errors name what was found", "[json_parse]") {
  auto no_colon = syntax_error(R"({"a" 1})");
  CHECK(no_colon.offset == 5);
  CHECK(no_colon.message == "expected ':' after a key, found '1'");
  auto bare_key = syntax_error("{a: 1}");
  CHECK(bare_key.offset == 1);
  CHECK(bare_key.message == "expected a string key, found 'a'");
  auto missing_comma = syntax_error("[1 2]");
  CHECK(missing_comma.offset == 3);
  CHECK(missing_comma.message == "expected ',' or ']' in an array, found '2'");
  auto unclosed = syntax_error(R"({"a": 1)");
  CHECK(unclosed.offset == 7);
  CHECK(unclosed.message == "expected ',' or '}' in an object, found end of file");
  auto bad_word = syntax_error("[tru]");
  CHECK(bad_word.offset == 1);
  CHECK(bad_word.message == "expected a JSON value, found 't'");
  auto single_quotes = syntax_error("['a']");
  CHECK(single_quotes.message == "expected a JSON value, found '''");
}

TEST_CASE("a duplicate key is an error at the second key", "[json_parse]") {
  auto problem = syntax_error(R"({"a": 1, "a": 2})");
  CHECK(problem.offset == 9);
  CHECK(problem.message == "duplicate key \"a\" in one object");
  // Keys are compared after decoding escapes.
  CHECK(syntax_error(R"({"a": 1, "\u0061": 2})").offset == 9);
  // The same key in different objects is fine.
  CHECK_NOTHROW(parse_json(R"({"a": {"a": 1}, "b": {"a": 2}})"));
}

TEST_CASE("nesting deeper than 64 levels is an error", "[json_parse]") {
  REQUIRE(pairinfo::max_json_depth == 64);
  std::string deepest_allowed = std::string(64, '[') + std::string(64, ']');
  CHECK_NOTHROW(parse_json(deepest_allowed));
  auto arrays = syntax_error(std::string(65, '[') + std::string(65, ']'));
  CHECK(arrays.offset == 64);
  CHECK(arrays.message == "nesting deeper than 64 levels");

  std::string objects;
  for (int i = 0; i < 65; ++i) objects += "{\"k\":";
  objects += "1" + std::string(65, '}');
  auto nested_objects = syntax_error(objects);
  CHECK(nested_objects.offset == 64 * 5);
  CHECK(nested_objects.message == "nesting deeper than 64 levels");

  // Far deeper input fails the same way instead of exhausting the stack.
  CHECK(syntax_error(std::string(100000, '[')).message == "nesting deeper than 64 levels");
}

TEST_CASE("invalid UTF-8 is an error at the offending byte", "[json_parse][utf8]") {
  auto stray = syntax_error("\"ab\xFF\"");
  CHECK(stray.offset == 3);
  CHECK(stray.message == "invalid UTF-8 byte 0xff");
  auto continuation = syntax_error("\"\x80\"");
  CHECK(continuation.offset == 1);
  CHECK(continuation.message == "invalid UTF-8 byte 0x80");
  auto bad_second = syntax_error("\"\xC3(\"");
  CHECK(bad_second.offset == 1);
  CHECK(bad_second.message == "invalid UTF-8 sequence starting with byte 0xc3");
  auto truncated = syntax_error("\"\xE2\x82");
  CHECK(truncated.offset == 1);
  CHECK(truncated.message == "truncated UTF-8 sequence");
  auto outside_string = syntax_error("[\xFF]");
  CHECK(outside_string.offset == 1);
  CHECK(outside_string.message == "expected a JSON value, found byte 0xff");
  auto in_key = syntax_error("{\"k\xFE\": 1}");
  CHECK(in_key.offset == 3);
  CHECK(in_key.message == "invalid UTF-8 byte 0xfe");
}

TEST_CASE("overlong UTF-8, encoded surrogates and values past U+10FFFF are errors", "[json_parse][utf8]") {
  auto two_byte = syntax_error("\"\xC0\xAF\"");
  CHECK(two_byte.offset == 1);
  CHECK(two_byte.message == "invalid UTF-8 byte 0xc0");
  auto three_byte = syntax_error("\"x\xE0\x80\xAF\"");
  CHECK(three_byte.offset == 2);
  CHECK(three_byte.message == "invalid UTF-8 sequence starting with byte 0xe0");
  auto four_byte = syntax_error("\"\xF0\x80\x80\xAF\"");
  CHECK(four_byte.offset == 1);
  CHECK(four_byte.message == "invalid UTF-8 sequence starting with byte 0xf0");
  auto surrogate = syntax_error("\"\xED\xA0\x80\"");
  CHECK(surrogate.offset == 1);
  CHECK(surrogate.message == "invalid UTF-8 sequence starting with byte 0xed");
  auto too_big = syntax_error("\"\xF4\x90\x80\x80\"");
  CHECK(too_big.offset == 1);
  CHECK(too_big.message == "invalid UTF-8 sequence starting with byte 0xf4");
  CHECK(parse_json("\"\xF4\x8F\xBF\xBF\"") == "\xF4\x8F\xBF\xBF");  // U+10FFFF itself is fine
}

TEST_CASE("lone surrogate escapes are errors at the escape", "[json_parse][utf8]") {
  auto high = syntax_error(R"(["ok", "a\ud800"])");
  CHECK(high.offset == 9);
  CHECK(high.message == "lone high surrogate in \\u escape");
  auto high_then_text = syntax_error(R"("\ud800x")");
  CHECK(high_then_text.offset == 1);
  CHECK(high_then_text.message == "lone high surrogate in \\u escape");
  auto high_then_other = syntax_error(R"("\ud800\u0041")");
  CHECK(high_then_other.offset == 1);
  CHECK(high_then_other.message == "lone high surrogate in \\u escape");
  auto two_highs = syntax_error(R"("\ud800\ud800")");
  CHECK(two_highs.message == "lone high surrogate in \\u escape");
  auto low = syntax_error(R"("\udc00")");
  CHECK(low.offset == 1);
  CHECK(low.message == "lone low surrogate in \\u escape");
}

TEST_CASE("other string errors", "[json_parse]") {
  auto tab = syntax_error("\"a\tb\"");
  CHECK(tab.offset == 2);
  CHECK(tab.message == "control character 0x09 in a string (escape it)");
  auto newline = syntax_error("{\"k\": \"line\nbreak\"}");
  CHECK(newline.offset == 11);
  CHECK(newline.message == "control character 0x0a in a string (escape it)");
  auto escape_char = syntax_error("\"a\x1b[31m\"");
  CHECK(escape_char.message == "control character 0x1b in a string (escape it)");
  auto unterminated = syntax_error("\"abc");
  CHECK(unterminated.offset == 4);
  CHECK(unterminated.message == "unterminated string");
  auto bad_escape = syntax_error(R"("ab\x41")");
  CHECK(bad_escape.offset == 3);
  CHECK(bad_escape.message == "invalid escape sequence in a string");
  auto bad_hex = syntax_error(R"("\u00g1")");
  CHECK(bad_hex.offset == 5);
  CHECK(bad_hex.message == "invalid hex digit in \\u escape");
  CHECK(syntax_error(R"("\u00)").message == "truncated \\u escape");
}

TEST_CASE("numbers: huge values stay valid up to a double's range, malformed ones are errors", "[json_parse]") {
  auto big = parse_json("123456789012345678901234567890");
  REQUIRE(big.is_number_float());
  CHECK(big.get<double>() == Approx(1.2345678901234568e29));
  // Past the range of a double, nlohmann refuses a number: so does parse_json.
  auto overflow = syntax_error("[1, 1e400]");
  CHECK(overflow.offset == 4);
  CHECK(overflow.message == "number out of range");
  CHECK(syntax_error("-1e400").offset == 0);
  CHECK(syntax_error(std::string(5000, '9')).message == "number out of range");
  CHECK(parse_json("1e-400") == 0.0);
  auto eighteen_digits = parse_json("123456789012345678");
  REQUIRE(eighteen_digits.is_number_integer());
  CHECK(eighteen_digits.get<long long>() == 123456789012345678LL);

  auto leading_zero = syntax_error("01");
  CHECK(leading_zero.offset == 1);
  CHECK(leading_zero.message == "unexpected text after the JSON value");
  auto bare_minus = syntax_error("-");
  CHECK(bare_minus.offset == 1);
  CHECK(bare_minus.message == "malformed number");
  auto no_fraction = syntax_error("[1.]");
  CHECK(no_fraction.offset == 3);
  CHECK(no_fraction.message == "malformed number: digits expected after '.'");
  auto no_exponent = syntax_error("1e+");
  CHECK(no_exponent.offset == 3);
  CHECK(no_exponent.message == "malformed number: digits expected in the exponent");
  CHECK(syntax_error("+1").message == "expected a JSON value, found '+'");
  CHECK(syntax_error("NaN").message == "expected a JSON value, found 'N'");
}

TEST_CASE("position_of gives 1-based line and character column", "[json_parse][position]") {
  using pairinfo::position_of;
  std::string text = "ab\ncd\n\nx";
  CHECK(position_of(text, 0).line == 1);
  CHECK(position_of(text, 0).column == 1);
  CHECK(position_of(text, 2).line == 1);
  CHECK(position_of(text, 2).column == 3);
  CHECK(position_of(text, 3).line == 2);
  CHECK(position_of(text, 3).column == 1);
  CHECK(position_of(text, 4).column == 2);
  CHECK(position_of(text, 7).line == 4);
  CHECK(position_of(text, 7).column == 1);
  // Past the end is clamped to the end.
  CHECK(position_of(text, 1000).line == 4);
  CHECK(position_of(text, 1000).column == 2);
  // Columns count characters, not bytes: "é" and "日" are one column each here.
  std::string utf8 = "\xC3\xA9\n\xC3\xA9\xE6\x97\xA5y";
  CHECK(position_of(utf8, 8).line == 2);
  CHECK(position_of(utf8, 8).column == 3);
  // A CR before the LF does not start a line of its own.
  CHECK(position_of("a\r\nb", 3).line == 2);
  CHECK(position_of("a\r\nb", 3).column == 1);
}

// The parser skips a byte-order mark, and editors do not show it as a column, so line 1
// columns of a file that starts with one should not count it.
TEST_CASE("position_of does not count a leading byte-order mark as a column", "[json_parse][position]") {
  std::string text = "\xEF\xBB\xBF{\"k\": 1}";
  CHECK(pairinfo::position_of(text, text.find('1')).column == 7);
}
