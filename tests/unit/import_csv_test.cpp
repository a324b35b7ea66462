// Tests for importing CSV/TSV tables of pairs as data files (import_csv.hpp).
#include "pairinfo/import_csv.hpp"
#include "pairinfo/resolve.hpp"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/load.hpp"

using namespace pairinfo;

namespace {

ImportResult import(std::string_view text, ImportOptions options = {}) {
  options.source_name = "table.csv";
  return import_table(text, options);
}

// The generated file as the only data layer, the way `--no-bundled --data FILE` reads it.
Dataset load_alone(const ImportResult& result) {
  return load_dataset({DataSource("imported.json", result.json)});
}

// The first problem reported for a table pairinfo refuses.
Diagnostic refusal(std::string_view text, ImportOptions options = {}) {
  try {
    import(text, std::move(options));
  } catch (const DataError& error) {
    REQUIRE_FALSE(error.diagnostics().empty());
    return error.diagnostics().front();
  }
  FAIL("the table was accepted");
  return {};
}

const PairRecord& pair_of(const Dataset& data, std::string_view a, std::string_view b) {
  std::size_t index = data.find_pair(a, b);
  REQUIRE(index != Dataset::npos);
  return data.pairs()[index];
}

bool warned(const ImportResult& result, std::string_view part) {
  for (const auto& warning : result.warnings)
    if (warning.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a table with codes and names becomes a data file the loader accepts", "[import]") {
  ImportResult result = import(
      "ID_A,Name_A,ID_B,Name_B,Level\n"
      "DB001,Warfarin,DB002,Aspirin,Major\n"
      "DB001,Warfarin,DB003,Paracetamol,Moderate\n"
      "DB002,Aspirin,DB003,Paracetamol,Minor\n");
  CHECK(result.rows == 3);
  CHECK(result.interventions == 3);
  CHECK(result.pairs == 3);
  CHECK(result.warnings.empty());
  Dataset data = load_alone(result);
  REQUIRE(data.interventions().size() == 3);
  CHECK(data.intervention("DB001").name == "Warfarin");
  CHECK(data.intervention("DB003").name == "Paracetamol");
  CHECK(pair_of(data, "DB002", "DB001").text(pairinfo::Field::significance) == "avoid");
  CHECK(pair_of(data, "DB001", "DB003").text(pairinfo::Field::significance) == "caution");
  CHECK(pair_of(data, "DB002", "DB003").text(pairinfo::Field::significance) == "monitor");
  // One record per line keeps diffs of re-imports readable.
  CHECK(result.json.find("\n    {\"interventions\": [\"DB001\", \"DB002\"], \"significance\": \"avoid\", "
                         "\"origin\": {\"file\": \"table.csv\", \"line\": 2, \"value\": \"Major\"}}") != std::string::npos);
}

TEST_CASE("the dataset name is written when given", "[import]") {
  ImportOptions options;
  options.dataset_name = "Clinic \"North\" table";
  ImportResult result = import("code_a,code_b\nX1,X2\n", options);
  CHECK(nlohmann::json::parse(result.json)["name"] == "Clinic \"North\" table");
  CHECK(load_alone(result).layers().at(0).name == "Clinic \"North\" table");
  CHECK_FALSE(nlohmann::json::parse(import("code_a,code_b\nX1,X2\n").json).contains("name"));
}

TEST_CASE("RFC 4180 quoting, CRLF line ends and a byte-order mark are read", "[import][csv]") {
  std::string text =
      "\xEF\xBB\xBF"
      "code_a,name_a,code_b,name_b,summary\r\n"
      "A1,\"Iron, oral\",B1,\"Tea \"\"black\"\"\",\"First paragraph.\r\n\r\nSecond, with a comma.\"\r\n"
      "A2,  Zinc  ,B1,Tea \"black\",  plain  \r\n";
  ImportResult result = import(text);
  Dataset data = load_alone(result);
  CHECK(data.intervention("A1").name == "Iron, oral");
  CHECK(data.intervention("B1").name == "Tea \"black\"");
  CHECK(data.intervention("A2").name == "Zinc");  // unquoted values are trimmed
  CHECK(pair_of(data, "A1", "B1").text(pairinfo::Field::summary) == "First paragraph.\n\nSecond, with a comma.");
  CHECK(pair_of(data, "A2", "B1").text(pairinfo::Field::summary) == "plain");
  CHECK(result.columns.front() == std::pair<std::string, std::string>{"first code", "code_a"});
}

TEST_CASE("an embedded line break does not shift the line numbers of later rows", "[import][csv]") {
  Diagnostic problem = refusal(
      "code_a,code_b,summary\n"
      "A,B,\"one\ntwo\nthree\"\n"
      "C,D\n");
  CHECK(problem.file == "table.csv");
  CHECK(problem.line == 5);
  CHECK(problem.column == 1);
  CHECK(problem.message == "this row has 2 fields but the header has 3");
}

TEST_CASE("malformed rows are refused with their line and column", "[import][csv]") {
  SECTION("too many fields") {
    Diagnostic problem = refusal("code_a,code_b\nA,B\nC,D,E\n");
    CHECK(problem.line == 3);
    CHECK(problem.message == "this row has 3 fields but the header has 2");
  }
  SECTION("an unterminated quote is reported where it opens") {
    Diagnostic problem = refusal("code_a,code_b,summary\nA,B,ok\nC,D,\"never closed\nE,F,x\n");
    CHECK(problem.line == 3);
    CHECK(problem.column == 5);
    CHECK(problem.message.find("never closed") != std::string::npos);
  }
  SECTION("text after a closing quote") {
    Diagnostic problem = refusal("code_a,code_b\n\"A\"x,B\n");
    CHECK(problem.line == 2);
    CHECK(problem.column == 4);
    CHECK(problem.message.find("after a closing quote") != std::string::npos);
  }
  SECTION("a value that cannot be a code") {
    Diagnostic problem = refusal("code_a,code_b\nA,B\nC,RX:12\n");
    CHECK(problem.line == 3);
    CHECK(problem.column == 3);
    CHECK(problem.message.find("\"RX:12\" cannot be a code") != std::string::npos);
  }
  SECTION("text that is not UTF-8") {
    Diagnostic problem = refusal("name_a,name_b\nCaf\xE9,Tea\n");
    CHECK(problem.line == 2);
    CHECK(problem.column == 4);
    CHECK(problem.message.find("not UTF-8") != std::string::npos);
  }
  SECTION("no header") {
    CHECK(refusal("").message.find("needs a header row") != std::string::npos);
    CHECK(refusal("\n\n  \n").message.find("needs a header row") != std::string::npos);
  }
}

TEST_CASE("blank lines are skipped and a header without rows gives an empty file", "[import][csv]") {
  ImportResult result = import("\ncode_a,code_b\n\nA,B\n\n   \nC,D");
  CHECK(result.rows == 2);
  CHECK(load_alone(result).pairs().size() == 2);
  ImportResult empty = import("code_a,code_b\n");
  CHECK(empty.rows == 0);
  CHECK(warned(empty, "no rows"));
  CHECK(load_alone(empty).interventions().empty());
}

TEST_CASE("the delimiter is taken from the header line or from the options", "[import][csv]") {
  SECTION("tab-separated") {
    ImportResult result = import("Name_A\tName_B\tSeverity\nIron, oral\tTea\tminor\n");
    Dataset data = load_alone(result);
    REQUIRE(data.interventions().size() == 2);
    CHECK(data.interventions()[0].name == "Iron, oral");
  }
  SECTION("semicolons, as spreadsheets write in many locales") {
    Dataset data = load_alone(import("name_a;name_b\nIron;\"Tea; black\"\n"));
    CHECK(data.interventions()[1].name == "Tea; black");
  }
  SECTION("given explicitly") {
    ImportOptions options;
    options.delimiter = '|';
    Dataset data = load_alone(import("name_a|name_b\nIron, oral|Tea\n", options));
    CHECK(data.interventions()[0].name == "Iron, oral");
  }
  SECTION("an unusable delimiter is an option error") {
    ImportOptions options;
    options.delimiter = '"';
    CHECK_THROWS_AS(import("name_a,name_b\n", options), std::invalid_argument);
  }
}

TEST_CASE("common header names are recognised", "[import][columns]") {
  using Columns = std::vector<std::pair<std::string, std::string>>;
  auto columns = [](std::string header) {
    return import(header + "\nA1,Alpha,B1,Beta,major\n").columns;
  };
  CHECK(columns("drug1_id,drug1_name,drug2_id,drug2_name,severity") ==
        Columns{{"first code", "drug1_id"},
                {"first name", "drug1_name"},
                {"second code", "drug2_id"},
                {"second name", "drug2_name"},
                {"significance", "severity"}});
  CHECK(columns("DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level") ==
        Columns{{"first code", "DDInterID_A"},
                {"first name", "Drug_A"},
                {"second code", "DDInterID_B"},
                {"second name", "Drug_B"},
                {"significance", "Level"}});
  CHECK(columns("Code A,Intervention A,Code B,Intervention B,Clinical significance") ==
        Columns{{"first code", "Code A"},
                {"first name", "Intervention A"},
                {"second code", "Code B"},
                {"second name", "Intervention B"},
                {"significance", "Clinical significance"}});
  CHECK(import("first,second,effect,evidence,description\nIron,Tea,minor,T2,x\n").columns ==
        Columns{{"first name", "first"},
                {"second name", "second"},
                {"significance", "effect"},
                {"tier", "evidence"},
                {"summary", "description"}});
  // A side word with another kind of word is not an intervention column.
  CHECK(import("drug_a_class,name_a,name_b\nx,Iron,Tea\n").columns ==
        Columns{{"first name", "name_a"}, {"second name", "name_b"}});
}

TEST_CASE("column options choose, rename and leave out columns", "[import][columns]") {
  std::string text = "left,right,grade,id_a,id_b\nIron,Tea,bad,X:1,X:2\n";
  ImportOptions options;
  options.col_a_name = "LEFT";  // header names are compared without regard to case
  options.col_b_name = "right";
  options.col_significance = "grade";
  options.significance_map = {{"bad", "avoid"}};
  SECTION("the code columns can be left out, so codes are made from the names") {
    options.col_a_code = "-";
    options.col_b_code = "-";
    Dataset data = load_alone(import(text, options));
    CHECK(data.intervention(generated_code("Iron")).name == "Iron");
    CHECK(pair_of(data, generated_code("Iron"), generated_code("Tea")).text(pairinfo::Field::significance) == "avoid");
  }
  SECTION("without that, the invalid codes are refused") {
    CHECK(refusal(text, options).message.find("\"X:1\" cannot be a code") != std::string::npos);
  }
  SECTION("a column that is not there") {
    options.col_tier = "Evidence grade";
    Diagnostic problem = refusal(text, options);
    CHECK(problem.line == 1);
    CHECK(problem.message ==
          "no column \"Evidence grade\" for the tier (the header has \"left\", \"right\", \"grade\", \"id_a\", \"id_b\")");
  }
  SECTION("one column for two purposes") {
    options.col_summary = "grade";
    CHECK_THROWS_AS(import(text, options), std::invalid_argument);
  }
}

TEST_CASE("a table without intervention columns is refused with what it has", "[import][columns]") {
  Diagnostic problem = refusal("alpha,beta,level\nx,y,major\n");
  CHECK(problem.line == 1);
  CHECK(problem.message.find("the first intervention") != std::string::npos);
  CHECK(problem.message.find("\"alpha\", \"beta\", \"level\"") != std::string::npos);
  CHECK(refusal("name_a,level\nx,major\n").message.find("the second intervention") != std::string::npos);
}

TEST_CASE("names without codes get stable generated codes", "[import][codes]") {
  // FNV-1a (64-bit) of the folded name: documented, so other tools can compute it.
  CHECK(generated_code("") == "IMP-CBF29CE484222325");
  CHECK(generated_code("a") == "IMP-AF63DC4C8601EC8C");
  CHECK(generated_code("A") == generated_code("a"));
  CHECK(generated_code("St John's Wort") == generated_code("st johns-wort"));
  CHECK(generated_code("Warfarin") != generated_code("Warfarin sodium"));

  std::string text = "name_a,name_b,level\nWarfarin,Aspirin,major\nASPIRIN,Ibuprofen,moderate\n";
  ImportResult first = import(text);
  CHECK(first.interventions == 3);  // "ASPIRIN" is the Aspirin met first
  CHECK(import(text).json == first.json);
  Dataset data = load_alone(first);
  CHECK(data.intervention(generated_code("aspirin")).name == "Aspirin");
  CHECK(pair_of(data, generated_code("Ibuprofen"), generated_code("Aspirin")).text(pairinfo::Field::significance) == "caution");
  // Another table naming the same interventions gives them the same codes.
  Dataset again = load_alone(import("first,second\nibuprofen,warfarin\n"));
  CHECK(again.find_code(generated_code("Warfarin")) != Dataset::npos);
}

TEST_CASE("a name-only side uses the code the table gives that name elsewhere", "[import][codes]") {
  ImportResult result = import(
      "id_a,name_a,id_b,name_b\n"
      ",Aspirin,,Warfarin\n"
      "DB002,Aspirin,DB009,Heparin\n");
  Dataset data = load_alone(result);
  CHECK(result.interventions == 3);
  CHECK(data.find_pair("DB002", generated_code("Warfarin")) != Dataset::npos);
  CHECK(data.find_code(generated_code("Aspirin")) == Dataset::npos);
}

TEST_CASE("codes without names are their own names; each code keeps the first name met", "[import][codes]") {
  ImportResult result = import(
      "id_a,name_a,id_b,name_b\n"
      "DB001,,DB002,Aspirin\n"
      "DB001,Warfarin,DB003,\n"
      "DB002,Acetylsalicylic acid,DB003,\n"
      "db002,ASPIRIN,DB004,Heparin\n");
  Dataset data = load_alone(result);
  CHECK(data.intervention("DB001").name == "Warfarin");  // the first name, even on a later row
  CHECK(data.intervention("DB002").name == "Aspirin");
  CHECK(data.intervention("DB003").name == "DB003");
  CHECK(result.interventions == 4);  // db002 and DB002 are one code
  CHECK(result.warnings.size() == 1);
  CHECK(warned(result, "1 row gave another name for a code already named; the first name is kept "
                       "(DB002 is \"Aspirin\", not \"Acetylsalicylic acid\" as on line 4)"));
}

TEST_CASE("a name shared by two codes is made distinct so lookups stay unambiguous", "[import][codes]") {
  ImportResult result = import(
      "id_a,name_a,id_b,name_b\n"
      "DB001,Heparin,DB002,Heparin\n"
      "DB003,db001,DB001,Heparin\n");
  Dataset data = load_alone(result);
  CHECK(data.intervention("DB001").name == "Heparin");
  CHECK(data.intervention("DB002").name == "Heparin (DB002)");
  CHECK(data.intervention("DB003").name == "db001 (DB003)");  // "db001" is DB001's code
  CHECK(warned(result, "2 names were already used by another intervention"));
}

TEST_CASE("codes pairinfo would read as the same term are refused", "[import][codes]") {
  Diagnostic problem = refusal("id_a,id_b\nAB-1,X\nY,AB_1\n");
  CHECK(problem.line == 3);
  CHECK(problem.column == 3);
  CHECK(problem.message ==
        "the code \"AB_1\" would be read as \"ab 1\", like the code \"AB-1\" on line 2; pairinfo could not tell "
        "them apart");
}

TEST_CASE("self-pairs, repeated pairs and incomplete rows are skipped with one warning each", "[import][rows]") {
  std::string text = "name_a,name_b,level\n";
  text += "Iron,Tea,minor\n";             // line 2
  text += "Tea,Iron,major\n";             // line 3: the same pair reversed, more serious: kept
  text += "iron,TEA,minor\n";             // line 4: the same names folded
  text += "Iron,Iron,major\n";            // line 5: itself
  text += ",Tea,major\n";                 // line 6: no first intervention
  text += "\" \r\n\t\",Tea,major\n";        // lines 7-8: only white space, quoted
  for (int i = 0; i < 1000; ++i) text += "Zinc,zinc,none\n";
  text += "Copper,,minor\n";
  ImportResult result = import(text);
  CHECK(result.rows == 1007);
  CHECK(result.pairs == 1);
  REQUIRE(result.warnings.size() == 4);
  CHECK(result.warnings[0] ==
        "skipped 3 rows without a code or name for one of the two interventions (first on line 6)");
  CHECK(result.warnings[1] == "skipped 1001 rows pairing an intervention with itself (first on line 5)");
  CHECK(result.warnings[2] ==
        "skipped 2 rows giving a pair another row gives too, in either order (first on line 2, whose pair line 3 "
        "gives)");
  CHECK(result.warnings[3] ==
        "1 pair has rows that disagree on the significance (3 rows in all); each keeps the row with the most serious "
        "value (first on line 3)");
  Dataset data = load_alone(result);
  const PairRecord& kept = pair_of(data, generated_code("Tea"), generated_code("Iron"));
  CHECK(kept.text(pairinfo::Field::significance) == "avoid");
  CHECK(kept[pairinfo::Field::origin] == nlohmann::json({{"file", "table.csv"}, {"line", 3}, {"value", "major"}}));
  CHECK(data.find_code(generated_code("Copper")) == Dataset::npos);  // only in a skipped row
}

TEST_CASE("repeated rows that agree are no conflict; the first of the most serious is kept", "[import][rows]") {
  ImportResult result = import(
      "id_a,id_b,level,summary\n"
      "A,B,Moderate,first\n"
      "B,A,Major,second\n"
      "A,B,major,third\n"
      "C,D,Minor,one\n"
      "D,C,minor,two\n"
      "E,F,Unknown,unknown\n"
      "F,E,Minor,known\n");
  CHECK(result.pairs == 3);
  REQUIRE(result.warnings.size() == 3);
  CHECK(result.warnings[1] ==
        "2 pairs have rows that disagree on the significance (5 rows in all); each keeps the row with the most serious "
        "value (first on line 3)");
  Dataset data = load_alone(result);
  CHECK(pair_of(data, "A", "B").text(pairinfo::Field::summary) == "second");
  CHECK(pair_of(data, "C", "D").text(pairinfo::Field::summary) == "one");
  const PairRecord& known = pair_of(data, "E", "F");
  CHECK(known.text(pairinfo::Field::summary) == "known");
  CHECK(known[pairinfo::Field::origin]["value"] == "Minor");
}

TEST_CASE("significance values are mapped case-insensitively, conservatively and by the user", "[import][values]") {
  std::string text =
      "name_a,name_b,severity\n"
      "A,B,MAJOR\n"
      "A,C,Severe\n"
      "A,D,contra-indicated\n"
      "A,E, moderate \n"
      "A,F,Minor\n"
      "A,G,none\n"
      "A,H,No interaction\n"
      "A,I,Use with caution\n"
      "A,J,benefit\n"
      "A,K,Unknown\n"
      "A,L,unknown\n"
      "A,M,?\n"
      "A,N,\n";
  auto significance_of = [](const Dataset& data, std::string_view b) {
    return pair_of(data, generated_code("A"), generated_code(b)).text(pairinfo::Field::significance);
  };
  ImportResult result = import(text);
  Dataset data = load_alone(result);
  CHECK(significance_of(data, "B") == "avoid");
  CHECK(significance_of(data, "C") == "avoid");
  CHECK(significance_of(data, "D") == "avoid");
  CHECK(significance_of(data, "E") == "caution");
  CHECK(significance_of(data, "F") == "monitor");
  CHECK(significance_of(data, "G") == "compatible");
  CHECK(significance_of(data, "H") == "compatible");
  CHECK(significance_of(data, "I") == "caution");
  CHECK(significance_of(data, "J") == "benefit");
  CHECK(significance_of(data, "K").empty());
  CHECK(significance_of(data, "N").empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] ==
        "3 rows have a significance value that is not on the scale, so it was left out: \"Unknown\" (2), \"?\" (1)");

  ImportOptions options;
  options.significance_map = {{"unknown", "monitor"}, {"Major", "Caution"}};
  Dataset mapped = load_alone(import(text, options));
  CHECK(significance_of(mapped, "K") == "monitor");
  CHECK(significance_of(mapped, "L") == "monitor");
  CHECK(significance_of(mapped, "B") == "caution");  // the user's map wins over the synonyms

  options.significance_map = {{"high", "dangerous"}};
  CHECK_THROWS_WITH(import(text, options),
                    "\"dangerous\" is not a significance id (known: benefit, compatible, monitor, caution, avoid)");
}

TEST_CASE("tiers are mapped from ids, names and bare numbers", "[import][values]") {
  ImportResult result = import(
      "name_a,name_b,tier\n"
      "A,B,T1\n"
      "A,C,t2\n"
      "A,D,3\n"
      "A,E,Very limited\n"
      "A,F,T9\n");
  Dataset data = load_alone(result);
  auto tier_of = [&](std::string_view b) { return pair_of(data, generated_code("A"), generated_code(b)).text(pairinfo::Field::tier); };
  CHECK(tier_of("B") == "T1");
  CHECK(tier_of("C") == "T2");
  CHECK(tier_of("D") == "T3");
  CHECK(tier_of("E") == "T4");
  CHECK(tier_of("F").empty());
  CHECK(warned(result, "1 row has a tier value that is not on the scale, so it was left out: \"T9\" (1)"));

  // Values from the table reach the terminal in warnings: never as raw control characters.
  ImportResult hostile = import("name_a,name_b,tier\nA,B,\"\x1b[2J\"\n");
  CHECK(warned(hostile, "\"\\x1b[2J\" (1)"));
}

TEST_CASE("free text survives quotes, backslashes and control characters", "[import][values]") {
  std::string summary = "Say \"\"no\"\" \\ twice\ttab \x01 end";
  ImportResult result = import("name_a,name_b,summary\nA,B,\"" + summary + "\"\n");
  CHECK(pair_of(load_alone(result), generated_code("A"), generated_code("B")).text(pairinfo::Field::summary) ==
        "Say \"no\" \\ twice\ttab \x01 end");
}

TEST_CASE("with earlier data, rows link to its interventions instead of redefining them", "[import][link]") {
  Dataset bundled = load_dataset({bundled_source()});
  ImportOptions options;
  options.link_to = &bundled;
  options.source_name = "drugs.csv";
  ImportResult result = import_table(
      "id_a,name_a,id_b,name_b,level\n"
      ",warfarin,,Heparin,major\n"                  // by name
      "DRG-004,,,Heparin,minor\n"                   // by code
      "DB00945,Aspirin,DB09999,Heparin,moderate\n"  // "aspirin" is an alias of DRG-006
      ",Coumadin,,Ginger,major\n",                  // "Coumadin" is an alias of DRG-002
      options);
  CHECK(result.interventions == 2);  // DB09999 (the table's Heparin) and Ginger
  CHECK(result.linked == 3);         // warfarin, metformin, low-dose aspirin
  CHECK(warned(result, "1 code of the table named an intervention of the earlier data, whose code the rows use "
                       "instead (DB00945 \"Aspirin\" is DRG-006)"));
  Dataset both = load_dataset({bundled_source(), DataSource("imported.json", result.json)});
  CHECK(pair_of(both, "DRG-002", "DB09999").text(pairinfo::Field::significance) == "avoid");
  CHECK(pair_of(both, "DRG-004", "DB09999").text(pairinfo::Field::significance) == "monitor");
  CHECK(pair_of(both, "DRG-006", "DB09999").text(pairinfo::Field::significance) == "caution");
  CHECK(pair_of(both, "DRG-002", generated_code("Ginger")).text(pairinfo::Field::significance) == "avoid");
  CHECK(both.pairs().size() == bundled.pairs().size() + 4);
  // Alone, the file lacks the codes it links to.
  CHECK_THROWS_AS(load_alone(result), DataError);
}

TEST_CASE("with earlier data, a new code that would read like one of its codes is refused", "[import][link]") {
  Dataset bundled = load_dataset({bundled_source()});
  ImportOptions options;
  options.link_to = &bundled;
  Diagnostic problem = refusal("id_a,id_b\nAES001,X\n", options);
  CHECK(problem.message ==
        "the code \"AES001\" would be read as \"aes001\", like AES-001 (Microneedling) of the earlier data; pairinfo "
        "could not tell them apart");
}

TEST_CASE("progress is reported up to the whole input", "[import]") {
  std::string text = "\xEF\xBB\xBFname_a,name_b\n";
  for (int i = 0; i < 60000; ++i) text += "Intervention number " + std::to_string(i) + ",Partner\n";
  std::vector<std::uint64_t> reports;
  ImportOptions options;
  options.progress = [&](std::uint64_t done, std::uint64_t total) {
    CHECK(total == 2 * text.size());  // read twice: once for the interventions, once for the pairs
    reports.push_back(done);
  };
  ImportResult result = import(text, options);
  CHECK(result.pairs == 60000);
  REQUIRE(reports.size() >= 2);
  CHECK(std::is_sorted(reports.begin(), reports.end()));
  CHECK(reports.back() == 2 * text.size());
}

TEST_CASE("a large table imports and loads", "[import][.perf]") {
  // 200,000 rows over 3,000 names, as a drug interaction table might have.
  std::string text = "drug1_id,drug1_name,drug2_id,drug2_name,level,description\n";
  const char* levels[] = {"Major", "Moderate", "Minor", "Unknown"};
  std::size_t rows = 0;
  for (int a = 0; a < 3000 && rows < 200000; ++a)
    for (int b = a + 1; b < 3000 && rows < 200000; b += 19, ++rows)
      text += "DB" + std::to_string(10000 + a) + ",Drug " + std::to_string(a) + ",DB" + std::to_string(10000 + b) +
              ",\"Drug " + std::to_string(b) + "\"," + levels[rows % 4] +
              ",\"Drug " + std::to_string(a) + " may change the effect of \"\"drug " + std::to_string(b) + "\"\".\"\n";
  ImportResult result = import(text);
  CHECK(result.pairs == 200000);
  CHECK(load_alone(result).pairs().size() == 200000);
}

namespace {

// The table as a file that import reads a piece at a time, as `pairinfo import` does.
struct TableFile {
  std::string path;
  explicit TableFile(const std::string& text)
      : path((std::filesystem::temp_directory_path() / ("import-test-" + std::to_string(::getpid()) + ".csv")).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TableFile() { std::remove(path.c_str()); }
};

// About 600 kB of rows with quoted fields that hold line breaks, commas and doubled quotes;
// read in pieces of a few kB, pieces end inside records, inside quotes and between a quote
// and its double.
std::string long_table() {
  std::string text = "\xEF\xBB\xBF" "code_a,name_a,code_b,name_b,level,summary\n";
  for (int i = 0; text.size() < 600'000; ++i) {
    text += "C" + std::to_string(i % 5000) + ",Thing " + std::to_string(i % 5000) + ",C" + std::to_string(i % 4999 + 1) +
            ",\"Other, " + std::to_string(i % 4999 + 1) + "\"," + (i % 3 ? "Major" : "Minor") + ",\"Line one of " +
            std::to_string(i) + ";\r\nline \"\"two\"\" " + std::string(static_cast<std::size_t>(i % 97), 'x') + "\"\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a table read a piece at a time imports exactly as one read whole", "[import][stream]") {
  std::string text = long_table();
  ImportOptions options;
  options.source_name = "table.csv";
  ImportResult whole = import_table(text, options);
  TableFile file(text);
  std::string written;
  options.output = [&](std::string_view piece) { written += piece; };
  options.read_size = GENERATE(4093, 65536, 1 << 20);
  ImportResult streamed = import_table(read_source(file.path, 0), options);
  CHECK(streamed.json.empty());  // handed to `output` instead
  CHECK(written == whole.json);
  CHECK(streamed.rows == whole.rows);
  CHECK(streamed.pairs == whole.pairs);
  CHECK(streamed.warnings == whole.warnings);
  CHECK(load_alone(whole).pairs().size() == whole.pairs);
}

TEST_CASE("a bad row far into a table read a piece at a time is placed exactly", "[import][stream]") {
  std::string text = long_table();
  std::size_t cut = text.find("\nC", 400'000) + 1;  // a row start far into the table
  text.insert(cut, "A,B\n");
  Diagnostic expected = refusal(text);
  TableFile file(text);
  ImportOptions options;
  options.source_name = "table.csv";
  options.read_size = 4093;
  try {
    import_table(read_source(file.path, 0), options);
    FAIL("the table was accepted");
  } catch (const DataError& error) {
    CHECK(format_diagnostic(error.diagnostics().front()) == format_diagnostic(expected));
    CHECK(expected.line > 1000);
  }
}

TEST_CASE("the header line is read whole before its delimiter is chosen, however small the pieces", "[import][stream]") {
  std::string text = "\xEF\xBB\xBF" "id_a;id_b;description\r\nX1;X2;\"Line one;\r\nline \"\"two\"\"\"\r\n\r\nX2;X3;  \"padded\"  \r\n";
  ImportOptions options;
  options.source_name = "table.csv";
  ImportResult whole = import_table(text, options);
  CHECK(whole.pairs == 2);
  options.read_size = GENERATE(1, 2, 3, 5, 8);
  ImportResult pieces = import_table(DataSource::borrowed("table.csv", text), options);
  CHECK(pieces.json == whole.json);
}

TEST_CASE("problems are met in reading order, so bytes that are not UTF-8 after a bad row come second", "[import][stream]") {
  std::string text = "code_a,code_b\nA,B,C\nD,\xD9\n";
  Diagnostic whole = refusal(text);
  CHECK(whole.line == 2);
  CHECK(whole.message == "this row has 3 fields but the header has 2");
  ImportOptions options;
  options.source_name = "table.csv";
  options.read_size = GENERATE(1, 3, 7);
  try {
    import_table(DataSource::borrowed("table.csv", text), options);
    FAIL("the table was accepted");
  } catch (const DataError& error) {
    CHECK(format_diagnostic(error.diagnostics().front()) == format_diagnostic(whole));
  }
  CHECK(refusal("code_a,code_b\nA,\xD9\n").message.find("not UTF-8") != std::string::npos);
}

TEST_CASE("a row of very many fields is read in one go, and places past it stay exact", "[import]") {
  std::string header = "code_a,code_b";
  std::string wide = "A,B";
  for (int i = 0; i < 200'000; ++i) {
    header += ",x";
    wide += ",y";
  }
  std::string text = header + "\n" + wide + "\nC,\"D\" stray\n";
  Diagnostic problem = refusal(text);
  // The row with 200,002 fields matches its header; the stray text after a quote is the problem.
  CHECK(problem.line == 3);
  CHECK(problem.column == 7);
  CHECK(problem.message.find("unexpected text after a closing quote") != std::string::npos);
}

TEST_CASE("linking joins only the same intervention: never a class, nor drugs the table tells apart", "[import][link]") {
  Dataset bundled = load_dataset({bundled_source()});
  ImportOptions options;
  options.link_to = &bundled;
  options.source_name = "ddi.csv";
  ImportResult result = import_table(
      "DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level\n"
      "DDI1,Statins,DDI2,Heparin,Major\n"           // an alias of the class DRG-009
      "DDI3,Gentamicin,DDI4,Tobramycin,Minor\n"     // both aliases of DRG-005
      "DDI5,Atorvastatin,DDI2,Heparin,Moderate\n"   // the name of DRG-015
      "DDI6,Atorvastatin,DDI2,Heparin,Minor\n",     // another code with the same name
      options);
  CHECK(result.pairs == 4);
  CHECK(result.linked == 1);
  CHECK(warned(result, "4 drugs of the table named an intervention of the earlier data that is a class or that the "
                       "table splits, so they kept their own (\"Statins\": DRG-009 (Statin) is a class)"));
  Dataset both = load_dataset({bundled_source(), DataSource("imported.json", result.json)});
  CHECK(pair_of(both, "DDI3", "DDI4").text(pairinfo::Field::significance) == "monitor");
  CHECK(pair_of(both, "DDI1", "DDI2").text(pairinfo::Field::significance) == "avoid");
  CHECK(pair_of(both, "DRG-015", "DDI2").text(pairinfo::Field::significance) == "caution");
  CHECK(pair_of(both, "DDI6", "DDI2").text(pairinfo::Field::significance) == "monitor");
  // Its name is the bundled class's alias, not its name: it keeps it, and finds it.
  CHECK(both.intervention("DDI1").name == "Statins");
  auto found = pairinfo::resolve_term(both, "statins");
  REQUIRE(found.kind == pairinfo::Resolution::Kind::found);
  CHECK(both.interventions()[found.matches[0]].code == "DDI1");
}
