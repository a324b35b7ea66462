// `pairinfo X [Y]` and `pairinfo list`: a pair's record, or one line per record.
#include <fmt/format.h>

#include "pairinfo/cli_commands.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/render_markdown.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {
namespace {

ExitStatus print_pair_list(Context& ctx, const Dataset& data, const std::vector<std::size_t>& records) {
  if (ctx.format == Format::text) {
    emit(ctx, text_pair_lines(data, records, ctx.style));
  } else {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t index : records) items.push_back(json_pair_brief(data, data.pairs()[index]));
    emit_json_list(ctx, items);
  }
  return records.empty() ? ExitStatus::not_found : ExitStatus::ok;
}

}  // namespace

ExitStatus run_lookup(Context& ctx) {
  const auto& terms = ctx.options.terms;
  if (terms.empty())
    throw Failure{ExitStatus::usage, {"nothing to look up: try 'pairinfo AES-001 HRM-001' or 'pairinfo --help'"}};
  // Resolve against the catalogue first, then decode only the records the answer needs.
  DataLoader& loader = open_data(ctx);
  Dataset catalogue = loader.load(PairScope::among({}));
  // A first word that names no intervention but is one slip from a command is a mistyped
  // command (`pairinfo serch bleeding`); one that resolves stays a lookup.
  if (resolve_term(catalogue, terms.front()).kind == Resolution::Kind::not_found) {
    std::string_view command = suggest_command(terms.front());
    if (!command.empty())
      throw Failure{ExitStatus::usage, {fmt::format("\"{}\" is neither a command nor an intervention; did you mean '{}'? "
                                                    "See 'pairinfo help'",
                                                    quoted_term(terms.front()), command)}};
  }
  if (terms.size() > 2)
    throw Failure{ExitStatus::usage,
                  {fmt::format("a lookup takes one or two interventions, not {}; use 'pairinfo check' for a regimen",
                               terms.size())}};
  std::vector<std::size_t> resolved;
  for (const auto& term : terms) resolved.push_back(resolve_or_fail(catalogue, term));
  if (terms.size() == 1) {
    require_format(ctx, {Format::text, Format::json, Format::jsonl}, "a one-intervention lookup");
    Dataset data = loader.load(PairScope::touching(codes_of(catalogue, resolved)).keeping(RecordParts::outline));
    std::size_t a = resolved[0];
    const InterventionView first = data.interventions()[a];
    ListFilter filter;
    filter.with = a;
    std::vector<std::size_t> records = list_pairs(data, filter);
    if (records.empty())
      throw Failure{ExitStatus::not_found,
                    {escape_controls(fmt::format("no records include {} ({})", first.code, first.name))}};
    return print_pair_list(ctx, data, records);
  }
  Dataset data = loader.load(PairScope::among(codes_of(catalogue, resolved)));
  std::size_t a = resolved[0], b = resolved[1];
  const InterventionView first = data.interventions()[a];
  const InterventionView second = data.interventions()[b];
  if (a == b)
    throw Failure{ExitStatus::usage,
                  {escape_controls(fmt::format("\"{}\" and \"{}\" both name {} ({}); a pair needs two interventions",
                                               terms[0], terms[1], first.code, first.name))}};
  std::size_t index = data.find_pair(first.code, second.code);
  if (index == Dataset::npos)
    throw Failure{ExitStatus::not_found,
                  {escape_controls(fmt::format(
                      "no record for {} ({}) + {} ({}); see 'pairinfo list --with {}' and 'pairinfo list --with {}'",
                      first.code, first.name, second.code, second.name, first.code, second.code))}};
  const PairRecord& record = data.pairs()[index];
  switch (ctx.format) {
    case Format::text: emit(ctx, text_pair(data, record, ctx.style)); break;
    case Format::json: emit(ctx, dump_json(json_pair_answer(data, record), true) + "\n"); break;
    case Format::jsonl: emit(ctx, dump_json(json_pair_answer(data, record), false) + "\n"); break;
    case Format::markdown: emit(ctx, markdown_pair(data, record)); break;
  }
  return ExitStatus::ok;
}

ExitStatus run_list(Context& ctx) {
  require_format(ctx, {Format::text, Format::json, Format::jsonl}, "list");
  DataLoader& loader = open_data(ctx);
  ListFilter filter;
  Dataset data;
  if (!ctx.options.with.empty()) {
    Dataset catalogue = loader.load(PairScope::among({}));
    filter.with = resolve_or_fail(catalogue, ctx.options.with);
    data = loader.load(PairScope::touching(codes_of(catalogue, {*filter.with})).keeping(RecordParts::outline));
  } else {
    data = loader.load(PairScope::all().keeping(RecordParts::outline));
  }
  filter.category = ctx.options.category;
  filter.tier = ctx.options.tier;
  filter.significance = ctx.options.effect;
  return print_pair_list(ctx, data, list_pairs(data, filter));
}

}  // namespace pairinfo::cli
