// Loading layers through their SQLite index; see load.hpp and ARCHITECTURE.md.
#include "pairinfo/load.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "index_build.hpp"
#include "pairinfo/bundled.hpp"
#include "pairinfo/checked_vfs.hpp"
#include "pairinfo/decode.hpp"
#include "pairinfo/hash.hpp"
#include "pairinfo/index_db.hpp"
#include "pairinfo/record_splitter.hpp"
#include "pairinfo/rules.hpp"
#include "pairinfo/text.hpp"
#include "place_problems.hpp"

#ifndef PAIRINFO_VERSION
#define PAIRINFO_VERSION "0.0.0"
#endif

namespace pairinfo {
namespace {

bool bundled_only(const std::vector<DataSource>& sources) {
  return sources.size() == 1 && sources[0].name() == bundled_source_name && !bundled_index().empty();
}

// Which set of layers a cache is for (its file name): the layers' names and real paths, and
// how they are read; and the cache's page size, which its checksums depend on.
std::string set_key(const std::vector<DataSource>& sources, const LoadOptions& options) {
  std::uint64_t h = fnv1a(index_schema);
  h = fnv1a(std::to_string(checked_page_size), h);
  h = fnv1a(PAIRINFO_VERSION, h);
  h = fnv1a(fold_term_version(), h);  // the index holds folded terms
  h = fnv1a(options.strict ? "strict" : "lenient", h);
  h = fnv1a(std::to_string(options.lazy_threshold), h);
  for (const auto& source : sources) {
    h = fnv1a(source.name(), fnv1a("\x1f", h));
    if (const auto& stamp = source.stamp()) h = fnv1a(stamp->real_path, h);
  }
  return fmt::format("{:016x}", h);
}

// What the data was when a cache was made, as a user cannot put it back by hand: every
// layer's device, inode, size, and modification and change times in nanoseconds (an edit
// in place that restores the size and the mtime still moves the ctime).
std::string data_key(const std::vector<DataSource>& sources) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& source : sources) {
    if (const auto& stamp = source.stamp()) {
      h = fnv1a(fmt::format("{}|{}|{}|{}|{}|", stamp->device, stamp->inode, stamp->size, stamp->mtime_ns, stamp->ctime_ns), h);
    } else if (source.name() == bundled_source_name) {
      h = fnv1a(bundled_version(), h);
    } else {
      std::string buffer;
      h = fnv1a(source.whole(buffer), h);
    }
  }
  return fmt::format("{:016x}", h);
}

// The options a build reads: index_build cannot take LoadOptions, which load.hpp defines.
BuildOptions build_options(const LoadOptions& options) {
  return {options.strict, options.lazy_threshold, options.progress};
}

}  // namespace

PairScope PairScope::all() { return {}; }

PairScope PairScope::touching(const std::vector<std::string>& codes) {
  PairScope scope;
  scope.kind_ = Kind::touching;
  scope.codes_ = codes;
  return scope;
}

PairScope PairScope::among(const std::vector<std::string>& codes) {
  PairScope scope = touching(codes);
  scope.kind_ = Kind::among;
  return scope;
}

PairScope PairScope::keeping(RecordParts parts) const {
  PairScope scope = *this;
  scope.parts_ = parts;
  return scope;
}

struct DataLoader::State {
  std::vector<DataSource> sources;
  LoadOptions options;
  std::vector<std::string> warnings;
  std::optional<IndexDb> index;
  std::string index_path;  // the cache file the index was opened from, if any
  std::shared_ptr<const Catalogue> catalogue;  // the whole of it, read when first wanted

  void warn(std::string message) {
    if (std::find(warnings.begin(), warnings.end(), message) == warnings.end()) warnings.push_back(std::move(message));
  }

  // What `work` returns, once more on an index built anew when the cached one turns out
  // damaged while in use (SQLite reports it, or a page does not match its checksum): never
  // believed.
  template <typename Work>
  auto rebuilt_if_damaged(Work&& work) {
    try {
      return work();
    } catch (const CorruptIndex& error) {
      if (index_path.empty()) throw DataError({Diagnostic{"index", 0, 0, "", error.what()}});
      warn(fmt::format("the cached index of these data files was damaged ({}); it was rebuilt", error.what()));
      std::string path = index_path;
      catalogue.reset();
      index.reset();
      index_path.clear();
      ::unlink(path.c_str());
      return work();
    }
  }

