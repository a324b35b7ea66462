// Reading the SQLite index: the catalogue, the records a query wants, search; see
// index_db.hpp.
#include <algorithm>
#include <tuple>

#include "index_sql.hpp"
#include "pairinfo/index_db.hpp"

namespace pairinfo {
using namespace index_sql;
namespace {

using json = nlohmann::json;

// Up to this many codes, the records among them are probed two codes at a time.
constexpr std::size_t few_codes = 4;

// Codes as a JSON array, for json_each: one query plan whatever their number, and no
// temporary table.
std::string json_array_of(const std::vector<std::string>& codes) {
  std::string out = "[";
  for (const auto& code : codes) {
    if (out.size() > 1) out += ',';
    // Codes are printable ASCII as a rule: quoted as they are, which a listing's thousand
    // codes feel; anything else is written by nlohmann/json.
    bool plain = std::all_of(code.begin(), code.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
    if (plain) out.append(1, '"').append(code).append(1, '"');
    else out += json(code).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return out + "]";
}

// The codes once each, in capitals (the queries compare them without regard to case): a
// listing's rows name their intervention once each.
std::vector<std::string> distinct_codes(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  out.reserve(codes.size());
  for (const auto& code : codes) out.push_back(upper(code));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

IndexedPair read_pair(const Statement& s) {
  IndexedPair pair;
  pair.id = s.integer(0);
  pair.codes = {s.text(1), s.text(2)};
  pair.layer = static_cast<std::uint32_t>(s.integer(3));
  pair.position = static_cast<std::uint64_t>(s.integer(4));
  pair.offset = static_cast<std::uint64_t>(s.integer(5));
  pair.length = static_cast<std::uint64_t>(s.integer(6));
  pair.outline = s.integer(7) != 0;
  pair.title = s.text(8);
  pair.tier = s.text(9);
  pair.significance = s.text(10);
  return pair;
}

// Of `pairs p`.
constexpr std::string_view pair_columns =
    "p.id, p.code_a, p.code_b, p.layer, p.position, p.source_offset, p.source_length, p.outline, p.title, p.tier, "
    "p.significance";

// An FTS5 query that wants every word, each as a word or the start of one.
std::string match_expression(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += (out.empty() ? "" : " AND ") + quoted + "\"*";
  }
  return out;
}

}  // namespace

std::optional<std::string> IndexDb::meta(std::string_view key) const {
  if (!statements_->meta) {
    sqlite3_stmt* raw = nullptr;
    // Prepared without failing: a file that is no index has no meta table.
    if (sqlite3_prepare_v2(db_, "SELECT key, value FROM meta", -1, &raw, nullptr) != SQLITE_OK) {
      sqlite3_finalize(raw);
      return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      auto text = [&](int i) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(raw, i));
        return p ? std::string(p) : std::string();
      };
      rows.emplace_back(text(0), text(1));
    }
    sqlite3_finalize(raw);
    if (rc != SQLITE_DONE) fail(db_, "reading the index");
    statements_->meta = std::move(rows);
  }
  for (const auto& [name, value] : *statements_->meta)
    if (name == key) return value;
  return std::nullopt;
}

std::shared_ptr<const Catalogue> IndexDb::catalogue() const {
  return read_catalogue(nullptr);
}

std::shared_ptr<const Catalogue> IndexDb::catalogue_of(const std::vector<std::string>& codes) const {
  std::vector<std::string> distinct = distinct_codes(codes);
  return read_catalogue(&distinct);
}

std::shared_ptr<const Catalogue> IndexDb::read_catalogue(const std::vector<std::string>* codes) const {
  Scales scales;
  Statement scale(db_, "SELECT scale, id, name, description, symbol FROM scales ORDER BY scale, position");
  while (scale.step()) {
    Scale& target = scale.text(0) == "tier" ? scales.tiers : scales.significance;
    target.entries.push_back({scale.text(1), scale.text(2), scale.text(3), scale.text(4)});
  }
  std::vector<Category> categories;
  Statement category(db_, "SELECT id, prefix, name, description FROM categories ORDER BY position");
  while (category.step()) categories.push_back({category.text(0), category.text(1), category.text(2), category.text(3)});
  std::vector<LayerInfo> layers;
  Statement layer(db_, "SELECT source, name, interventions, pairs FROM layers ORDER BY layer");
  while (layer.step())
    layers.push_back({layer.text(0), layer.text(1), static_cast<std::size_t>(layer.integer(2)),
                      static_cast<std::size_t>(layer.integer(3))});
  // All of them, or those of the codes and the members of those that are classes (each found
  // by code in its index; in the interventions' order), with their aliases and members (by
  // their own codes).
  auto prepare = [&](std::string sql, const std::vector<std::string>* values) {
    auto statement = std::make_unique<Statement>(db_, sql);
    if (values) statement->bind(1, json_array_of(*values));
    return statement;
  };
  std::vector<std::pair<std::int64_t, Intervention>> chosen;
  auto read_items = [&](Statement& item) {
    while (item.step()) {
      Intervention i;
      i.code = item.text(1);
      i.name = item.text(2);
      i.category = item.text(3);
      i.summary = item.text(4);
      i.layer = static_cast<std::size_t>(item.integer(5));
      i.position = static_cast<std::size_t>(item.integer(6));
      chosen.emplace_back(item.integer(0), std::move(i));
    }
  };
  constexpr std::string_view columns = "i.position, i.code, i.name, i.category, i.summary, i.layer, i.layer_position";
  if (!codes) {
    Statement all(db_, fmt::format("SELECT {} FROM interventions i ORDER BY position", columns));
    read_items(all);
  } else {
    // Joined in this order (CROSS JOIN), and sorted and made distinct here: left to choose,
    // SQLite probed the members of every intervention, and its UNION and IN list each built
    // a temporary b-tree of a listing's many codes.
    read_items(*prepare(fmt::format("SELECT {} FROM json_each(?1) w CROSS JOIN interventions i ON i.code = w.value "
                                    "COLLATE NOCASE",
                                    columns),
                        codes));
    std::vector<std::string> named;
    for (const auto& [position, intervention] : chosen) named.push_back(intervention.code);
    read_items(*prepare(fmt::format("SELECT {} FROM json_each(?1) w CROSS JOIN members m ON m.class = w.value CROSS "
                                    "JOIN interventions i ON i.code = m.member COLLATE NOCASE",
                                    columns),
                        &named));
    std::sort(chosen.begin(), chosen.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    chosen.erase(std::unique(chosen.begin(), chosen.end(), [](const auto& x, const auto& y) { return x.first == y.first; }),
                 chosen.end());
  }
  std::vector<Intervention> interventions;
  interventions.reserve(chosen.size());
  for (auto& entry : chosen) interventions.push_back(std::move(entry.second));
  // Aliases and members in one pass each, matched to interventions by code.
  std::vector<std::pair<std::string, std::size_t>> by_code;
  for (std::size_t i = 0; i < interventions.size(); ++i) by_code.emplace_back(interventions[i].code, i);
  std::sort(by_code.begin(), by_code.end());
  auto find = [&](const std::string& code) -> Intervention* {
    auto it = std::lower_bound(by_code.begin(), by_code.end(), code,
                               [](const auto& e, const std::string& c) { return e.first < c; });
    return it != by_code.end() && it->first == code ? &interventions[it->second] : nullptr;
  };
  std::vector<std::string> found;
  for (const auto& intervention : interventions) found.push_back(intervention.code);
  // Joined to the codes rather than filtered by an IN list, which would build a temporary
  // b-tree; put in position order here, as few as they are, rather than by SQLite's sorter.
  auto read_list = [&](std::string_view table, std::string_view owner, std::string_view item,
                       std::vector<std::string> Intervention::*list) {
    std::string from = codes ? fmt::format("json_each(?1) w CROSS JOIN {} t ON t.{} = w.value", table, owner)
                             : fmt::format("{} t", table);
    auto s = prepare(fmt::format("SELECT t.{}, t.position, t.{} FROM {}", owner, item, from), codes ? &found : nullptr);
    std::vector<std::tuple<Intervention*, std::int64_t, std::string>> rows;
    while (s->step())
      if (Intervention* i = find(s->text(0))) rows.emplace_back(i, s->integer(1), s->text(2));
    std::sort(rows.begin(), rows.end());
    for (auto& [i, position, text] : rows) (i->*list).push_back(std::move(text));
  };
  read_list("aliases", "code", "alias", &Intervention::aliases);
  read_list("members", "class", "member", &Intervention::members);
  return Catalogue::build(std::move(scales), std::move(categories), std::move(interventions), std::move(layers),
                          codes == nullptr);
}

std::vector<std::string> IndexDb::codes_named(std::string_view folded) const {
  std::vector<std::string> out;
  auto& statement = statements_->codes_named;
  if (!statement) statement = std::make_unique<Statement>(db_, "SELECT code FROM terms WHERE term = ?1");
  Statement& s = *statement;
  s.bind(1, folded);
  while (s.step()) out.push_back(s.text(0));
  s.reset();
  return out;
}

std::vector<std::string> IndexDb::classes_of(const std::vector<std::string>& codes) const {
  std::vector<std::string> out;
  // Made distinct here: DISTINCT would have SQLite build a temporary b-tree.
  Statement s(db_, "SELECT class FROM members WHERE member = ?1 COLLATE NOCASE");
  for (const auto& code : codes) {
    s.bind(1, code);
    while (s.step())
      if (std::find(out.begin(), out.end(), s.text(0)) == out.end()) out.push_back(s.text(0));
    s.reset();
  }
  return out;
}

std::vector<IndexedPair> IndexDb::pairs(const IndexQuery& query) const {
  std::vector<IndexedPair> out;
  auto collect = [&](Statement& s) {
    while (s.step()) out.push_back(read_pair(s));
    s.reset();
  };
  if (query.kind == IndexQuery::Kind::ids) {
    Statement s(db_, fmt::format("SELECT {} FROM pairs p WHERE id = ?1", pair_columns));
    for (std::int64_t id : query.ids) {
      s.bind(1, id);
      if (s.step()) out.push_back(read_pair(s));
      s.reset();
    }
    return out;
  }
  if (query.kind == IndexQuery::Kind::all) {
    Statement s(db_, fmt::format("SELECT {} FROM pairs p ORDER BY id", pair_columns));
    collect(s);
    return out;
  }
  if (query.kind == IndexQuery::Kind::touching) {
    // The ids from the two indexes alone, then the rows in id order: rows near each other
    // share the table's inner pages, which a small page cache then still holds.
    std::vector<std::int64_t> ids;
    Statement s(db_, "SELECT id FROM pairs WHERE key_a IN (SELECT upper(value) FROM json_each(?1)) UNION ALL "
                     "SELECT id FROM pairs WHERE key_b IN (SELECT upper(value) FROM json_each(?1))");
    s.bind(1, json_array_of(query.codes));
    while (s.step()) ids.push_back(s.integer(0));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return pairs({IndexQuery::Kind::ids, {}, std::move(ids)});
  }
  // What is left: the records among the codes.
  std::vector<std::string> codes = distinct_codes(query.codes);
  if (codes.size() <= few_codes) {
    // A lookup names two codes, or a few with their classes: each ordered two probed by the
    // plainest statement, which SQLite prepares in a fraction of the time of the join below.
    Statement s(db_, fmt::format("SELECT {} FROM pairs p WHERE key_a = ?1 AND key_b = ?2", pair_columns));
    for (const auto& a : codes)
      for (const auto& b : codes) {
        s.bind(1, a).bind(2, b);
        collect(s);
      }
  } else {
    // Found in the index of both keys alone (INDEXED BY: with statistics, as an export has,
    // SQLite may read every record of one code to test the other), probed for each two of
    // the codes, each once: IN lists would each build a temporary b-tree.
    Statement s(db_, fmt::format("SELECT {} FROM json_each(?1) a CROSS JOIN json_each(?1) b CROSS JOIN pairs p INDEXED BY "
                                 "pairs_by_a ON p.key_a = a.value AND p.key_b = b.value",
                                 pair_columns));
    s.bind(1, json_array_of(codes));
    collect(s);
  }
  // Put in id order here, as few as they are, rather than by SQLite's sorter.
  std::sort(out.begin(), out.end(), [](const IndexedPair& x, const IndexedPair& y) { return x.id < y.id; });
  return out;
}

std::size_t IndexDb::pair_count() const {
  Statement s(db_, "SELECT count(*) FROM pairs");
  s.step();
  return static_cast<std::size_t>(s.integer(0));
}

std::optional<Span> IndexDb::record_span(std::size_t layer, std::uint64_t position) const {
  Statement s(db_, "SELECT source_offset, source_length FROM pairs WHERE layer = ?1 AND position = ?2");
  s.bind(1, static_cast<std::int64_t>(layer)).bind(2, static_cast<std::int64_t>(position));
  if (!s.step()) return std::nullopt;
  return Span{static_cast<std::uint64_t>(s.integer(0)), static_cast<std::uint64_t>(s.integer(1))};
}

bool IndexDb::has_search() const {
  Statement s(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'pairs_fts'");
  s.step();
  return s.integer(0) > 0;
}

void IndexDb::build_search(const std::vector<IndexedPair>& all,
                           const std::function<std::array<std::string, 3>(const IndexedPair&)>& text_of,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
  exec(db_,
       "BEGIN; CREATE VIRTUAL TABLE pairs_fts USING fts5(names, summary, text, "
       "tokenize = 'unicode61 remove_diacritics 2');");
  Statement insert(db_, "INSERT INTO pairs_fts(rowid, names, summary, text) VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto columns = text_of(all[i]);
    insert.bind(1, all[i].id).bind(2, columns[0]).bind(3, columns[1]).bind(4, columns[2]).run();
    if (progress && (i % 256 == 0 || i + 1 == all.size())) progress(i + 1, all.size());
  }
  exec(db_, "COMMIT");
}

std::vector<IndexMatch> IndexDb::search(const std::vector<std::string>& words, std::size_t limit) const {
  std::vector<IndexMatch> out;
  if (words.empty()) return out;
  // Names weigh most, then the summary, then the rest; the snippet comes from the summary
  // when the words are there, else from the rest.
  Statement s(db_,
              "SELECT rowid, bm25(pairs_fts, 10.0, 4.0, 1.0) AS score, "
              "snippet(pairs_fts, 1, char(1), char(2), '…', 24), snippet(pairs_fts, 2, char(1), char(2), '…', 24), "
              "snippet(pairs_fts, 0, char(1), char(2), '…', 24) "
              "FROM pairs_fts WHERE pairs_fts MATCH ?1 ORDER BY score, rowid LIMIT ?2");
  s.bind(1, match_expression(words)).bind(2, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
  while (s.step()) {
    IndexMatch match;
    match.id = s.integer(0);
    match.rank = s.real(1);
    std::string summary = s.text(2), text = s.text(3), names = s.text(4);
    if (summary.find('\x01') != std::string::npos) {
      match.field = "summary";
      match.snippet = std::move(summary);
    } else if (text.find('\x01') != std::string::npos) {
      match.field = "text";
      match.snippet = std::move(text);
    } else {
      match.field = "names";
      match.snippet = std::move(names);
    }
    out.push_back(std::move(match));
  }
  return out;
}

}  // namespace pairinfo
