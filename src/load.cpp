// Reading, checking and merging data layers; see load.hpp and docs/data-format.md.
#include "pairinfo/load.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <algorithm>
#include <bit>
#include <unordered_map>

#include "pairinfo/bundled.hpp"
#include "pairinfo/json_parse.hpp"
#include "pairinfo/index_cache.hpp"
#include "pairinfo/pair_index.hpp"
#include "pairinfo/json_check.hpp"
#include "pairinfo/record_outline.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

using json = nlohmann::json;

// A problem found before positions are known: which layer, where, what.
struct Problem {
  std::size_t layer;
  std::string pointer;
  std::string message;
  std::optional<std::size_t> offset;  // known directly for syntax errors
};

// Everything one layer defines, decoded from JSON with every problem recorded.
struct Layer {
  LayerInfo info;
  std::optional<Scales> scales;
  std::vector<Category> categories;
  std::vector<Intervention> interventions;
  std::vector<SharedRecord> pairs;
};

class Decoder {
 public:
  Decoder(std::size_t layer, std::vector<Problem>& problems) : layer_(layer), problems_(problems) {}

  Layer decode(const json& root, std::string_view source) {
    Flush guard{*this};
    Layer layer;
    layer.info.source = std::string(source);
    if (!root.is_object()) {
      problem("", fmt::format("the data file must be a JSON object, not {}", json_type_name(root)));
      return layer;
    }
    check_.check_keys(root, "", {"$schema", "format", "format_version", "name", "description", "scales",
                          "categories", "interventions", "pairs"});
    if (auto it = root.find("format"); it != root.end() && (!it->is_string() || *it != "pairinfo"))
      problem("/format", "\"format\" must be the string \"pairinfo\"");
    if (auto it = root.find("format_version"); it != root.end() && (!it->is_number_integer() || *it != 1))
      problem("/format_version", "this version of pairinfo reads format_version 1");
    layer.info.name = check_.optional_text(root, "", "name");
    check_.optional_text(root, "", "description");
    if (auto it = root.find("scales"); it != root.end()) layer.scales = decode_scales(*it, "/scales");
    for_each_item(root, "", "categories", [&](const json& item, const std::string& at) {
      if (!check_.expect_object(item, at)) return;
      check_.check_keys(item, at, {"id", "prefix", "name", "description"});
      Category category;
      category.id = check_.required_text(item, at, "id");
      category.prefix = check_.optional_text(item, at, "prefix");
      category.name = check_.optional_text(item, at, "name");
      category.description = check_.optional_text(item, at, "description");
      layer.categories.push_back(std::move(category));
    });
    std::size_t position = 0;
    for_each_item(root, "", "interventions", [&](const json& item, const std::string& at) {
      std::size_t here = position++;
      if (!check_.expect_object(item, at)) return;
      check_.check_keys(item, at, {"code", "name", "category", "aliases", "summary", "members"});
      Intervention intervention;
      intervention.code = check_.required_code(item, at, "code");
      intervention.name = check_.required_text(item, at, "name");
      intervention.category = check_.optional_text(item, at, "category");
      intervention.aliases = check_.text_list(item, at, "aliases");
      intervention.summary = check_.optional_text(item, at, "summary");
      if (const json* members = check_.array_member(item, at, "members"))
        for (std::size_t k = 0; k < members->size(); ++k)
          if (std::string code = check_.code((*members)[k], fmt::format("{}/members/{}", at, k), "each item of \"members\"");
              !code.empty())
            intervention.members.push_back(std::move(code));
      intervention.layer = layer_;
      intervention.position = here;
      layer.interventions.push_back(std::move(intervention));
    });
    if (!root.contains("interventions") && !root.contains("pairs") && !pairs_scanned)
      problem("", "the data file defines neither \"interventions\" nor \"pairs\"");
    for_each_item(root, "", "pairs", [&](const json& item, const std::string& at) {
      if (!check_.expect_object(item, at)) return;
      layer.pairs.push_back(std::make_shared<const PairRecord>(decode_pair(item, at)));
    });
    layer.info.interventions = layer.interventions.size();
    layer.info.pairs = layer.pairs.size();
    return layer;
  }

  // Decodes one record found by the scan: `piece` is its text, at `offset` of the file, and
  // `at` its pointer. A clean record takes the fast path (keeping only `keep`, and checking
  // the text of the rest only with `check_dropped`); any other is decoded whole from a JSON
  // tree, so that every problem is reported here. Null when it is not even an object.
  std::shared_ptr<PairRecord> decode_scanned_pair(std::string_view piece, std::uint64_t offset, const std::string& at,
                                                  RecordParts keep, bool check_dropped) {
    // Checking what is not kept means decoding it: a record is small, and only one is held.
    auto slow = decode_slowly(piece, offset, at, check_dropped ? RecordParts::whole : keep);
    return slow ? std::make_shared<PairRecord>(std::move(*slow)) : nullptr;
  }

  // A record decoded whole from a JSON tree, with every problem it has recorded.
  std::optional<PairRecord> decode_slowly(std::string_view piece, std::uint64_t offset, const std::string& at,
                                          RecordParts keep = RecordParts::whole) {
    Flush guard{*this};
    json item;
    try {
      item = parse_json(piece);
    } catch (const JsonSyntaxError& error) {
      problems_.push_back({layer_, "", error.what(), offset + error.offset()});
      return std::nullopt;
    }
    if (!check_.expect_object(item, at)) return std::nullopt;
    return decode_pair(item, at, keep);
  }

  // The outline record of a packed outline (see record_outline.hpp) turned back into JSON;
  // nullopt when the record reader does not take it as clean, without a word: the record
  // itself is then read, and its problems reported from there.
  std::shared_ptr<PairRecord> read_outline(std::string_view json_text, const std::string& at) const {
    json item = json::parse(json_text, nullptr, false);
    if (item.is_discarded() || !item.is_object()) return nullptr;
    std::vector<JsonProblem> found;
    JsonChecker quiet(found);
    auto record = std::make_shared<PairRecord>(decode_pair_with(quiet, item, at, RecordParts::outline, false));
    if (!found.empty()) return nullptr;
    return record;
  }

  bool strict = false;
  bool pairs_scanned = false;  ///< "pairs" was found by the scan and is decoded record by record.

 private:
  void problem(std::string pointer, std::string message) { check_.problem(std::move(pointer), std::move(message)); }

  // Moves what the checker found to the layer's problems when a public step ends.
  struct Flush {
    Decoder& decoder;
    ~Flush() { decoder.flush(); }
  };