  // The index of the layers: compiled in, from the cache, or built now.
  IndexDb& open() {
    if (index) return *index;
    if (bundled_only(sources)) {
      index = IndexDb::open_image(bundled_index());
      return *index;
    }
    std::string set = set_key(sources, options), key = data_key(sources);
    std::string path;
    if (!options.cache_directory.empty()) {
      path = options.cache_directory + "/index-" + set + ".db";
      struct stat info {};
      if (::lstat(path.c_str(), &info) == 0) {
        if (!S_ISREG(info.st_mode)) {
          // A FIFO or a directory is never opened: opening a FIFO would block.
          warn(fmt::format("{} is not a regular file; the index is kept in memory instead",
                           std::filesystem::path(path).filename().string()));
          path.clear();
        } else {
          try {
            IndexDb cached = IndexDb::open(path);
            if (cached.meta("set") != set) {
              warn("the cached index of these data files was damaged (it belongs to other data); it was rebuilt");
            } else if (cached.meta("key") == key) {
              index = std::move(cached);
              index_path = path;
              return *index;
            }  // else the data changed since: the index is made again, in place
          } catch (const CorruptIndex& error) {
            warn(fmt::format("the cached index of these data files was damaged ({}); it was rebuilt", error.what()));
          }
        }
      }
    }
    build(path, set, key);
    return *index;
  }

  void build(const std::string& path, const std::string& set, const std::string& key) {
    bool big = std::any_of(sources.begin(), sources.end(),
                           [&](const DataSource& s) { return s.size() >= options.lazy_threshold; });
    std::string temporary;
    std::optional<IndexDb> db;
    if (!path.empty()) {
      std::error_code error;
      std::filesystem::create_directories(options.cache_directory, error);
      if (error) {
        warn(fmt::format("cannot keep an index in {}: {}; it is kept in memory", options.cache_directory, error.message()));
      } else {
        temporary = fmt::format("{}.{}.tmp", path, ::getpid());
        try {
          db = IndexDb::create(temporary, Pages::checked);
        } catch (const CorruptIndex&) {
          warn(fmt::format("cannot write an index in {}; it is kept in memory", options.cache_directory));
          temporary.clear();
        }
      }
    }
    // Without a cache, big data is indexed in a temporary file, small data in memory.
    if (!db) db = IndexDb::create(big ? "" : ":memory:");
    db->begin();
    db->put_meta("schema", index_schema);
    db->put_meta("set", set);
    db->put_meta("key", key);
    MemberSpans spans;
    std::vector<Problem> problems = build_index(sources, build_options(options), *db, false, spans);
    if (!problems.empty()) {
      auto diagnostics = to_diagnostics(sources, std::move(problems),
                                        [&](const Problem& p) { return piece_in(*db, spans, p); });
      db.reset();
      if (!temporary.empty()) ::unlink(temporary.c_str());
      throw DataError(std::move(diagnostics));
    }
    db->keep_records_in_effect();
    db->finish();
    if (!temporary.empty()) {
      db.reset();
      // Renamed into place whole: a reader sees the old file or the new one, never half.
      if (::rename(temporary.c_str(), path.c_str()) != 0) {
        warn(fmt::format("cannot keep an index in {} ({})", options.cache_directory, std::strerror(errno)));
        ::unlink(temporary.c_str());
        db = IndexDb::create(big ? "" : ":memory:");
        db->begin();
        build_index(sources, build_options(options), *db, false, spans);
        db->keep_records_in_effect();
        db->finish();
      } else {
        db = IndexDb::open(path);
        index_path = path;
      }
    }
    index = std::move(db);
  }

  const std::shared_ptr<const Catalogue>& whole_catalogue() {
    if (!catalogue) catalogue = open().catalogue();
    return catalogue;
  }

  // A record of the index, read from its layer as a command needs it and checked.
  std::shared_ptr<const PairRecord> record(const IndexedPair& row, RecordParts parts, const Catalogue& against,
                                           std::vector<Problem>& problems, std::string& buffer) {
    auto blank = [](const std::string& text) { return !text.empty() && text.find_first_not_of(" \t\r\n") == std::string::npos; };
    // A blank outline part is a problem the record reports when read.
    if (parts == RecordParts::outline && row.outline && !blank(row.title) && !blank(row.tier) && !blank(row.significance)) {
      auto record = std::make_shared<PairRecord>();
      record->codes = row.codes;
      record->layer = row.layer;
      record->pointer = fmt::format("/pairs/{}", row.position);
      record->parts = RecordParts::outline;
      if (!row.title.empty()) (*record)[Field::title] = row.title;
      if (!row.tier.empty()) (*record)[Field::tier] = row.tier;
      if (!row.significance.empty()) (*record)[Field::significance] = row.significance;
      return record;
    }
    const DataSource& source = sources[row.layer];
    std::string_view text = source.slice(row.offset, row.length, buffer);
    Decoder decoder(row.layer, problems, options.strict);
    std::size_t before = problems.size();
    auto record = decoder.record(text, row.offset, row.position, parts);
    if (!record) return nullptr;
    check_against_catalogue(*record, row.layer, against, problems);
    for (std::size_t i = before; i < problems.size(); ++i)  // placed within the record
      if (!problems[i].offset) {
        std::string rest = problems[i].pointer.substr(std::min(problems[i].pointer.size(), record->pointer.size()));
        problems[i].offset = row.offset + locate_pointer(text, rest);
      }
    return std::make_shared<const PairRecord>(std::move(*record));
  }

