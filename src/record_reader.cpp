// The record fast path; see record_reader.hpp. It accepts only what the slow path (a JSON
// tree checked by the Decoder in load.cpp) accepts without a problem, and gives up at the
// first doubt, so that every message about a bad record still comes from one place.
// load_fuzz checks that both paths agree.
#include "pairinfo/record_reader.hpp"

#include <array>
#include <cstring>
#include <vector>
#include <cstdint>
#include <string>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/json_string.hpp"
#include "pairinfo/load.hpp"

namespace pairinfo {
namespace {

/// Thrown to give up; caught once, in read_clean_pair_record.
struct NotClean {};

class RecordReader {
 public:
  RecordReader(std::string_view text, bool strict, RecordParts keep, bool check_dropped)
      : text_(text), strict_(strict), keep_(keep), skim_(!check_dropped && !strict) {}

  void read(PairRecord& record) {
    record.parts = keep_;
    const bool whole = keep_ == RecordParts::whole, summary = keep_ >= RecordParts::summary;
    skip_space();
    std::uint32_t seen = 0, evidence_seen = 0;
    std::size_t cautions = 0, takeaways = 0, faq_entries = 0;
    object(pair_keys, seen, [&](std::size_t key) {
      switch (key) {
        case 0: codes(record); break;
        case 1: text(record.title); break;
        case 2: text(record.significance); break;
        case 3: text(summary ? &record.summary : nullptr); break;
        case 4: text(whole ? &record.mechanism : nullptr); break;
        case 5: evidence(record.evidence, evidence_seen); break;
        case 6: text(whole ? &record.clinical_context : nullptr); break;
        case 7: cautions = text_list(summary ? &record.cautions : nullptr); break;
        case 8: takeaways = text_list(whole ? &record.takeaways : nullptr); break;
        case 9: faq_entries = faq(whole ? &record.faq : nullptr); break;
        case 10:
          if (skim_ && !whole) {
            skip_string();
            break;
          }
          text_in_scratch();
          if (!is_valid_date(scratch_)) throw NotClean{};
          if (whole) record.reviewed = scratch_;
          break;
        case 11: text_list(whole ? &record.references : nullptr); break;
      }
    });
    skip_space();
    if (pos_ != text_.size()) throw NotClean{};
    if (!(seen & 1u)) throw NotClean{};  // "interventions" is required
    // --strict wants the whole article: keys 2 to 10 but "evidence" (checked by part) and "title".
    constexpr std::uint32_t strict_texts = (1u << 2) | (1u << 3) | (1u << 4) | (1u << 6) | (1u << 10);
    if (strict_ && ((seen & strict_texts) != strict_texts || evidence_seen != 7u || cautions == 0 ||
                    takeaways == 0 || faq_entries == 0))
      throw NotClean{};
  }

 private:
  // Keys in the order of the Decoder's list; a bit of `seen` per key catches duplicates.
  static constexpr std::array<std::string_view, 12> pair_keys = {
      "interventions", "title",     "significance", "summary",   "mechanism", "evidence",
      "clinical_context", "cautions", "takeaways",   "faq",       "reviewed",  "references"};
  static constexpr std::array<std::string_view, 3> evidence_keys = {"tier", "summary", "limitations"};
  static constexpr std::array<std::string_view, 2> faq_keys = {"question", "answer"};

  void skip_space() noexcept {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  void expect(char c) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != c) throw NotClean{};
    ++pos_;
  }

  // Consumes `c` when it comes next.
  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  // Decodes a string into scratch_, a buffer that keeps its capacity: kept values are then
  // copied once (one allocation per string, not one per piece it grew by), and values not
  // kept cost no allocation at all.
  void string() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"') throw NotClean{};
    scratch_.clear();
    decode_json_string(text_, pos_, scratch_);  // JsonSyntaxError is caught with NotClean
  }

  // Text as the Decoder wants it: a string that is not blank. Kept in `out` unless it is
  // null; when skimming, text that is not kept is only stepped over.
  void text(std::string* out) {
    if (!out && skim_) {
      skip_string();
      return;
    }
    text_in_scratch();
    if (out) out->assign(scratch_);
  }
  // Text that is checked whether kept or not, left in scratch_.
  void text_in_scratch() {
    string();
    if (scratch_.find_first_not_of(" \t\r\n") == std::string::npos) throw NotClean{};
  }
  void text(std::string& out) { text(&out); }

