/// The merged catalogue (scales, categories, interventions and the tables that find them),
/// held as one flat binary image. Commands read it in place, so a catalogue kept in the
/// cache or compiled into the executable costs next to nothing to open, at any size.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/model.hpp"

namespace pairinfo {

/// Bytes that are not a catalogue image of this version of pairinfo, or were damaged.
class CorruptImage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace image {
struct Text {
  std::uint32_t offset, length;
};
struct Intervention {
  Text code, name, category, summary;
  std::uint32_t first_alias, alias_count, member_count, layer, position;  // members follow the aliases
};
struct Term {
  Text text;
  std::uint32_t first_target, target_count;
};
}  // namespace image

/// Walks a range that gives its items by position, by value (views into an image).
template <typename Range, typename Value>
class PositionIterator {
 public:
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  PositionIterator() = default;
  PositionIterator(const Range* range, std::size_t at) : range_(range), at_(at) {}
  Value operator*() const { return (*range_)[at_]; }
  PositionIterator& operator++() {
    ++at_;
    return *this;
  }
  PositionIterator operator++(int) {
    PositionIterator before = *this;
    ++at_;
    return before;
  }
  bool operator==(const PositionIterator& other) const = default;

 private:
  const Range* range_ = nullptr;
  std::size_t at_ = 0;
};

/// The aliases of one intervention.
class AliasList {
 public:
  AliasList() = default;
  AliasList(const char* strings, std::span<const image::Text> aliases) : strings_(strings), aliases_(aliases) {}
  std::size_t size() const noexcept { return aliases_.size(); }
  bool empty() const noexcept { return aliases_.empty(); }
  std::string_view operator[](std::size_t i) const noexcept {
    return {strings_ + aliases_[i].offset, aliases_[i].length};
  }

  using iterator = PositionIterator<AliasList, std::string_view>;
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, size()}; }

 private:
  const char* strings_ = nullptr;
  std::span<const image::Text> aliases_;
};

/// One intervention of a catalogue, viewed in place; valid while the catalogue lives.
struct InterventionView {
  std::string_view code, name, category, summary;
  AliasList aliases;
  AliasList members;         ///< For a class: the codes of its members.
  std::size_t layer = 0;     ///< Index of the data layer that defined it.
  std::size_t position = 0;  ///< Its place in that layer's "interventions" array.
};

/// A random-access range of InterventionView.
class InterventionList {
 public:
  InterventionList() = default;
  InterventionList(const char* strings, std::span<const image::Intervention> items, std::span<const image::Text> aliases)
      : strings_(strings), items_(items), aliases_(aliases) {}
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  InterventionView operator[](std::size_t i) const noexcept;

  using iterator = PositionIterator<InterventionList, InterventionView>;
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, size()}; }

 private:
  const char* strings_ = nullptr;
  std::span<const image::Intervention> items_;
  std::span<const image::Text> aliases_;
};

/// Folded codes, names and aliases (see fold_term), each with the interventions it names,
/// sorted by term so that a lookup is a binary search.
class TermTable {
 public:
  struct Item {
    std::string_view term;
    std::span<const std::uint32_t> interventions;
  };

  TermTable() = default;
  TermTable(const char* strings, std::span<const image::Term> terms, std::span<const std::uint32_t> targets)
      : strings_(strings), terms_(terms), targets_(targets) {}

  /// The interventions `folded` names; empty when none.
  std::span<const std::uint32_t> find(std::string_view folded) const;

  std::size_t size() const noexcept { return terms_.size(); }
  Item operator[](std::size_t i) const noexcept {
    return {{strings_ + terms_[i].text.offset, terms_[i].text.length},
            targets_.subspan(terms_[i].first_target, terms_[i].target_count)};
  }

  using iterator = PositionIterator<TermTable, Item>;
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, size()}; }

 private:
  const char* strings_ = nullptr;
  std::span<const image::Term> terms_;
  std::span<const std::uint32_t> targets_;
};

/// Everything but the pair records. Built once per command (or opened from an image) and
/// shared by every Dataset made from the same data.
class Catalogue {
 public:
  /// Lays the contents out as an image and indexes them.
  static std::shared_ptr<const Catalogue> build(const Scales& scales, const std::vector<Category>& categories,
                                                const std::vector<Intervention>& interventions,
                                                const std::vector<LayerInfo>& layers);
  /// Opens an image made by `image()`, in place: `storage` keeps the bytes alive. With
  /// `verify`, every byte is checked against the image's checksum first. Throws CorruptImage.
  static std::shared_ptr<const Catalogue> open(std::string_view bytes, std::shared_ptr<const void> storage,
                                               bool verify = true);
  /// The context an image was stamped with (see `image`). Throws CorruptImage.
  static std::uint64_t image_context(std::string_view bytes);

  /// The catalogue as bytes to keep, stamped with `context` (what identifies the layers).
  std::string image(std::uint64_t context) const;

  const Scales& scales() const noexcept { return scales_; }
  const std::vector<Category>& categories() const noexcept { return categories_; }
  const std::vector<LayerInfo>& layers() const noexcept { return layers_; }
  const InterventionList& interventions() const noexcept { return interventions_; }
  const TermTable& terms() const noexcept { return terms_; }

  /// The intervention with this code (case-insensitive), or npos.
  std::size_t find_code(std::string_view code) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  Catalogue() = default;

  Scales scales_;
  std::vector<Category> categories_;
  std::vector<LayerInfo> layers_;
  InterventionList interventions_;
  std::span<const std::uint32_t> by_code_;  // interventions sorted by upper-case code
  // Open addressing over upper-cased codes, each slot an intervention + 1 (0: empty): codes
  // are looked up several times per record shown, and one probe beats a dozen comparisons.
  std::span<const std::uint32_t> code_slots_;
  TermTable terms_;
  std::string_view body_;                   // the image's tables and strings
  std::shared_ptr<const void> storage_;
};

}  // namespace pairinfo