  // Puts the search index of `rows` into `target`.
  void build_search(IndexDb& target, const std::vector<IndexedPair>& rows) {
    const Catalogue& catalogue = *whole_catalogue();
    std::string buffer;
    auto text_of = [&](const IndexedPair& row) {
      std::vector<Problem> problems;
      auto record = this->record(row, RecordParts::whole, catalogue, problems, buffer);
      if (!problems.empty() || !record)
        throw DataError(to_diagnostics(sources, std::move(problems), [](const Problem&) { return std::nullopt; }));
      std::array<std::string, 3> columns;
      columns[0] = std::string(record->text(Field::title));
      for (const auto& code : record->codes) {
        std::size_t i = catalogue.find_code(code);
        if (i == Catalogue::npos) continue;
        const Intervention& intervention = catalogue.interventions()[i];
        columns[0] += " " + intervention.code + " " + intervention.name;
        for (const auto& alias : intervention.aliases) columns[0] += " " + alias;
      }
      for (const auto& spec : field_specs()) {
        if (spec.place != FieldPlace::section || (*record)[spec.field].is_null()) continue;
        std::string& column = spec.field == Field::summary ? columns[1] : columns[2];
        column += plain_text((*record)[spec.field]) + "\n";
      }
      return columns;
    };
    auto progress = [&](std::size_t done, std::size_t total) {
      if (options.progress) options.progress("search index", done, total);
    };
    target.build_search(rows, text_of, progress);
  }

  Dataset records(const std::vector<IndexedPair>& rows, RecordParts parts, std::shared_ptr<const Catalogue> against) {
    std::vector<Problem> problems;
    std::vector<SharedRecord> records;
    records.reserve(rows.size());
    std::string buffer;
    for (const auto& row : rows)
      if (auto record = this->record(row, parts, *against, problems, buffer)) records.push_back(std::move(record));
    if (!problems.empty())
      throw DataError(to_diagnostics(sources, std::move(problems), [](const Problem&) { return std::nullopt; }));
    return Dataset(std::move(against), std::move(records));
  }
};

IndexQuery query_of(const PairScope& scope) {
  IndexQuery query;
  query.kind = scope.kind() == PairScope::Kind::all        ? IndexQuery::Kind::all
               : scope.kind() == PairScope::Kind::touching ? IndexQuery::Kind::touching
                                                           : IndexQuery::Kind::among;
  query.codes = scope.codes();
  return query;
}

DataLoader::DataLoader(std::vector<DataSource> sources, LoadOptions options) : state_(std::make_unique<State>()) {
  state_->sources = std::move(sources);
  state_->options = std::move(options);
}

DataLoader::~DataLoader() = default;
DataLoader::DataLoader(DataLoader&&) noexcept = default;
DataLoader& DataLoader::operator=(DataLoader&&) noexcept = default;

Dataset DataLoader::load(const PairScope& scope) {
  auto [catalogue, rows] = state_->rebuilt_if_damaged([&] {
    auto& catalogue = state_->whole_catalogue();
    return std::pair(catalogue, state_->open().pairs(query_of(scope)));
  });
  return state_->records(rows, scope.parts(), std::move(catalogue));
}

std::vector<std::string> DataLoader::codes_named(const std::vector<std::string>& terms) {
  return state_->rebuilt_if_damaged([&] {
    std::vector<std::string> codes;
    for (const auto& term : terms) {
      std::vector<std::string> named = state_->open().codes_named(fold_term(term));
      if (named.size() != 1) return std::vector<std::string>();
      codes.push_back(std::move(named.front()));
    }
    return codes;
  });
}

Dataset DataLoader::load_involved(const PairScope& scope) {
  auto [catalogue, rows] = state_->rebuilt_if_damaged([&] {
    IndexDb& index = state_->open();
    IndexQuery query = query_of(scope);
    if (scope.kind() == PairScope::Kind::among)
      for (auto& code : index.classes_of(query.codes)) query.codes.push_back(std::move(code));
    std::vector<IndexedPair> rows = index.pairs(query);
    std::vector<std::string> involved = query.codes;
    for (const auto& row : rows) involved.insert(involved.end(), row.codes.begin(), row.codes.end());
    return std::pair(index.catalogue_of(involved), std::move(rows));
  });
  return state_->records(rows, scope.parts(), std::move(catalogue));
}