  template <typename F>
  void for_each_item(const json& object, const std::string& at, std::string_view key, F&& visit) {
    auto it = object.find(key);
    if (it == object.end()) return;
    std::string where = at + "/" + std::string(key);
    if (!it->is_array()) {
      problem(where, fmt::format("\"{}\" must be an array, found {}", key, json_type_name(*it)));
      return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) visit((*it)[i], fmt::format("{}/{}", where, i));
  }

  Scale decode_scale(const json& value, const std::string& at) {
    Scale scale;
    if (!value.is_array() || value.empty()) {
      problem(at, "a scale must be a non-empty array of {id, name, description}");
      return scale;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string where = fmt::format("{}/{}", at, i);
      const json& item = value[i];
      if (!check_.expect_object(item, where)) continue;
      check_.check_keys(item, where, {"id", "name", "description", "symbol"});
      ScaleEntry entry;
      entry.id = check_.required_text(item, where, "id");
      entry.name = check_.required_text(item, where, "name");
      entry.description = check_.required_text(item, where, "description");
      entry.symbol = check_.optional_text(item, where, "symbol");
      if (!entry.id.empty() && scale.find(entry.id))
        problem(where + "/id", fmt::format("the scale defines \"{}\" twice", entry.id));
      scale.entries.push_back(std::move(entry));
    }
    return scale;
  }

  Scales decode_scales(const json& value, const std::string& at) {
    Scales scales = default_scales();
    if (!check_.expect_object(value, at)) return scales;
    check_.check_keys(value, at, {"tiers", "significance"});
    if (auto it = value.find("tiers"); it != value.end()) scales.tiers = decode_scale(*it, at + "/tiers");
    if (auto it = value.find("significance"); it != value.end())
      scales.significance = decode_scale(*it, at + "/significance");
    return scales;
  }

  PairRecord decode_pair(const json& item, const std::string& at, RecordParts keep = RecordParts::whole) {
    Flush guard{*this};
    return decode_pair_with(check_, item, at, keep, strict);
  }

  PairRecord decode_pair_with(JsonChecker& checker, const json& item, const std::string& at, RecordParts keep,
                              bool strict_rules) const {
    PairRecord record;
    record.layer = layer_;
    record.pointer = at;
    record.parts = keep;
    auto codes = item.find("interventions");
    if (codes == item.end()) {
      checker.problem(at, "missing required key \"interventions\" (the two codes of the pair)");
    } else if (!codes->is_array() || codes->size() != 2) {
      checker.problem(at + "/interventions", "\"interventions\" must be an array of exactly two codes");
    } else {
      for (std::size_t k = 0; k < 2; ++k)
        record.codes[k] = checker.text((*codes)[k], fmt::format("{}/interventions/{}", at, k), "a code");
    }
    decode_fields(item, strict_rules, keep, record.fields, checker, at);
    return record;
  }

  // Problems of the checker go to the layer's list as they are found.
  void flush() {
    for (auto& p : found_) problems_.push_back({layer_, std::move(p.pointer), std::move(p.message), std::nullopt});
    found_.clear();
  }

  std::size_t layer_;
  std::vector<Problem>& problems_;
  std::vector<JsonProblem> found_;
  JsonChecker check_{found_};
};

// Where an intervention sits in its layer, as a JSON pointer.
std::string pointer_of(const Intervention& intervention) {
  return fmt::format("/interventions/{}", intervention.position);
}

// Which field of an intervention folds to `term`, as a pointer below it.
std::string field_for_term(const Intervention& intervention, std::string_view term) {
  if (fold_term(intervention.name) == term) return pointer_of(intervention) + "/name";
  for (std::size_t k = 0; k < intervention.aliases.size(); ++k)
    if (fold_term(intervention.aliases[k]) == term) return fmt::format("{}/aliases/{}", pointer_of(intervention), k);
  return pointer_of(intervention) + "/code";
}

// One source and what has been decoded of it so far.
struct SourceState {
  DataSource data;
  bool parsed = false;    // its head (and maybe records) decoded
  bool complete = false;  // every record decoded
  bool failed = false;    // a syntax error: nothing more to learn from it
  std::optional<PairIndex> index;
  // Records of the index already decoded, by their place in "pairs": their place in
  // layer.pairs (no_record: not even an object, or not JSON), and in the file.
  struct Decoded {
    std::size_t position;
    Span span;
  };
  std::unordered_map<std::uint32_t, Decoded> decoded;
  static constexpr std::size_t no_record = static_cast<std::size_t>(-1);
  Layer layer;
  bool remember = false;  // checked whole: to be remembered if the load passes
};

// Where a pointer leads in a source. Files too big to hold are searched only in the
// section or record the pointer names.
std::uint64_t offset_of(const SourceState& state, const std::string& pointer) {
  std::string buffer;
  if (state.data.in_memory()) return locate_pointer(state.data.whole(buffer), pointer);
  if (pointer.size() < 2) return 0;  // the document itself
  std::size_t second = pointer.find('/', 1);
  std::size_t third = second == std::string::npos ? std::string::npos : pointer.find('/', second + 1);
  // "/pairs/N...": record N, if it was decoded.
  std::string_view head = std::string_view(pointer).substr(0, third);
  std::uint32_t record = 0;
  if (head.starts_with("/pairs/") && head.size() > 7 &&
      std::from_chars(head.data() + 7, head.data() + head.size(), record).ptr == head.data() + head.size()) {
    if (auto it = state.decoded.find(record); it != state.decoded.end()) {
      const Span& span = it->second.span;
      std::string rest = third == std::string::npos ? "" : pointer.substr(third);
      return span.offset + locate_pointer(state.data.slice(span.offset, span.length, buffer), rest);
    }
  }
  if (state.index) {
    std::string key = pointer.substr(1, second == std::string::npos ? std::string::npos : second - 1);
    for (const auto& [name, span] : state.index->members()) {
      if (name != key) continue;
      std::string rest = second == std::string::npos ? "" : pointer.substr(second);
      return span.offset + locate_pointer(state.data.slice(span.offset, span.length, buffer), rest);
    }
  }
  return 0;
}

// Line and column of an offset, counted in chunks for files not held in memory.
TextPosition position_in(const DataSource& data, std::uint64_t offset) {
  std::string buffer;
  if (data.in_memory()) return position_of(data.whole(buffer), offset);
  TextPosition position;
  std::uint64_t seen = 0;
  data.for_each_chunk([&](std::string_view chunk) {
    std::uint64_t take = std::min<std::uint64_t>(chunk.size(), offset - seen);
    TextPosition part = position_of(chunk, take);
    if (part.line > 1) {
      position.line += part.line - 1;
      position.column = part.column;
    } else {
      position.column += part.column - 1;
    }
    seen += take;
    return seen < offset;
  });
  return position;
}

