// Tests for terminal: colour decisions (--color, NO_COLOR, CLICOLOR_FORCE), width decisions, styling helpers.
#include <catch2/catch.hpp>

#include "pairinfo/terminal.hpp"

using pairinfo::ColorMode;
using pairinfo::decide_color;
using pairinfo::decide_width;

TEST_CASE("parse_color_mode knows auto, always and never", "[terminal]") {
  CHECK(pairinfo::parse_color_mode("auto") == ColorMode::automatic);
  CHECK(pairinfo::parse_color_mode("always") == ColorMode::always);
  CHECK(pairinfo::parse_color_mode("never") == ColorMode::never);
  CHECK_FALSE(pairinfo::parse_color_mode("Always").has_value());
  CHECK_FALSE(pairinfo::parse_color_mode("yes").has_value());
  CHECK_FALSE(pairinfo::parse_color_mode("").has_value());
}

TEST_CASE("decide_color: auto colours a terminal only", "[terminal][color]") {
  CHECK(decide_color(ColorMode::automatic, true, nullptr, nullptr));
  CHECK_FALSE(decide_color(ColorMode::automatic, false, nullptr, nullptr));
}

TEST_CASE("decide_color: NO_COLOR, when non-empty, turns colour off on a terminal", "[terminal][color]") {
  CHECK_FALSE(decide_color(ColorMode::automatic, true, "1", nullptr));
  CHECK_FALSE(decide_color(ColorMode::automatic, true, "0", nullptr));  // any non-empty value
  CHECK(decide_color(ColorMode::automatic, true, "", nullptr));         // empty means unset
}

TEST_CASE("decide_color: CLICOLOR_FORCE turns colour on when piped", "[terminal][color]") {
  CHECK(decide_color(ColorMode::automatic, false, nullptr, "1"));
  CHECK(decide_color(ColorMode::automatic, false, nullptr, "yes"));
  CHECK_FALSE(decide_color(ColorMode::automatic, false, nullptr, "0"));
  CHECK_FALSE(decide_color(ColorMode::automatic, false, nullptr, ""));
}

TEST_CASE("decide_color: --color always and never override the environment", "[terminal][color]") {
  for (bool terminal : {false, true}) {
    CHECK(decide_color(ColorMode::always, terminal, nullptr, nullptr));
    CHECK(decide_color(ColorMode::always, terminal, "1", nullptr));
    CHECK(decide_color(ColorMode::always, terminal, "1", "0"));
    CHECK_FALSE(decide_color(ColorMode::never, terminal, nullptr, nullptr));
    CHECK_FALSE(decide_color(ColorMode::never, terminal, nullptr, "1"));
  }
}

TEST_CASE("decide_width: --width, then COLUMNS, then the terminal, then 80", "[terminal][width]") {
  CHECK(decide_width(100, "120", 90) == 100);
  CHECK(decide_width(std::nullopt, "120", 90) == 120);
  CHECK(decide_width(std::nullopt, nullptr, 90) == 90);
  CHECK(decide_width(std::nullopt, nullptr, 0) == 80);
  CHECK(decide_width(std::nullopt, "", 0) == 80);
  // Values that are not a positive whole number are ignored.
  CHECK(decide_width(0, nullptr, 90) == 90);
  for (const char* columns : {"0", "-5", "abc", "12x", " 40", "4.5"}) {
    CAPTURE(columns);
    CHECK(decide_width(std::nullopt, columns, 0) == 80);
    CHECK(decide_width(std::nullopt, columns, 70) == 70);
  }
  CHECK(decide_width(std::nullopt, "99999999999999999999999999", 0) == 80);  // overflow
}

TEST_CASE("styling helpers add SGR codes only with colour", "[terminal]") {
  pairinfo::TextStyle plain;
  pairinfo::TextStyle coloured;
  coloured.color = true;
  CHECK(pairinfo::bold(plain, "x") == "x");
  CHECK(pairinfo::dim(plain, "x") == "x");
  CHECK(pairinfo::colored(plain, "31", "x") == "x");
  CHECK(pairinfo::bold(coloured, "x") == "\x1b[1mx\x1b[0m");
  CHECK(pairinfo::dim(coloured, "x") == "\x1b[2mx\x1b[0m");
  CHECK(pairinfo::colored(coloured, "1;31", "x") == "\x1b[1;31mx\x1b[0m");
}
