// Indexes over the merged knowledge base; see dataset.hpp.
#include "pairinfo/dataset.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "pairinfo/pair_index.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

// Codes compare in ASCII upper case (see normalize_code).
char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string normalize_code(std::string_view code) {
  std::string out(code);
  for (char& c : out) c = upper(c);
  return out;
}

bool same_code(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && upper(a[i]) != upper(b[i])) return false;
  return true;
}

bool same_pair_of_codes(const std::array<std::string, 2>& codes, std::string_view code_a,
                        std::string_view code_b) noexcept {
  return (same_code(codes[0], code_a) && same_code(codes[1], code_b)) ||
         (same_code(codes[0], code_b) && same_code(codes[1], code_a));
}

std::string pair_key(std::string_view code_a, std::string_view code_b) {
  std::string key;
  append_pair_key(key, code_a, code_b);
  return key;
}

void append_pair_key(std::string& out, std::string_view code_a, std::string_view code_b) {
  // Which comes first, compared as normalize_code would make them (bytes unsigned).
  std::size_t common = std::min(code_a.size(), code_b.size()), i = 0;
  while (i < common && upper(code_a[i]) == upper(code_b[i])) ++i;
  bool swap = i < common ? static_cast<unsigned char>(upper(code_b[i])) < static_cast<unsigned char>(upper(code_a[i]))
                         : code_b.size() < code_a.size();
  if (swap) std::swap(code_a, code_b);
  std::size_t start = out.size();
  out.append(code_a).append(1, '\x1f').append(code_b);
  for (std::size_t k = start; k < out.size(); ++k) out[k] = upper(out[k]);
}

Dataset::Dataset() : catalogue_(Catalogue::build({}, {}, {}, {})) {}

Dataset::Dataset(Scales scales, std::vector<Category> categories, std::vector<Intervention> interventions,
                 std::vector<PairRecord> pairs, std::vector<LayerInfo> layers)
    : Dataset(Catalogue::build(scales, categories, interventions, layers),
              std::move(pairs)) {}

Dataset::Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<PairRecord> pairs)
    : Dataset(std::move(catalogue), [&] {
        std::vector<SharedRecord> shared;
        shared.reserve(pairs.size());
        for (auto& record : pairs) shared.push_back(std::make_shared<const PairRecord>(std::move(record)));
        return shared;
      }()) {}

Dataset::Dataset(std::shared_ptr<const Catalogue> catalogue, std::vector<SharedRecord> pairs)
    : catalogue_(std::move(catalogue)), pairs_(std::move(pairs)) {
  index_pairs();
}

void Dataset::index_pairs() {
  // Records by intervention in one table (counted, then placed): one allocation, not one
  // per intervention that has records.
  const std::size_t n = catalogue_->interventions().size();
  auto& found = pair_interventions_;
  found.assign(pairs_.size(), {npos, npos});
  first_pair_.assign(n + 1, 0);
  by_pair_hash_.reserve(pairs_.size());
  for (std::size_t p = 0; p < pairs_.size(); ++p) {
    const PairRecord& record = pairs_[p];
    by_pair_hash_.emplace_back(pair_hash(record.codes[0], record.codes[1]), p);
    for (std::size_t k = 0; k < 2; ++k)
      if ((found[p][k] = find_code(record.codes[k])) != npos) ++first_pair_[found[p][k] + 1];
  }
  std::sort(by_pair_hash_.begin(), by_pair_hash_.end());
  for (std::size_t i = 0; i < n; ++i) first_pair_[i + 1] += first_pair_[i];
  pair_slots_.resize(first_pair_[n]);
  std::vector<std::size_t> next(first_pair_.begin(), first_pair_.end() - 1);
  for (std::size_t p = 0; p < pairs_.size(); ++p)
    for (std::size_t i : found[p])
      if (i != npos) pair_slots_[next[i]++] = p;
}

std::size_t Dataset::find_code(std::string_view code) const { return catalogue_->find_code(code); }

std::size_t Dataset::find_pair(std::string_view code_a, std::string_view code_b) const {
  std::uint64_t hash = pair_hash(code_a, code_b);
  auto from = std::lower_bound(by_pair_hash_.begin(), by_pair_hash_.end(), std::pair{hash, std::size_t{0}});
  auto to = std::upper_bound(from, by_pair_hash_.end(), std::pair{hash, npos});
  for (auto it = from; it != to; ++it) {  // equal hashes are confirmed
    if (same_pair_of_codes(pairs_[it->second].codes, code_a, code_b)) return it->second;
  }
  return npos;
}

std::span<const std::size_t> Dataset::pairs_with(std::size_t intervention) const {
  if (first_pair_.empty() || intervention >= first_pair_.size() - 1) return {};
  return std::span<const std::size_t>(pair_slots_).subspan(first_pair_[intervention],
                                                           first_pair_[intervention + 1] - first_pair_[intervention]);
}

std::span<const std::uint32_t> Dataset::matching(std::string_view folded) const {
  return catalogue_->terms().find(folded);
}

InterventionView Dataset::intervention(std::string_view code) const {
  std::size_t i = find_code(code);
  if (i == npos) throw std::out_of_range("unknown intervention code " + std::string(code));
  return catalogue_->interventions()[i];
}

const Category* Dataset::find_category(std::string_view id_prefix_or_name) const {
  std::string wanted = fold_term(id_prefix_or_name);
  for (const auto& category : catalogue_->categories())
    if (fold_term(category.id) == wanted || (!category.prefix.empty() && fold_term(category.prefix) == wanted) ||
        (!category.name.empty() && fold_term(category.name) == wanted))
      return &category;
  return nullptr;
}

}  // namespace pairinfo