// The merged catalogue of every layer, with the rules that span interventions and layers.
std::shared_ptr<const Catalogue> merge_catalogue(const std::vector<SourceState>& sources, std::vector<Problem>& problems) {
  std::optional<Scales> scales;
  std::vector<Category> categories;
  std::vector<Intervention> interventions;
  std::vector<LayerInfo> infos;
  std::unordered_map<std::string, std::size_t> code_index, category_index;
  for (std::size_t l = 0; l < sources.size(); ++l) {
    const Layer& layer = sources[l].layer;
    infos.push_back(layer.info);
    if (layer.scales) scales = layer.scales;  // a layer's scales replace earlier ones whole
    for (const auto& category : layer.categories) {
      if (category.id.empty()) continue;
      auto [it, fresh] = category_index.try_emplace(category.id, categories.size());
      if (fresh) categories.push_back(category);
      else categories[it->second] = category;
    }
    std::unordered_map<std::string, std::size_t> codes_here;
    for (std::size_t i = 0; i < layer.interventions.size(); ++i) {
      const Intervention& intervention = layer.interventions[i];
      if (intervention.code.empty()) continue;
      std::string code = normalize_code(intervention.code);
      if (auto seen = codes_here.find(code); seen != codes_here.end()) {
        problems.push_back({l, pointer_of(intervention) + "/code",
                            fmt::format("code \"{}\" is defined twice in this file (first at {})", intervention.code,
                                        pointer_of(layer.interventions[seen->second])),
                            std::nullopt});
        continue;
      }
      codes_here.emplace(code, i);
      auto [it, fresh] = code_index.try_emplace(code, interventions.size());
      if (fresh) interventions.push_back(intervention);
      else interventions[it->second] = intervention;  // a later layer redefines it
    }
  }
  auto catalogue = Catalogue::build(scales ? *scales : default_scales(), categories, interventions, infos);
  // A code or name must lead to one intervention; report it where the later one says it.
  // An alias several interventions share ("the pill") is allowed: the user is then asked
  // which one is meant. The table is sorted by term, so the problems come in a stable order.
  for (const auto& [term, matches] : catalogue->terms()) {
    if (matches.size() < 2) continue;
    bool names_one = std::any_of(matches.begin(), matches.end(), [&, term = term](std::size_t index) {
      return field_for_term(interventions[index], term).find("/aliases/") == std::string::npos;
    });
    if (!names_one) continue;
    const Intervention* later = &interventions[matches.front()];
    const Intervention* earlier = later;
    for (std::size_t index : matches) {
      const Intervention& candidate = interventions[index];
      if (candidate.layer > later->layer || (candidate.layer == later->layer && index > matches.front())) {
        earlier = later;
        later = &candidate;
      } else if (&candidate != later) {
        earlier = &candidate;
      }
    }
    problems.push_back({later->layer, field_for_term(*later, term),
                        fmt::format("\"{}\" would name both {} ({}) and {} ({})", term, earlier->code, earlier->name,
                                    later->code, later->name),
                        std::nullopt});
  }
  for (const auto& intervention : interventions)
    for (std::size_t k = 0; k < intervention.members.size(); ++k)
      if (catalogue->find_code(intervention.members[k]) == Catalogue::npos || same_code(intervention.members[k], intervention.code))
        problems.push_back({intervention.layer, fmt::format("{}/members/{}", pointer_of(intervention), k),
                            fmt::format("member \"{}\" is not another intervention of the data", intervention.members[k]),
                            std::nullopt});
  return catalogue;
}

// The rules of one record that need the merged catalogue (and its own two codes); false
// for a record that is no pair at all and takes no further part.
bool check_against_catalogue(const PairRecord& record, std::size_t l, const Catalogue& catalogue,
                             std::vector<Problem>& problems) {
  if (same_code(record.codes[0], record.codes[1])) {
    problems.push_back({l, record.pointer + "/interventions/1",
                        fmt::format("a pair of \"{}\" with itself", record.codes[0]), std::nullopt});
    return false;
  }
  for (std::size_t k = 0; k < 2; ++k)
    if (catalogue.find_code(record.codes[k]) == Catalogue::npos)
      problems.push_back({l, fmt::format("{}/interventions/{}", record.pointer, k),
                          fmt::format("unknown intervention code \"{}\": no data layer defines it", record.codes[k]),
                          std::nullopt});
  std::string_view tier = record.text(Field::tier), significance = record.text(Field::significance);
  if (!tier.empty() && !catalogue.scales().tiers.find(tier))
    problems.push_back({l, record.pointer + "/evidence/tier",
                        fmt::format("tier \"{}\" is not defined by the tier scale", tier), std::nullopt});
  if (!significance.empty() && !catalogue.scales().significance.find(significance))
    problems.push_back({l, record.pointer + "/significance",
                        fmt::format("significance \"{}\" is not defined by the significance scale", significance),
                        std::nullopt});
  const auto& applies_to = record[Field::applies_to];
  for (std::size_t k = 0; k < applies_to.size(); ++k) {
    std::string_view code = applies_to[k].get_ref<const std::string&>();
    bool member = false;
    for (const auto& side : record.codes) {
      std::size_t at = catalogue.find_code(side);
      if (at == Catalogue::npos) continue;
      for (auto m : catalogue.interventions()[at].members) member = member || same_code(m, code);
    }
    if (!member)
      problems.push_back({l, fmt::format("{}/applies_to/{}", record.pointer, k),
                          fmt::format("\"{}\" is not a member of either intervention of the pair", code),
                          std::nullopt});
  }
  return true;
}

Problem defined_twice(std::size_t l, const PairRecord& record, std::string_view first) {
  return {l, record.pointer + "/interventions",
          fmt::format("the pair {} + {} is already defined in this file at {}", record.codes[0], record.codes[1], first),
          std::nullopt};
}

// Whether two records are of the same pair of interventions (told apart when their pair
// hashes are equal, which is rare).
bool same_pair(const PairRecord& a, const PairRecord& b) { return same_pair_of_codes(a.codes, b.codes[0], b.codes[1]); }

