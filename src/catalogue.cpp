// The catalogue and its image; see catalogue.hpp.
#include "pairinfo/catalogue.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "pairinfo/pair_index.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

constexpr char image_magic[8] = {'P', 'I', 'C', 'A', 'T', 'L', 'G', '\0'};
// 3: the body checked by checksum_bytes; 4: made of CRC-32C; 5: the code slots kept.
constexpr std::uint32_t image_version = 6;
constexpr std::uint32_t endian_mark = 0x01020304;
constexpr std::uint64_t body_seed = 0x63617467;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t endian;
  std::uint64_t context;
  std::uint64_t body_bytes;
  std::uint64_t body_hash;
};

// Sizes of the sections that follow the small serialised part, in items.
struct Directory {
  std::uint64_t meta_bytes, interventions, aliases, terms, targets, strings, code_slots;
};

static_assert(std::is_trivially_copyable_v<image::Intervention> && sizeof(image::Intervention) % 4 == 0);
static_assert(std::is_trivially_copyable_v<image::Term> && sizeof(image::Term) % 4 == 0);

std::size_t padded(std::size_t bytes) { return (bytes + 7) / 8 * 8; }

// Slots of a table that finds interventions by code: a power of two, at least twice as many.
std::size_t slot_count(std::size_t interventions) { return std::bit_ceil(std::max<std::size_t>(2 * interventions, 16)); }

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Case-insensitive (ASCII) ordering of codes, without allocating.
int compare_codes(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  // Codes share long prefixes ("SYN-00..."), so equal stretches are skipped a word at a time.
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) {
      if constexpr (std::endian::native == std::endian::little)
        i += static_cast<std::size_t>(std::countr_zero(x ^ y)) / 8;  // straight to the first differing byte
      break;
    }
  }
  for (; i < n; ++i) {
    if (a[i] == b[i]) continue;  // codes are mostly compared in one case; fold only where they differ
    unsigned char x = static_cast<unsigned char>(upper(a[i])), y = static_cast<unsigned char>(upper(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

// FNV-1a of the upper-cased code: equal for codes that compare_codes finds equal.
std::size_t folded_code_hash(std::string_view code) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : code) hash = (hash ^ static_cast<unsigned char>(upper(c))) * 0x100000001b3ULL;
  return static_cast<std::size_t>(hash ^ (hash >> 29));
}

// The scales, categories and layers: few and small, so copied out rather than viewed.
class MetaWriter {
 public:
  void number(std::uint64_t value) { out_.append(reinterpret_cast<const char*>(&value), sizeof value); }
  void text(std::string_view value) {
    number(value.size());
    out_.append(value);
  }
  std::string& bytes() noexcept { return out_; }

 private:
  std::string out_;
};

class MetaReader {
 public:
  explicit MetaReader(std::string_view bytes) : rest_(bytes) {}
  std::uint64_t number() {
    std::uint64_t out;
    std::memcpy(&out, take(sizeof out).data(), sizeof out);
    return out;
  }
  std::string text() { return std::string(take(number())); }
  // A count of items each at least `min_bytes` long: a damaged count allocates nothing.
  std::size_t count(std::size_t min_bytes) {
    std::uint64_t n = number();
    if (n > rest_.size() / min_bytes) throw CorruptImage("a count larger than the catalogue image");
    return static_cast<std::size_t>(n);
  }
  bool done() const noexcept { return rest_.empty(); }

 private:
  std::string_view take(std::uint64_t bytes) {
    if (bytes > rest_.size()) throw CorruptImage("the catalogue image ends early");
    std::string_view out = rest_.substr(0, static_cast<std::size_t>(bytes));
    rest_.remove_prefix(static_cast<std::size_t>(bytes));
    return out;
  }
  std::string_view rest_;
};

void write_scale(MetaWriter& out, const Scale& scale) {
  out.number(scale.entries.size());
  for (const auto& entry : scale.entries) {
    out.text(entry.id);
    out.text(entry.name);
    out.text(entry.description);
    out.text(entry.symbol);
  }
}

Scale read_scale(MetaReader& in) {
  Scale scale;
  scale.entries.resize(in.count(32));
  for (auto& entry : scale.entries) {
    entry.id = in.text();
    entry.name = in.text();
    entry.description = in.text();
    entry.symbol = in.text();
  }
  return scale;
}

template <typename T>
void append_items(std::string& out, const std::vector<T>& items) {
  out.append(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T));
  out.resize(padded(out.size()), '\0');
}

