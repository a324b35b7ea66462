// Tests for the command table: finding commands by name or alias, and suggestions for slips.
#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

#include "pairinfo/cli_commands.hpp"

using pairinfo::cli::find_command;
using pairinfo::cli::nearest_word;
using pairinfo::cli::suggest_command;

TEST_CASE("commands are found by name and alias", "[cli]") {
  REQUIRE(find_command("check") != nullptr);
  CHECK(find_command("check")->name == "check");
  REQUIRE(find_command("tiers") != nullptr);
  CHECK(find_command("tiers")->name == "scales");
  CHECK(find_command("help") != nullptr);
  CHECK(find_command("warfarin") == nullptr);
}

TEST_CASE("every listed command has a summary and a function, help excepted", "[cli]") {
  for (const auto& command : pairinfo::cli::commands()) {
    CHECK_FALSE(command.summary.empty());
    CHECK((command.run != nullptr || command.name == "help"));
  }
}

TEST_CASE("a mistyped command is suggested, a word far from every command is not", "[cli]") {
  CHECK(suggest_command("serch") == "search");
  CHECK(suggest_command("chek") == "check");
  CHECK(suggest_command("lsit") == "list");
  CHECK(suggest_command("intervention") == "interventions");
  CHECK(suggest_command("warfarin").empty());
  CHECK(suggest_command("x").empty());
  CHECK(suggest_command("__complet").empty());  // hidden commands are never offered
}

TEST_CASE("nearest_word allows one slip in short words and two in longer ones", "[cli]") {
  std::vector<std::string_view> options = {"--json", "--format", "--width", "--fail-on"};
  CHECK(nearest_word("--jsn", options) == "--json");
  CHECK(nearest_word("--fromat", options) == "--format");
  CHECK(nearest_word("--nothing", options).empty());
  CHECK(nearest_word("", options).empty());
}

TEST_CASE("the width option takes 20 to 1000, or 0 for automatic", "[cli]") {
  using pairinfo::cli::parse_width;
  CHECK(parse_width("") == std::nullopt);
  CHECK(parse_width("0") == std::nullopt);
  CHECK(parse_width("20") == 20u);
  CHECK(parse_width("1000") == 1000u);
  for (const char* bad : {"19", "1001", "-1", "abc", "99999999999", "80x", " 80"})
    CHECK_THROWS_AS(parse_width(bad), pairinfo::cli::Failure);
}

TEST_CASE("the json shorthand with another format is a usage error", "[cli]") {
  using pairinfo::cli::Format;
  pairinfo::cli::Options options;
  options.json = true;
  CHECK(pairinfo::cli::parse_format(options) == Format::json);
  options.format = "json";
  CHECK(pairinfo::cli::parse_format(options) == Format::json);
  options.format = "markdown";
  CHECK_THROWS_AS(pairinfo::cli::parse_format(options), pairinfo::cli::Failure);
  options.json = false;
  CHECK(pairinfo::cli::parse_format(options) == Format::markdown);
}