// Positions by pair hash, several to a hash (rarely): open addressing in one allocation,
// where an unordered_multimap would allocate a node per record. Holds at most `capacity`.
class PositionsByHash {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  explicit PositionsByHash(std::size_t capacity) : slots_(std::bit_ceil(2 * capacity + 2)) {}

  void add(std::uint64_t hash, std::size_t position) {
    for (std::size_t at = static_cast<std::size_t>(hash);; ++at) {
      Slot& slot = slots_[at & (slots_.size() - 1)];
      if (slot.position == none) {
        slot = {hash, position};
        return;
      }
    }
  }

  // The first position added with `hash` for which `match(position)` holds; none if none does.
  template <typename Match>
  std::size_t find(std::uint64_t hash, Match&& match) const {
    for (std::size_t at = static_cast<std::size_t>(hash);; ++at) {
      const Slot& slot = slots_[at & (slots_.size() - 1)];
      if (slot.position == none) return none;
      if (slot.hash == hash && match(slot.position)) return slot.position;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t position = none;
  };
  std::vector<Slot> slots_;
};

// The pair records in scope, later layers replacing earlier ones, with the rules that span
// records. Every decoded record is checked, in scope or not, so a bad file is refused whole.
std::vector<SharedRecord> merge_pairs(const std::vector<SourceState>& sources, const Catalogue& catalogue,
                                      const PairScope& scope, std::vector<Problem>& problems) {
  std::vector<SharedRecord> chosen;
  // Keyed by pair hash; equal hashes are confirmed.
  std::size_t total = 0;
  for (const auto& source : sources) total += source.layer.pairs.size();
  PositionsByHash chosen_at(total);
  for (std::size_t l = 0; l < sources.size(); ++l) {
    const auto& pairs = sources[l].layer.pairs;
    PositionsByHash pairs_here(pairs.size());
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      const SharedRecord& shared = pairs[p];
      const PairRecord& record = *shared;
      if (record.codes[0].empty() || record.codes[1].empty()) continue;
      std::uint64_t hash = pair_hash(record.codes[0], record.codes[1]);
      if (!same_code(record.codes[0], record.codes[1])) {
        std::size_t first = pairs_here.find(hash, [&](std::size_t seen) { return same_pair(*pairs[seen], record); });
        if (first != PositionsByHash::none) {
          problems.push_back(defined_twice(l, record, pairs[first]->pointer));
          continue;
        }
        pairs_here.add(hash, p);
      }
      if (!check_against_catalogue(record, l, catalogue, problems)) continue;
      if (!scope.includes(record.codes[0], record.codes[1])) continue;
      std::size_t earlier = chosen_at.find(hash, [&](std::size_t at) { return same_pair(*chosen[at], record); });
      if (earlier == PositionsByHash::none) {
        chosen_at.add(hash, chosen.size());
        chosen.push_back(shared);
      } else {
        chosen[earlier] = shared;  // a later layer replaces the record
      }
    }
  }
  return chosen;
}

std::vector<Diagnostic> to_diagnostics(const std::vector<SourceState>& sources, std::vector<Problem> problems) {
  struct Placed {
    std::size_t layer;
    Diagnostic diagnostic;
  };
  std::vector<Placed> placed;
  placed.reserve(problems.size());
  for (auto& problem : problems) {
    const SourceState& state = sources[problem.layer];
    std::uint64_t offset = problem.offset ? *problem.offset : offset_of(state, problem.pointer);
    TextPosition position = position_in(state.data, offset);
    placed.push_back({problem.layer, {state.data.name(), position.line, position.column, std::move(problem.pointer),
                                      std::move(problem.message)}});
  }
  // In file order, then in reading order, whatever rule found them.
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    return std::tie(a.layer, a.diagnostic.line, a.diagnostic.column) <
           std::tie(b.layer, b.diagnostic.line, b.diagnostic.column);
  });
  std::vector<Diagnostic> out;
  out.reserve(placed.size());
  for (auto& p : placed) out.push_back(std::move(p.diagnostic));
  return out;
}

}  // namespace


struct DataSource::File {
  int fd = -1;
  ~File() {
    if (fd >= 0) ::close(fd);
  }
};

DataSource read_source(const std::string& path, std::uint64_t stream_threshold) {
  auto fail = [&](const std::string& why) { throw DataError({Diagnostic{path, 0, 0, "", why}}); };
  // Opening a FIFO could block forever: refuse anything but a regular file before opening.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) fail("is a directory, not a data file");
  if (!S_ISREG(info.st_mode)) fail("is not a regular file");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) fail(std::strerror(errno));
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    fail("is not a regular file");
  }
  FileStamp stamp;
  stamp.size = static_cast<std::uint64_t>(info.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  stamp.inode = info.st_ino;
  stamp.device = info.st_dev;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    stamp.real_path = real;
    std::free(real);
  } else {
    stamp.real_path = path;
  }
  DataSource file = DataSource::from_file(path, fd, stamp);
  if (stamp.size >= stream_threshold) return file;
  std::string text;
  file.whole(text);
  DataSource source(path, std::move(text));
  source.stamp_ = stamp;
  return source;
}

DataSource::DataSource(std::string name, std::string text, bool trusted) : name_(std::move(name)), trusted_(trusted) {
  auto owned = std::make_shared<const std::string>(std::move(text));
  text_ = *owned;
  storage_ = std::move(owned);
}

DataSource DataSource::borrowed(std::string name, std::string_view text, bool trusted) {
  DataSource source;
  source.name_ = std::move(name);
  source.text_ = text;
  source.trusted_ = trusted;
  return source;
}

DataSource DataSource::from_file(std::string name, int fd, FileStamp stamp) {
  DataSource source;
  source.name_ = std::move(name);
  source.file_ = std::make_shared<File>();
  source.file_->fd = fd;
  source.stamp_ = std::move(stamp);
  return source;
}

std::uint64_t DataSource::size() const noexcept { return file_ ? stamp_->size : text_.size(); }

