// `pairinfo check A B C...`: every known pair among a regimen.
#include <fmt/format.h>

#include "pairinfo/cli_commands.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/render_markdown.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {
namespace {

// The place of --fail-on's level on the significance scale; throws Failure for an unknown level.
std::optional<std::size_t> fail_on_rank(const Dataset& data, const std::string& wanted) {
  if (wanted.empty()) return std::nullopt;
  std::string folded = fold_term(wanted);
  const auto& levels = data.scales().significance.entries;
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (fold_term(levels[i].id) == folded || fold_term(levels[i].name) == folded) return i;
  std::string known;
  for (const auto& level : levels) known += (known.empty() ? "" : ", ") + level.id;
  throw Failure{ExitStatus::usage, {fmt::format("unknown --fail-on level \"{}\" (known: {})", escape_controls(wanted), known)}};
}

ExitStatus finish_check(Context& ctx, const Dataset& data, const std::vector<std::pair<std::string, std::size_t>>& resolved,
                        std::optional<std::size_t> fail_rank) {
  RegimenCheck check = check_regimen(data, resolved);
  if (check.interventions.size() < 2)
    throw Failure{ExitStatus::usage, {"check needs at least two different interventions"}};
  switch (ctx.format) {
    case Format::text: emit(ctx, text_check(data, check, ctx.options.full, ctx.style)); break;
    case Format::json: emit(ctx, dump_json(json_check(data, check), true) + "\n"); break;
    case Format::jsonl: emit(ctx, dump_json(json_check(data, check), false) + "\n"); break;
    case Format::markdown: emit(ctx, markdown_check(data, check)); break;
  }
  if (fail_rank) {
    for (std::size_t index : check.found) {
      int rank = severity_rank(data, data.pairs()[index]);
      if (rank >= 0 && static_cast<std::size_t>(rank) >= *fail_rank) return ExitStatus::fail_on;
    }
  }
  return ExitStatus::ok;
}

}  // namespace

ExitStatus run_check(Context& ctx) {
  if (ctx.options.check_terms.empty())
    throw Failure{ExitStatus::usage, {"check needs at least two interventions, e.g. 'pairinfo check estradiol smoking'"}};
  DataLoader& loader = open_data(ctx);
  Dataset catalogue = loader.load(PairScope::among({}));
  std::optional<std::size_t> fail_rank = fail_on_rank(catalogue, ctx.options.fail_on);
  // Resolve every term first, so that one run reports every unknown term.
  std::vector<std::pair<std::string, std::size_t>> resolved;
  Failure failure{ExitStatus::ok, {}};
  std::size_t unnamed = 0;
  for (const auto& term : ctx.options.check_terms) {
    try {
      resolved.emplace_back(term, resolve_or_fail(catalogue, term));
    } catch (Failure& f) {
      if (failure.status == ExitStatus::ok || f.status == ExitStatus::not_found) failure.status = f.status;
      // Thousands of bad terms need not all be named.
      if (failure.lines.size() < 20) failure.lines.insert(failure.lines.end(), f.lines.begin(), f.lines.end());
      else ++unnamed;
    }
  }
  if (unnamed > 0) failure.lines.push_back(fmt::format("... and {} more terms that did not resolve", unnamed));
  if (failure.status != ExitStatus::ok) throw failure;
  std::vector<std::size_t> indexes;
  for (const auto& entry : resolved) indexes.push_back(entry.second);
  PairScope scope = PairScope::among(codes_of(catalogue, indexes));
  // JSON and --full show whole records; text and Markdown only summaries and cautions.
  bool whole = ctx.format == Format::json || ctx.format == Format::jsonl || ctx.options.full;
  Dataset records = loader.load(scope.keeping(whole ? RecordParts::whole : RecordParts::summary));
  return finish_check(ctx, records, resolved, fail_rank);
}

}  // namespace pairinfo::cli