Header read_header(std::string_view bytes) {
  Header header;
  if (bytes.size() < sizeof header) throw CorruptImage("too short to be a catalogue image");
  std::memcpy(&header, bytes.data(), sizeof header);
  if (std::memcmp(header.magic, image_magic, sizeof image_magic) != 0) throw CorruptImage("not a catalogue image");
  if (header.version != image_version || header.endian != endian_mark)
    throw CorruptImage("a catalogue image of another version or machine");
  if (header.body_bytes != bytes.size() - sizeof header) throw CorruptImage("the catalogue image has the wrong size");
  return header;
}

}  // namespace

InterventionView InterventionList::operator[](std::size_t i) const noexcept {
  const image::Intervention& item = items_[i];
  auto text = [&](image::Text t) { return std::string_view(strings_ + t.offset, t.length); };
  return {text(item.code), text(item.name), text(item.category), text(item.summary),
          AliasList(strings_, aliases_.subspan(item.first_alias, item.alias_count)),
          AliasList(strings_, aliases_.subspan(item.first_alias + item.alias_count, item.member_count)), item.layer,
          item.position};
}

std::span<const std::uint32_t> TermTable::find(std::string_view folded) const {
  std::size_t low = 0, high = terms_.size();
  while (low < high) {
    std::size_t middle = low + (high - low) / 2;
    if ((*this)[middle].term < folded) low = middle + 1;
    else high = middle;
  }
  if (low == terms_.size() || (*this)[low].term != folded) return {};
  return (*this)[low].interventions;
}