std::string_view DataSource::slice(std::uint64_t offset, std::uint64_t length, std::string& buffer) const {
  if (!file_) {
    if (offset > text_.size()) return {};
    return text_.substr(offset, length);
  }
  if (offset > stamp_->size) offset = stamp_->size;
  length = std::min(length, stamp_->size - offset);
  // Grown only when too small: resizing clears what it adds, and the read overwrites it.
  if (buffer.size() < length) buffer.resize(length);
  std::uint64_t done = 0;
  while (done < length) {
    ssize_t got = ::pread(file_->fd, buffer.data() + done, length - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw DataError({Diagnostic{name_, 0, 0, "", std::string("read error: ") + std::strerror(errno)}});
    if (got == 0) throw DataError({Diagnostic{name_, 0, 0, "", "the file became shorter while it was read"}});
    done += static_cast<std::uint64_t>(got);
  }
  return std::string_view(buffer.data(), length);
}

void DataSource::for_each_chunk(const std::function<bool(std::string_view)>& visit, std::uint64_t chunk_size) const {
  std::uint64_t chunk = std::max<std::uint64_t>(chunk_size, 1);
  std::string buffer;
  for (std::uint64_t offset = 0; offset < size(); offset += chunk)
    if (!visit(slice(offset, std::min(chunk, size() - offset), buffer))) return;
}

std::uint64_t DataSource::fingerprint() const {
  if (fingerprint_) return *fingerprint_;
  constexpr std::uint64_t samples = 16, sample_size = 4096;
  std::uint64_t length = size();
  std::uint64_t h = 0;
  std::string buffer;
  for (std::uint64_t i = 0; i <= samples; ++i) {
    std::uint64_t offset = length > sample_size ? (length - sample_size) / samples * i : 0;
    h = hash_bytes(slice(offset, sample_size, buffer), h);
    if (length <= sample_size) break;
  }
  fingerprint_ = h;
  return h;
}

void DataSource::set_prebuilt(PairIndex index, std::string_view catalogue_snapshot) {
  prebuilt_index_ = std::move(index);
  prebuilt_catalogue_ = catalogue_snapshot;
}

// The compiled-in bytes live as long as the program: no copy needed.
DataSource bundled_source() {
  DataSource source = DataSource::borrowed(std::string(bundled_source_name), bundled_data(), true);
  if (auto index = bundled_index()) source.set_prebuilt(std::move(*index), bundled_catalogue());
  return source;
}

PairScope PairScope::all() { return {}; }

PairScope PairScope::touching(const std::vector<std::string>& codes) {
  PairScope scope;
  scope.kind_ = Kind::touching;
  for (const auto& code : codes) scope.codes_.insert(normalize_code(code));
  return scope;
}

PairScope PairScope::keeping(RecordParts parts) const {
  PairScope scope = *this;
  scope.parts_ = parts;
  return scope;
}

PairScope PairScope::among(const std::vector<std::string>& codes) {
  PairScope scope = touching(codes);
  scope.kind_ = Kind::among;
  return scope;
}

PairScope PairScope::text(std::vector<std::string> words, std::vector<std::vector<std::string>> codes_by_word) {
  PairScope scope;
  scope.kind_ = Kind::text;
  scope.words_ = std::move(words);
  scope.codes_by_word_ = std::move(codes_by_word);
  scope.codes_by_word_.resize(scope.words_.size());
  return scope;
}

bool PairScope::includes(std::string_view code_a, std::string_view code_b) const {
  if (kind_ == Kind::all || kind_ == Kind::text) return true;
  // Unreadable codes (the scan could not tell) are decoded so that nothing is missed.
  if (code_a.empty() || code_b.empty()) return true;
  bool a = codes_.count(normalize_code(code_a)) > 0, b = codes_.count(normalize_code(code_b)) > 0;
  return kind_ == Kind::among ? a && b : a || b;
}

struct DataLoader::State {
  LoadOptions options;
  std::vector<SourceState> sources;
  std::vector<Problem> problems;
  std::vector<std::string> warnings;
  std::shared_ptr<const Catalogue> catalogue;
  std::vector<Problem> catalogue_problems;
  std::optional<std::uint64_t> context_hash;

  // What a file is checked with: every layer's identity. A file remembered as checked is
  // trusted only with the same layers around it, since rules span layers.
  std::uint64_t context() {
    if (context_hash) return *context_hash;
    std::uint64_t h = 0;
    for (const auto& source : sources) {
      h = hash_bytes(source.data.name(), h);
      std::uint64_t parts[5] = {source.data.size(), source.data.fingerprint(), 0, 0, 0};
      if (const auto& stamp = source.data.stamp()) {
        parts[2] = static_cast<std::uint64_t>(stamp->mtime_ns);
        parts[3] = stamp->inode;
        parts[4] = stamp->device;
      }
      h = hash_bytes(std::string_view(reinterpret_cast<const char*>(parts), sizeof parts), h);
    }
    context_hash = h;
    return h;
  }

  // The merged catalogue is kept between calls while every layer is read lazily.
  enum class Snapshot { untried, used, to_remember, unusable };
  Snapshot snapshot = Snapshot::untried;

  bool checking = false;  // problems are all that is wanted: big files need not be held

  bool open_lazily(std::size_t index);
  bool streams(std::size_t index, const PairScope& scope) const;
  void check_streamed(std::size_t index, const Catalogue& catalogue, std::vector<Problem>& found);
  void decode_head(std::size_t index);
  void use_snapshot();
  void decode(std::size_t index, const PairScope& scope);
  Dataset build(const PairScope& scope, std::vector<Diagnostic>& diagnostics);
  std::string snapshot_path() const;
};

DataLoader::DataLoader(std::vector<DataSource> sources, LoadOptions options) : state_(std::make_unique<State>()) {
  state_->options = options;
  for (auto& source : sources) {
    SourceState state;
    state.data = std::move(source);
    state_->sources.push_back(std::move(state));
  }
}

DataLoader::~DataLoader() = default;
DataLoader::DataLoader(DataLoader&&) noexcept = default;
DataLoader& DataLoader::operator=(DataLoader&&) noexcept = default;

namespace {

// Rules within one file that the decoder does not see (they span records): a file that
// breaks one must not be remembered as checked.
bool within_file_problems(const Layer& layer) {
  std::unordered_set<std::string> codes, pairs;
  for (const auto& intervention : layer.interventions)
    if (!codes.insert(normalize_code(intervention.code)).second) return true;
  for (const auto& record : layer.pairs) {
    if (same_code(record->codes[0], record->codes[1])) return true;
    if (!pairs.insert(pair_key(record->codes[0], record->codes[1])).second) return true;
  }
  return false;
}

void lower_ascii(std::string_view in, std::string& out) {
  out.resize(in.size());
  // Branch-free so that the compiler vectorises it: this runs over whole files.
  const unsigned char* from = reinterpret_cast<const unsigned char*>(in.data());
  unsigned char* to = reinterpret_cast<unsigned char*>(out.data());
  for (std::size_t i = 0; i < in.size(); ++i)
    to[i] = static_cast<unsigned char>(from[i] + (static_cast<unsigned char>(from[i] - 'A') < 26 ? 32 : 0));
}

// Whether the escape at `backslash` (raw JSON text) decodes to a character a word may hold.
// At the end of the text the next byte is unknown, so it may.
bool spells_a_character(const char* backslash, const char* end) {
  if (backslash + 1 >= end) return true;
  char next = backslash[1];
  return next == 'u' || next == '/';
}

bool has_spelling_escape(std::string_view raw) {
  for (std::size_t at = raw.find('\\'); at != std::string_view::npos; at = raw.find('\\', at + 2))
    if (spells_a_character(raw.data() + at, raw.data() + raw.size())) return true;
  return false;
}

// Records that may match a text scope, found by reading the file once, lower-casing it
// chunk by chunk and searching for the first word; then each candidate is checked for
// the other words. Words a name can supply are let through: the search decides.
std::vector<RecordRef> find_text(const DataSource& data, const PairIndex& index, const PairScope& scope) {
  const auto& words = scope.words();
  const auto& codes_by_word = scope.codes_by_word();
  std::vector<RecordRef> all = index.find(PairScope::all());
  // Raw JSON holds ASCII words as they are; other words may be escaped, so check everything.
  bool raw_usable = !words.empty();
  for (const auto& word : words)
    for (unsigned char c : word)
      if (c >= 0x80 || c == '"' || c == '\\' || c < 0x20) raw_usable = false;
  if (!raw_usable) return all;

  std::vector<char> candidate(all.size(), 0);
  // By the first word, in the text...
  const std::string& first = words.front();
  std::vector<std::uint64_t> starts(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) starts[i] = all[i].offset;
  auto record_at = [&](std::uint64_t offset) -> std::size_t {
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    if (it == starts.begin()) return all.size();
    std::size_t i = static_cast<std::size_t>(it - starts.begin()) - 1;
    return offset < all[i].offset + all[i].length ? i : all.size();
  };
  constexpr std::uint64_t chunk = std::uint64_t{8} << 20;
  std::uint64_t overlap = first.size() - 1;
  std::string buffer, lowered;
  for (std::uint64_t offset = 0; offset < data.size(); offset += chunk) {
    std::uint64_t length = std::min(chunk + overlap, data.size() - offset);
    lower_ascii(data.slice(offset, length, buffer), lowered);
    const char* base = lowered.data();
    const char* end = base + lowered.size();
    for (const char* at = base;;) {
      const void* hit = memmem(at, static_cast<std::size_t>(end - at), first.data(), first.size());
      if (!hit) break;
      std::uint64_t position = offset + static_cast<std::uint64_t>(static_cast<const char*>(hit) - base);
      std::size_t record = record_at(position);
      if (record < all.size()) {
        candidate[record] = 1;
        std::uint64_t record_end = all[record].offset + all[record].length;  // one hit per record is enough
        at = record_end > offset ? base + std::min<std::uint64_t>(record_end - offset, lowered.size()) : at + 1;
      } else {
        at = static_cast<const char*>(hit) + 1;
      }
      if (at >= end) break;
    }
    // A record with escapes that may spell part of a word (\u0061, \/) may hold it where its
    // raw text does not: let it through. Paragraph breaks (\n) and the like cannot.
    for (const char* at = base; at < end;) {
      const void* hit = std::memchr(at, '\\', static_cast<std::size_t>(end - at));
      if (!hit) break;
      if (!spells_a_character(static_cast<const char*>(hit), end)) {
        at = static_cast<const char*>(hit) + 2;
        continue;
      }
      std::uint64_t position = offset + static_cast<std::uint64_t>(static_cast<const char*>(hit) - base);
      std::size_t record = record_at(position);
      if (record < all.size()) {
        candidate[record] = 1;
        std::uint64_t record_end = all[record].offset + all[record].length;
        at = record_end > offset ? base + std::min<std::uint64_t>(record_end - offset, lowered.size()) : at + 1;
      } else {
        at = static_cast<const char*>(hit) + 1;
      }
    }
  }
  // ...or by the names of its interventions.
  if (!codes_by_word.front().empty())
    for (const RecordRef& ref : index.find(PairScope::touching(codes_by_word.front()))) {
      std::size_t record = record_at(ref.offset);
      if (record < all.size()) candidate[record] = 1;
    }
  std::vector<RecordRef> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!candidate[i]) continue;
    lower_ascii(data.slice(all[i].offset, all[i].length, buffer), lowered);
    bool keep = true;
    if (has_spelling_escape(lowered)) {  // escaped text: the decoded search decides
      out.push_back(all[i]);
      continue;
    }
    for (std::size_t w = 1; w < words.size() && keep; ++w)
      keep = !codes_by_word[w].empty() || lowered.find(words[w]) != std::string::npos;
    if (keep) out.push_back(all[i]);
  }
  return out;
}

