// Tests for render_markdown: the seed article survives a round trip through the data.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "pairinfo/load.hpp"
#include "pairinfo/render_markdown.hpp"

namespace {

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Drops blank lines, HTML comments and heading marks: what a reader sees, line for line.
std::string strip_markup(const std::string& markdown) {
  std::istringstream in(markdown);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("<!--", 0) == 0) continue;
    std::size_t hashes = line.find_first_not_of('#');
    if (hashes > 0 && hashes != std::string::npos && line[hashes] == ' ') line = line.substr(hashes + 1);
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

// Whether every line of `part` appears in `whole`, in the same order (other lines may come between).
bool lines_in_order(const std::string& part, const std::string& whole) {
  std::istringstream wanted(part), have(whole);
  std::string line, candidate;
  while (std::getline(wanted, line)) {
    bool found = false;
    while (!found && std::getline(have, candidate)) found = candidate == line;
    if (!found) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the bundled seed record renders back to the seed article", "[render_markdown]") {
  pairinfo::Dataset data = pairinfo::load_dataset({pairinfo::bundled_source()});
  std::size_t index = data.find_pair("HRM-001", "AES-001");
  REQUIRE(index != pairinfo::Dataset::npos);
  std::string markdown = pairinfo::markdown_pair(data, data.pairs()[index]);
  CHECK(markdown.rfind("<!--", 0) == 0);
  CHECK(markdown.find("\n# AES-001 + HRM-001: What You Need to Know\n") != std::string::npos);
  CHECK(markdown.find("\n## Key Takeaways\n") != std::string::npos);
  // The seed article's lines, verbatim and in order; the verdict and the disclaimer are added.
  CHECK(lines_in_order(read_all(PAIRINFO_SEED_ARTICLE), strip_markup(markdown)));
  CHECK(markdown.find("\n- **Significance:** Beneficial combination") != std::string::npos);
  CHECK(markdown.find("\n- **Evidence tier:** T3 (Limited)") != std::string::npos);
  CHECK(markdown.find("\n- **Review:** Source text: a source article, not independently reviewed.") != std::string::npos);
  CHECK(markdown.find("*Informational only: no substitute") != std::string::npos);
}
