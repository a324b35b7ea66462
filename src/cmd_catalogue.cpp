// `search`, `interventions`, `scales` and `sources`: what the data holds.
#include <fmt/format.h>

#include "pairinfo/cli_commands.hpp"
#include "pairinfo/cli_environment.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {

ExitStatus run_search(Context& ctx) {
  require_format(ctx, {Format::text, Format::json, Format::jsonl}, "search");
  SearchResult result = open_data(ctx).search(search_words(ctx.options.words), ctx.options.limit);
  const Dataset& data = result.data;
  auto hits = search_hits(result.matches);
  if (ctx.format == Format::text) {
    emit(ctx, text_search(data, hits, ctx.style));
  } else {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : hits) items.push_back(json_search_hit(data, hit));
    emit_json_list(ctx, items);
  }
  return hits.empty() ? ExitStatus::not_found : ExitStatus::ok;
}

ExitStatus run_interventions(Context& ctx) {
  require_format(ctx, {Format::text, Format::json, Format::jsonl}, "interventions");
  // Only counted, so outlines are enough.
  Dataset data = open_data(ctx).load(PairScope::all().keeping(RecordParts::outline));
  auto indexes = list_interventions(data, ctx.options.category);
  // No word is ignored: `interventions vitamin` lists the vitamins.
  if (!ctx.options.intervention_words.empty())
    indexes = interventions_matching(data, indexes, ctx.options.intervention_words);
  if (ctx.format == Format::text) {
    emit(ctx, text_interventions(data, indexes, ctx.style));
  } else {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t index : indexes) items.push_back(json_intervention(data, index));
    emit_json_list(ctx, items);
  }
  return indexes.empty() ? ExitStatus::not_found : ExitStatus::ok;
}

ExitStatus run_scales(Context& ctx) {
  require_format(ctx, {Format::text, Format::json}, "scales");
  Dataset data = open_data(ctx).load(PairScope::among({}));
  if (ctx.format == Format::text) emit(ctx, text_scales(data, ctx.style));
  else emit(ctx, dump_json(json_scales(data), true) + "\n");
  return ExitStatus::ok;
}

ExitStatus run_sources(Context& ctx) {
  require_format(ctx, {Format::text, Format::json}, "sources");
  Dataset data = open_data(ctx).load(PairScope::among({}));
  if (ctx.format == Format::text) emit(ctx, text_sources(data, ctx.style));
  else emit(ctx, dump_json(json_sources(data), true) + "\n");
  return ExitStatus::ok;
}

}  // namespace pairinfo::cli