// Gives problems found inside a piece of the file (a section or a record) their offset,
// while that piece is at hand: `prefix` is the piece's pointer, `piece` its text.
void place_problems(std::vector<Problem>& problems, std::size_t from, std::string_view prefix, std::string_view piece,
                    std::uint64_t piece_offset) {
  for (std::size_t i = from; i < problems.size(); ++i) {
    Problem& problem = problems[i];
    if (problem.offset || problem.pointer.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = std::string_view(problem.pointer).substr(prefix.size());
    if (!rest.empty() && rest.front() != '/') continue;
    problem.offset = piece_offset + locate_pointer(piece, rest);
  }
}

}  // namespace

// Opens the index of a source that is read record by record as commands need them: the
// bundled data, big files, and mid-sized files that were checked whole once and have not
// changed since. False for a source that is checked whole on every use.
bool DataLoader::State::open_lazily(std::size_t index) {
  SourceState& source = sources[index];
  if (source.index) return true;
  const DataSource& data = source.data;
  IndexCacheOptions cache{options.cache_directory};
  if (options.progress)
    cache.progress = [&](std::uint64_t done) { options.progress(data.name(), done, 2 * data.size()); };
  if (data.trusted() || data.size() >= options.lazy_threshold) {
    source.index = data.prebuilt_index() ? data.prebuilt_index() : index_for(data, cache, warnings);
    return source.index.has_value();
  }
  bool rememberable = data.size() >= options.remember_threshold && !options.strict;
  if (rememberable) source.index = validated_index(data, cache, context());
  return source.index.has_value();
}