std::shared_ptr<const Catalogue> Catalogue::build(const Scales& scales, const std::vector<Category>& categories,
                                                  const std::vector<Intervention>& interventions,
                                                  const std::vector<LayerInfo>& layers) {
  std::string strings;
  auto add_text = [&](std::string_view text) {
    image::Text out{static_cast<std::uint32_t>(strings.size()), static_cast<std::uint32_t>(text.size())};
    strings.append(text);
    return out;
  };
  std::vector<image::Intervention> items;
  std::vector<image::Text> aliases;
  std::vector<std::pair<std::string, std::uint32_t>> folded;
  items.reserve(interventions.size());
  folded.reserve(interventions.size() * 4);
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const Intervention& intervention = interventions[i];
    auto index = static_cast<std::uint32_t>(i);
    image::Intervention item{};
    item.code = add_text(intervention.code);
    item.name = add_text(intervention.name);
    item.category = add_text(intervention.category);
    item.summary = add_text(intervention.summary);
    item.first_alias = static_cast<std::uint32_t>(aliases.size());
    item.alias_count = static_cast<std::uint32_t>(intervention.aliases.size());
    item.member_count = static_cast<std::uint32_t>(intervention.members.size());
    item.layer = static_cast<std::uint32_t>(intervention.layer);
    item.position = static_cast<std::uint32_t>(intervention.position);
    for (const auto& alias : intervention.aliases) aliases.push_back(add_text(alias));
    for (const auto& member : intervention.members) aliases.push_back(add_text(member));
    items.push_back(item);
    std::string folded_code = fold_term(intervention.code);
    // "aes001" finds AES-001 too.
    std::string compact;
    for (char c : folded_code)
      if (c != ' ') compact += c;
    folded.emplace_back(std::move(folded_code), index);
    folded.emplace_back(std::move(compact), index);
    folded.emplace_back(fold_term(intervention.name), index);
    for (const auto& alias : intervention.aliases) folded.emplace_back(fold_term(alias), index);
  }
  std::vector<std::uint32_t> by_code(interventions.size());
  for (std::size_t i = 0; i < by_code.size(); ++i) by_code[i] = static_cast<std::uint32_t>(i);
  // A code defined twice keeps its first place (the loader reports the second).
  std::stable_sort(by_code.begin(), by_code.end(), [&](std::uint32_t a, std::uint32_t b) {
    return compare_codes(interventions[a].code, interventions[b].code) < 0;
  });
  // Codes by hash, made once here rather than on every open: each slot holds 1 + the place
  // of an intervention, or 0. In code order, so that of equal codes the first wins.
  std::vector<std::uint32_t> code_slots(slot_count(interventions.size()), 0);
  for (std::uint32_t position : by_code) {
    std::string_view code = interventions[position].code;
    for (std::size_t slot = folded_code_hash(code);; ++slot) {
      std::uint32_t& entry = code_slots[slot & (code_slots.size() - 1)];
      if (entry == 0) {
        entry = position + 1;
        break;
      }
      if (compare_codes(interventions[entry - 1].code, code) == 0) break;
    }
  }
  std::sort(folded.begin(), folded.end());
  folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
  std::vector<image::Term> terms;
  std::vector<std::uint32_t> targets;
  for (const auto& [term, index] : folded) {
    if (term.empty()) continue;
    if (terms.empty() || std::string_view(strings).substr(terms.back().text.offset, terms.back().text.length) != term)
      terms.push_back({add_text(term), static_cast<std::uint32_t>(targets.size()), 0});
    targets.push_back(index);
    ++terms.back().target_count;
  }

  if (strings.size() > UINT32_MAX) throw std::length_error("a catalogue of more than 4 GiB of text");

  MetaWriter meta;
  write_scale(meta, scales.tiers);
  write_scale(meta, scales.significance);
  meta.number(categories.size());
  for (const auto& category : categories) {
    meta.text(category.id);
    meta.text(category.prefix);
    meta.text(category.name);
    meta.text(category.description);
  }
  meta.number(layers.size());
  for (const auto& layer : layers) {
    meta.text(layer.source);
    meta.text(layer.name);
    meta.number(layer.interventions);
    meta.number(layer.pairs);
  }
  Directory directory{meta.bytes().size(), items.size(), aliases.size(), terms.size(),
                      targets.size(),           strings.size(), code_slots.size()};
  std::string body(reinterpret_cast<const char*>(&directory), sizeof directory);
  body += meta.bytes();
  body.resize(padded(body.size()), '\0');
  append_items(body, items);
  append_items(body, aliases);
  append_items(body, by_code);
  append_items(body, code_slots);
  append_items(body, terms);
  append_items(body, targets);
  body += strings;

  auto owned = std::make_shared<std::string>(sizeof(Header), '\0');
  *owned += body;
  Header header{};
  std::memcpy(header.magic, image_magic, sizeof image_magic);
  header.version = image_version;
  header.endian = endian_mark;
  header.body_bytes = body.size();
  header.body_hash = checksum_bytes(body, body_seed);
  std::memcpy(owned->data(), &header, sizeof header);
  std::string_view bytes = *owned;
  return open(bytes, std::move(owned), false);
}

