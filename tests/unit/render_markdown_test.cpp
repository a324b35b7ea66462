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

}  // namespace

TEST_CASE("the bundled seed record renders back to the seed article", "[render_markdown]") {
  pairinfo::Dataset data = pairinfo::load_dataset({pairinfo::bundled_source()});
  std::size_t index = data.find_pair("HRM-001", "AES-001");
  REQUIRE(index != pairinfo::Dataset::npos);
  std::string markdown = pairinfo::markdown_pair(data, data.pairs()[index]);
  CHECK(markdown.rfind("<!--", 0) == 0);
  CHECK(markdown.find("\n# AES-001 + HRM-001: What You Need to Know\n") != std::string::npos);
  CHECK(markdown.find("\n## Key Takeaways\n") != std::string::npos);
  // Every line of the article, verbatim and in order; the verdict lines and the disclaimer
  // are added around them.
  std::istringstream article(read_all(PAIRINFO_SEED_ARTICLE)), shown(strip_markup(markdown));
  std::string wanted, line;
  std::size_t matched = 0, total = 0;
  while (std::getline(article, wanted)) {
    ++total;
    while (std::getline(shown, line))
      if (line == wanted) {
        ++matched;
        break;
      }
  }
  CHECK(total > 20);
  CHECK(matched == total);
  CHECK(markdown.find("- **Review:** Source text: a source article, not independently reviewed.") != std::string::npos);
  CHECK(markdown.find("- **Significance:** Beneficial combination") != std::string::npos);
}