// Decodes the small head (everything but the records) of a source opened lazily.
void DataLoader::State::decode_head(std::size_t index) {
  SourceState& source = sources[index];
  const DataSource& data = source.data;
  std::string buffer;
  nlohmann::json head = nlohmann::json::object();
  for (const auto& [key, span] : source.index->members()) {
    std::string_view piece = data.slice(span.offset, span.length, buffer);
    if (head.contains(key)) {
      problems.push_back({index, "", fmt::format("duplicate key \"{}\" in one object", key), span.offset});
      source.failed = true;
      return;
    }
    try {
      head[key] = parse_json(piece);
    } catch (const JsonSyntaxError& error) {
      problems.push_back({index, "", error.what(), span.offset + error.offset()});
      source.failed = true;
      return;
    }
  }
  std::size_t before = problems.size();
  Decoder decoder(index, problems);
  decoder.strict = options.strict;
  decoder.pairs_scanned = source.index->has_pairs();
  source.layer = decoder.decode(head, data.name());
  source.layer.info.pairs = source.index->pair_count();
  for (const auto& [key, span] : source.index->members())
    place_problems(problems, before, "/" + key, data.slice(span.offset, span.length, buffer), span.offset);
  source.parsed = true;
}

std::string DataLoader::State::snapshot_path() const {
  std::string layers;
  for (const auto& source : sources) (layers += source.data.name()) += '\n';
  return catalogue_cache_path(layers, IndexCacheOptions{options.cache_directory});
}

// When every layer is read lazily, the merged catalogue of an earlier call stands in for
// decoding every head again: it was kept only after a load without problems, and only for
// layers exactly as they are now.
void DataLoader::State::use_snapshot() {
  snapshot = Snapshot::unusable;
  for (std::size_t i = 0; i < sources.size(); ++i)
    if (!open_lazily(i)) return;
  std::shared_ptr<const Catalogue> kept;
  if (sources.size() == 1 && !sources[0].data.prebuilt_catalogue().empty()) {
    kept = Catalogue::open(sources[0].data.prebuilt_catalogue(), nullptr, false);
  } else if (!options.cache_directory.empty()) {
    kept = cached_catalogue(snapshot_path(), context());
    if (!kept) snapshot = Snapshot::to_remember;
  }
  if (!kept || kept->layers().size() != sources.size()) return;
  catalogue = std::move(kept);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    sources[i].layer.info = catalogue->layers()[i];
    sources[i].parsed = true;
  }
  snapshot = Snapshot::used;
}

void DataLoader::State::decode(std::size_t index, const PairScope& scope) {
  SourceState& source = sources[index];
  if (source.failed || source.complete) return;
  const DataSource& data = source.data;
  Decoder decoder(index, problems);
  decoder.strict = options.strict;
  std::string buffer;
  // Every record of a big file too is read one at a time: parsed whole, it would need
  // several times its size in memory.
  bool lazily = scope.kind() != PairScope::Kind::all || data.size() >= options.lazy_threshold;
  if (!source.parsed && lazily && open_lazily(index)) {
    decode_head(index);
    if (source.failed) return;
  }
  if (source.parsed) {
    decoder.pairs_scanned = true;
    std::vector<RecordRef> refs;
    // A list of one intervention's records takes what it shows from the index, which has it
    // from the scan (as written in the file): none of the records need be read.
    FoundOutlines outlines;
    bool outlined = scope.kind() == PairScope::Kind::touching && scope.parts() == RecordParts::outline && !options.strict;
    auto find = [&] {
      if (scope.kind() == PairScope::Kind::text) return find_text(data, *source.index, scope);
      return source.index->find(scope, outlined ? &outlines : nullptr);
    };
    try {
      refs = find();
    } catch (const CorruptIndex& error) {
      warnings.push_back(fmt::format("{}: the index cache was damaged ({}); rebuilt it", data.name(), error.what()));
      source.index = index_for(data, IndexCacheOptions{options.cache_directory, true}, warnings);
      if (!source.index) {
        source.failed = true;
        return;
      }
      refs = find();
    }
    std::string outline_text;
    source.decoded.reserve(source.decoded.size() + refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
      const RecordRef& ref = refs[i];
      auto [known, fresh] = source.decoded.try_emplace(
          ref.index, SourceState::Decoded{source.layer.pairs.size(), Span{ref.offset, ref.length}});
      std::size_t& position = known->second.position;
      // A record kept in part is decoded again when a command wants more of it.
      bool upgrade = !fresh && position != SourceState::no_record && source.layer.pairs[position]->parts < scope.parts();
      if (!fresh && !upgrade) continue;
      std::string at = fmt::format("/pairs/{}", ref.index);
      std::size_t before = problems.size();
      std::string_view piece;
      std::shared_ptr<PairRecord> record;
      // The reader checks an outline as it would check the record's own members; one it
      // refuses, or none, sends us to the record itself, and to the message that explains.
      if (outlined && !outlines.views[i].empty() && outline_json(outlines.views[i], outline_text))
        record = decoder.read_outline(outline_text, at);
      if (!record) {
        piece = data.slice(ref.offset, ref.length, buffer);
        // Parts not kept are checked when they are wanted: a list need not vouch for an FAQ.
        record = decoder.decode_scanned_pair(piece, ref.offset, at, scope.parts(), false);
      }
      if (upgrade) {
        if (record) source.layer.pairs[position] = std::move(record);
      } else if (record) {
        source.layer.pairs.push_back(std::move(record));
      } else {
        position = SourceState::no_record;
      }
      place_problems(problems, before, at, piece, ref.offset);
    }
    // Complete once every record is held whole (parts may be completed by a later load).
    if (scope.kind() == PairScope::Kind::all && scope.parts() == RecordParts::whole) source.complete = true;
    return;
  }
  // Small or untrusted: the whole file is decoded and checked, whatever the command needs.
  std::string_view text = data.whole(buffer);
  nlohmann::json root;
  try {
    root = parse_json(text);
  } catch (const JsonSyntaxError& error) {
    problems.push_back({index, "", error.what(), error.offset()});
    source.failed = true;
    return;
  }
  std::size_t before = problems.size();
  source.layer = decoder.decode(root, data.name());
  place_problems(problems, before, "", text, 0);
  source.parsed = source.complete = true;
  // Remembered as checked only once the whole load, across layers, has passed (see build).
  bool rememberable = data.size() >= options.remember_threshold && !options.strict;
  source.remember = rememberable && problems.size() == before && !within_file_problems(source.layer);
}