std::shared_ptr<const Catalogue> Catalogue::open(std::string_view bytes, std::shared_ptr<const void> storage,
                                                 bool verify) {
  Header header = read_header(bytes);
  std::string_view body = bytes.substr(sizeof header);
  if (reinterpret_cast<std::uintptr_t>(body.data()) % 8 != 0) throw CorruptImage("a misaligned catalogue image");
  if (verify && checksum_bytes(body, body_seed) != header.body_hash)
    throw CorruptImage("the catalogue image's checksum does not match");
  Directory directory;
  if (body.size() < sizeof directory) throw CorruptImage("the catalogue image ends early");
  std::memcpy(&directory, body.data(), sizeof directory);
  // Every section must fit in what is left; sizes are checked before anything is viewed.
  std::size_t at = sizeof directory;
  auto section = [&](std::uint64_t count, std::size_t item_size) {
    if (count > (body.size() - at) / item_size) throw CorruptImage("a section larger than the catalogue image");
    std::size_t start = at;
    at = std::min(body.size(), padded(at + static_cast<std::size_t>(count) * item_size));
    return body.data() + start;
  };
  const char* meta_bytes = section(directory.meta_bytes, 1);
  auto* items = reinterpret_cast<const image::Intervention*>(section(directory.interventions, sizeof(image::Intervention)));
  auto* aliases = reinterpret_cast<const image::Text*>(section(directory.aliases, sizeof(image::Text)));
  auto* by_code = reinterpret_cast<const std::uint32_t*>(section(directory.interventions, sizeof(std::uint32_t)));
  auto* code_slots = reinterpret_cast<const std::uint32_t*>(section(directory.code_slots, sizeof(std::uint32_t)));
  auto* terms = reinterpret_cast<const image::Term*>(section(directory.terms, sizeof(image::Term)));
  auto* targets = reinterpret_cast<const std::uint32_t*>(section(directory.targets, sizeof(std::uint32_t)));
  const char* strings = section(directory.strings, 1);
  if (at != body.size()) throw CorruptImage("the catalogue image has bytes to spare");

  std::shared_ptr<Catalogue> catalogue(new Catalogue());
  MetaReader meta(std::string_view(meta_bytes, static_cast<std::size_t>(directory.meta_bytes)));
  catalogue->scales_.tiers = read_scale(meta);
  catalogue->scales_.significance = read_scale(meta);
  catalogue->categories_.resize(meta.count(32));
  for (auto& category : catalogue->categories_) {
    category.id = meta.text();
    category.prefix = meta.text();
    category.name = meta.text();
    category.description = meta.text();
  }
  catalogue->layers_.resize(meta.count(32));
  for (auto& layer : catalogue->layers_) {
    layer.source = meta.text();
    layer.name = meta.text();
    layer.interventions = meta.number();
    layer.pairs = meta.number();
  }
  if (!meta.done()) throw CorruptImage("the catalogue image has bytes to spare");
  auto n = static_cast<std::size_t>(directory.interventions);
  catalogue->interventions_ = InterventionList(
      strings, {items, n}, {aliases, static_cast<std::size_t>(directory.aliases)});
  catalogue->by_code_ = {by_code, n};
  if (directory.code_slots != slot_count(n)) throw CorruptImage("the catalogue image's code slots are not as many as its codes want");
  catalogue->code_slots_ = {code_slots, static_cast<std::size_t>(directory.code_slots)};
  catalogue->terms_ = TermTable(strings, {terms, static_cast<std::size_t>(directory.terms)},
                                {targets, static_cast<std::size_t>(directory.targets)});
  catalogue->body_ = body;
  catalogue->storage_ = std::move(storage);
  return catalogue;
}

std::uint64_t Catalogue::image_context(std::string_view bytes) { return read_header(bytes).context; }

std::string Catalogue::image(std::uint64_t context) const {
  Header header{};
  std::memcpy(header.magic, image_magic, sizeof image_magic);
  header.version = image_version;
  header.endian = endian_mark;
  header.context = context;
  header.body_bytes = body_.size();
  header.body_hash = checksum_bytes(body_, body_seed);
  std::string out(reinterpret_cast<const char*>(&header), sizeof header);
  out += body_;
  return out;
}

std::size_t Catalogue::find_code(std::string_view code) const {
  for (std::size_t slot = folded_code_hash(code);; ++slot) {
    std::uint32_t entry = code_slots_[slot & (code_slots_.size() - 1)];
    if (entry == 0 || entry > interventions_.size()) return npos;  // the second: damage the checksum missed
    if (compare_codes(interventions_[entry - 1].code, code) == 0) return entry - 1;
  }
}

}  // namespace pairinfo
