// Building the index of a set of layers from their text; see index_build.hpp.
#include "index_build.hpp"

#include <optional>
#include <string>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"
#include "pairinfo/row_writer.hpp"
#include "pairinfo/rules.hpp"

namespace pairinfo {

using json = nlohmann::json;

IndexedPair row_of(const PairRecord& record) {
  IndexedPair row;
  row.codes = record.codes;
  row.title = record.text(Field::title);
  row.tier = record.text(Field::tier);
  row.significance = record.text(Field::significance);
  row.outline = true;
  if (!record[Field::applies_to].is_null()) row.applies_to = record[Field::applies_to].dump();
  return row;
}

std::vector<Problem> build_index(const std::vector<DataSource>& sources, const BuildOptions& options, IndexDb& db,
                                 bool full, MemberSpans& spans) {
  std::vector<Problem> problems;
  std::vector<Layer> layers(sources.size());
  spans.assign(sources.size(), {});
  for (std::size_t l = 0; l < sources.size(); ++l) {
    const DataSource& source = sources[l];
    Layer& layer = layers[l];
    layer.info.source = source.name();
    Decoder decoder(l, problems, options.strict);
    const bool lazy = !full && source.size() >= options.lazy_threshold;
    // A file that is not JSON says nothing more, as a whole-file parse would: its first
    // syntax error alone is reported, and it adds nothing to the data.
    const std::size_t first_problem = problems.size();
    bool failed = false;
    auto fail = [&](std::uint64_t offset, const std::string& message) {
      if (failed) return;
      failed = true;
      problems.resize(first_problem);
      decoder.syntax_error(offset, message);
    };
    std::size_t count = 0;
    RowWriter writer(db, lazy);
    SplitVisitor visit;
    visit.member = [&](std::string_view key, Span span, std::string_view text) {
      if (failed) return;
      spans[l].emplace_back(std::string(key), span);
      try {
        decoder.member(layer, key, parse_json(text));
      } catch (const JsonSyntaxError& error) {
        fail(span.offset + error.offset(), error.what());
      }
    };
    visit.pairs_array = [&](Span span) {
      layer.has_pairs = true;
      spans[l].emplace_back("pairs", span);
    };
    visit.record = [&](std::size_t index, Span span, std::string_view text, const RecordOutline* outline) {
      if (failed) return;
      ++count;
      std::optional<IndexedPair> row;
      if (lazy && outline) {
        row.emplace();
        row->codes = {outline->code_a, outline->code_b};
        row->title = outline->title;
        row->tier = outline->tier;
        row->significance = outline->significance;
        row->outline = true;
      }
      // A record read whole: always when checked whole, and when its outline could not be
      // read, so that its problem is reported now.
      if (!row) {
        json item;
        try {
          item = parse_json(text);
        } catch (const JsonSyntaxError& error) {
          fail(span.offset + error.offset(), error.what());
          return;
        }
        if (auto record = decoder.record(item, index, RecordParts::whole))
          if (!record->codes[0].empty() && !record->codes[1].empty()) row = row_of(*record);
      }
      if (!row) return;
      row->layer = static_cast<std::uint32_t>(l);
      row->position = index;
      row->offset = span.offset;
      row->length = span.length;
      writer.put(std::move(*row));
      if (options.progress && count % 4096 == 0) options.progress(source.name(), span.offset, source.size());
    };
    ReadAhead ahead(source);
    auto error = split_records(
        source.size(),
        [&](std::uint64_t offset, std::uint64_t length, std::string& into) { return ahead.slice(offset, length, into); },
        visit);
    writer.finish();
    if (error) fail(error->offset, error->message);
    if (failed) {
      db.drop_layer(l);
      layer = Layer{};
      layer.info.source = source.name();
      spans[l].clear();
    } else {
      decoder.finish(layer);
    }
    layer.info.pairs = count;
    if (options.progress && source.size() >= options.lazy_threshold)
      options.progress(source.name(), source.size(), source.size());
  }
  auto catalogue = merge_catalogue(layers, problems);
  db.put_catalogue(*catalogue);
  for (auto& problem : db.check_pairs()) problems.push_back(std::move(problem));
  return problems;
}

}  // namespace pairinfo