  // Steps over a string without decoding or checking what it holds: to the first quote
  // not escaped, that is not after an odd number of backslashes.
  void skip_string() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"') throw NotClean{};
    ++pos_;
    for (;;) {
      const void* quote = std::memchr(text_.data() + pos_, '"', text_.size() - pos_);
      if (!quote) throw NotClean{};
      std::size_t at = static_cast<std::size_t>(static_cast<const char*>(quote) - text_.data());
      std::size_t backslashes = 0;  // the opening quote ends any run of them
      while (text_[at - 1 - backslashes] == '\\') ++backslashes;
      pos_ = at + 1;
      if (backslashes % 2 == 0) return;
    }
  }

  // A key, as written when it holds no escape (then it can match a known key only if it is
  // plain ASCII, so nothing needs checking), else decoded.
  std::string_view key() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"') throw NotClean{};
    std::size_t start = pos_ + 1;
    std::size_t end = start + quote_free_length(text_, start);
    if (end < text_.size() && text_[end] == '"') {
      pos_ = end + 1;
      return text_.substr(start, end - start);
    }
    string();
    return scratch_;
  }

  // An object whose keys are all among `keys`, each at most once; `member(k)` reads the value of keys[k].
  template <std::size_t N, typename Member>
  void object(const std::array<std::string_view, N>& keys, std::uint32_t& seen, Member&& member) {
    expect('{');
    if (accept('}')) return;
    do {
      std::string_view name = key();
      std::size_t k = 0;
      // Most keys differ in their length or first letter: compared whole only when both match.
      while (k < N && (keys[k].size() != name.size() || keys[k][0] != name[0] || keys[k] != name)) ++k;
      if (k == N || (seen & (1u << k))) throw NotClean{};  // unknown, extension or repeated
      seen |= 1u << k;
      expect(':');
      member(k);
    } while (accept(','));
    expect('}');
  }

  // Calls `item` for each element; returns how many there were.
  template <typename Item>
  std::size_t array(Item&& item) {
    expect('[');
    if (accept(']')) return 0;
    std::size_t count = 0;
    do {
      item();
      ++count;
    } while (accept(','));
    expect(']');
    return count;
  }

  std::size_t text_list(std::vector<std::string>* out) {
    return array([&] { text(out ? &out->emplace_back() : nullptr); });
  }

  void codes(PairRecord& record) {
    std::size_t count = 0;
    array([&] {
      if (count == 2) throw NotClean{};
      text(record.codes[count++]);
    });
    if (count != 2) throw NotClean{};
  }

  void evidence(Evidence& evidence, std::uint32_t& seen) {
    object(evidence_keys, seen, [&](std::size_t key) {
      if (key == 0) text(evidence.tier);
      else text(keep_ != RecordParts::whole ? nullptr : key == 1 ? &evidence.summary : &evidence.limitations);
    });
  }

  std::size_t faq(std::vector<FaqEntry>* out) {
    return array([&] {
      FaqEntry* entry = out ? &out->emplace_back() : nullptr;
      std::uint32_t seen = 0;
      object(faq_keys, seen, [&](std::size_t key) {
        text(!entry ? nullptr : key == 0 ? &entry->question : &entry->answer);
      });
      if (seen != 3) throw NotClean{};  // both are required
    });
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool strict_;
  RecordParts keep_;
  bool skim_;  // do not check the text of the parts not kept
  std::string scratch_;
};

}  // namespace

bool read_clean_pair_record(std::string_view text, bool strict, RecordParts keep, bool check_dropped, PairRecord& out) {
  try {
    RecordReader(text, strict, keep, check_dropped).read(out);
    return true;
  } catch (const NotClean&) {
    return false;
  } catch (const JsonSyntaxError&) {
    return false;
  }
}

std::optional<PairRecord> read_clean_pair_record(std::string_view text, bool strict, RecordParts keep,
                                                 bool check_dropped) {
  std::optional<PairRecord> record(std::in_place);
  if (!read_clean_pair_record(text, strict, keep, check_dropped, *record)) return std::nullopt;
  return record;
}

}  // namespace pairinfo