std::vector<Diagnostic> DataLoader::check() {
  bool big = std::any_of(state_->sources.begin(), state_->sources.end(),
                         [&](const DataSource& s) { return s.size() >= state_->options.lazy_threshold; });
  IndexDb db = IndexDb::create(big ? "" : ":memory:");
  db.begin();
  MemberSpans spans;
  auto problems = build_index(state_->sources, build_options(state_->options), db, true, spans);
  return to_diagnostics(state_->sources, std::move(problems), [&](const Problem& p) { return piece_in(db, spans, p); });
}

SearchResult DataLoader::search(const std::vector<std::string>& words, std::size_t limit) {
  // The search index is part of the cache too: damaged, the whole index is made again.
  return state_->rebuilt_if_damaged([&] { return search_index(words, limit); });
}

SearchResult DataLoader::search_index(const std::vector<std::string>& words, std::size_t limit) {
  IndexDb& index = state_->open();
  std::shared_ptr<const Catalogue> catalogue = state_->whole_catalogue();
  SearchResult result;
  // The bundled data's search index is compiled in apart from its index.
  std::optional<IndexDb> bundled;
  if (bundled_only(state_->sources)) {
    bundled = IndexDb::open_image(bundled_search_index());
  } else if (!index.has_search()) {
    // Made once per set of layers, in the cached index when there is one.
    std::vector<IndexedPair> rows = index.pairs({});
    if (state_->index_path.empty()) {
      state_->build_search(index, rows);
    } else {
      state_->index.reset();  // its lock would keep the writer out
      {
        IndexDb writable = IndexDb::open(state_->index_path, true);
        state_->build_search(writable, rows);
      }
      state_->index = IndexDb::open(state_->index_path);
    }
    result.index_built = true;
  }
  if (words.empty()) {
    result.data = Dataset(catalogue, std::vector<SharedRecord>{});
    return result;
  }
  auto matches = (bundled ? *bundled : *state_->index).search(words, limit);
  IndexQuery query;
  query.kind = IndexQuery::Kind::ids;
  for (const auto& match : matches) query.ids.push_back(match.id);
  result.data = state_->records(state_->index->pairs(query), RecordParts::outline, catalogue);
  for (std::size_t i = 0; i < matches.size() && i < result.data.pairs().size(); ++i)
    result.matches.push_back({i, matches[i].rank, matches[i].field, matches[i].snippet});
  return result;
}

void DataLoader::export_sqlite(const std::string& path) {
  IndexDb& index = state_->open();
  const Catalogue& catalogue = *state_->whole_catalogue();
  std::string temporary = path + ".tmp";
  ::unlink(temporary.c_str());
  {
    IndexDb out = IndexDb::create(temporary);
    out.begin();
    out.put_meta("schema", index_schema);
    out.put_meta("contents", "every field of every pair record in effect");
    out.put_catalogue(catalogue);
    std::vector<Problem> problems;
    std::string buffer;
    for (const auto& row : index.pairs({})) {
      auto record = state_->record(row, RecordParts::whole, catalogue, problems, buffer);
      if (!record) continue;
      IndexedPair copy = row_of(*record);
      copy.layer = row.layer;
      copy.position = row.position;
      copy.offset = row.offset;
      copy.length = row.length;
      out.put_fields(out.put_pair(copy), *record);
    }
    if (!problems.empty()) {
      ::unlink(temporary.c_str());
      throw DataError(to_diagnostics(state_->sources, std::move(problems), [](const Problem&) { return std::nullopt; }));
    }
    out.finish();
    out.add_statistics();
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("cannot write {}: {}", path, why));
  }
}

std::pair<std::string, std::string> DataLoader::index_images() {
  IndexDb& index = state_->open();
  IndexDb search = IndexDb::create(":memory:");
  state_->build_search(search, index.pairs({}));
  return {index.serialize(), search.serialize()};
}

const std::vector<std::string>& DataLoader::warnings() const noexcept { return state_->warnings; }

Dataset load_dataset(const std::vector<DataSource>& sources, const LoadOptions& options) {
  return DataLoader(sources, options).load(PairScope::all());
}

std::vector<Diagnostic> check_sources(const std::vector<DataSource>& sources, const LoadOptions& options) {
  return DataLoader(sources, options).check();
}

}  // namespace pairinfo