bool DataLoader::State::streams(std::size_t index, const PairScope& scope) const {
  const DataSource& data = sources[index].data;
  return checking && scope.kind() == PairScope::Kind::all && !data.trusted() &&
         data.size() >= std::min(options.lazy_threshold, options.stream_check_threshold);
}

// Checks every record of a big file one at a time, keeping none: memory is bounded by the
// index, whatever the size of the file. The same rules as merge_pairs, record by record.
void DataLoader::State::check_streamed(std::size_t index, const Catalogue& catalogue, std::vector<Problem>& found) {
  SourceState& source = sources[index];
  const DataSource& data = source.data;
  std::vector<RecordRef> refs = source.index->find(PairScope::all());
  // In file order, so the file is read front to back.
  std::sort(refs.begin(), refs.end(), [](const RecordRef& a, const RecordRef& b) { return a.index < b.index; });
  // Every pair seen, by hash; a repeated hash is confirmed by decoding the earlier record again.
  std::unordered_map<std::uint64_t, std::uint32_t> seen;
  seen.reserve(refs.size());
  Decoder decoder(index, found);
  decoder.strict = options.strict;
  decoder.pairs_scanned = true;
  std::string buffer, earlier_buffer;
  auto decode_at = [&](const RecordRef& ref, std::string_view piece) {
    return decoder.decode_scanned_pair(piece, ref.offset, fmt::format("/pairs/{}", ref.index),
                                       RecordParts::outline, true);
  };
  std::vector<std::uint32_t> position_of(refs.size());
  std::uint64_t checked = 0;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const RecordRef& ref = refs[i];
    std::string_view piece = data.slice(ref.offset, ref.length, buffer);
    std::size_t before = found.size();
    std::shared_ptr<PairRecord> record = decode_at(ref, piece);
    if (record && !record->codes[0].empty() && !record->codes[1].empty()) {
      bool self = same_code(record->codes[0], record->codes[1]);
      auto [it, fresh] = self ? std::pair{seen.end(), true}
                              : seen.try_emplace(pair_hash(record->codes[0], record->codes[1]),
                                                 static_cast<std::uint32_t>(i));
      bool twice = false;
      if (!fresh) {
        const RecordRef& first = refs[it->second];
        std::vector<Problem> ignored;  // its own problems were reported when it was read
        Decoder quiet(index, ignored);
        std::shared_ptr<PairRecord> earlier =
            quiet.decode_scanned_pair(data.slice(first.offset, first.length, earlier_buffer), first.offset, "",
                                  RecordParts::outline, false);
        twice = earlier && same_pair(*earlier, *record);
        if (twice) found.push_back(defined_twice(index, *record, fmt::format("/pairs/{}", first.index)));
      }
      if (!twice) check_against_catalogue(*record, index, catalogue, found);
    }
    place_problems(found, before, fmt::format("/pairs/{}", ref.index), piece, ref.offset);
    checked += ref.length;
    if (options.progress && (i % 1024 == 0 || i + 1 == refs.size()))
      options.progress(data.name(), data.size() + checked, 2 * data.size());
  }
}

Dataset DataLoader::State::build(const PairScope& scope, std::vector<Diagnostic>& diagnostics) {
  if (snapshot == Snapshot::untried && !catalogue && scope.kind() != PairScope::Kind::all) use_snapshot();
  std::vector<std::size_t> streamed;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    SourceState& source = sources[i];
    if (streams(i, scope) && !source.failed && !source.complete && (source.parsed || open_lazily(i))) {
      if (!source.parsed) decode_head(i);
      streamed.push_back(i);
      continue;
    }
    decode(i, scope);
  }
  bool any_failed = std::any_of(sources.begin(), sources.end(), [](const SourceState& s) { return s.failed; });
  std::vector<Problem> found = problems;
  Dataset dataset;
  // Cross-layer rules are meaningless while a layer is missing.
  if (!any_failed) {
    // Heads are decoded on first use and never change, so the catalogue is merged once.
    if (!catalogue) catalogue = merge_catalogue(sources, catalogue_problems);
    found.insert(found.end(), catalogue_problems.begin(), catalogue_problems.end());
    for (std::size_t i : streamed)
      if (!sources[i].failed) check_streamed(i, *catalogue, found);
    dataset = Dataset(catalogue, merge_pairs(sources, *catalogue, scope, found));
  }
  diagnostics = to_diagnostics(sources, std::move(found));
  if (!diagnostics.empty()) return Dataset{};
  for (auto& source : sources) {
    if (!source.remember) continue;
    source.remember = false;
    remember_validated(source.data, IndexCacheOptions{options.cache_directory}, context(), warnings);
  }
  // One warning about an unusable cache is enough.
  if (snapshot == Snapshot::to_remember && warnings.empty())
    remember_catalogue(snapshot_path(), context(), *catalogue, warnings);
  snapshot = Snapshot::unusable;
  return dataset;
}

Dataset DataLoader::load(const PairScope& scope) {
  std::vector<Diagnostic> diagnostics;
  Dataset dataset = state_->build(scope, diagnostics);
  if (!diagnostics.empty()) throw DataError(std::move(diagnostics));
  return dataset;
}

const std::vector<std::string>& DataLoader::warnings() const noexcept { return state_->warnings; }

std::vector<Diagnostic> DataLoader::check(const PairScope& scope) {
  state_->checking = true;
  std::vector<Diagnostic> diagnostics;
  state_->build(scope, diagnostics);
  return diagnostics;
}

Dataset load_dataset(const std::vector<DataSource>& sources, const LoadOptions& options) {
  return DataLoader(sources, options).load(PairScope::all());
}

std::vector<Diagnostic> check_sources(const std::vector<DataSource>& sources, const LoadOptions& options) {
  return DataLoader(sources, options).check(PairScope::all());
}

namespace {

std::string format_with(const Diagnostic& diagnostic, std::string_view severity) {
  std::string place = escape_controls(diagnostic.file);
  if (diagnostic.line > 0) place += fmt::format(":{}:{}", diagnostic.line, diagnostic.column);
  std::string out = fmt::format("{}: {}{}", place, severity, escape_controls(diagnostic.message));
  if (!diagnostic.pointer.empty()) out += fmt::format(" (at {})", escape_controls(diagnostic.pointer));
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic) { return format_with(diagnostic, "error: "); }
std::string format_diagnostic_brief(const Diagnostic& diagnostic) { return format_with(diagnostic, ""); }

DataError::DataError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(diagnostics.empty() ? std::string("data error") : format_diagnostic(diagnostics.front())),
      diagnostics_(std::move(diagnostics)) {}

}  // namespace pairinfo
