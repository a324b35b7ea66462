// `pairinfo check A B C...`: every known pair among a regimen, reported even when some names are not recognised.
#include <fmt/format.h>

#include "pairinfo/cli_commands.hpp"
#include "pairinfo/cli_environment.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/render_markdown.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/resolve.hpp"
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

// The one intervention `name` names exactly, if any.
std::optional<std::size_t> exactly(const Dataset& data, const std::string& name) {
  auto matches = data.matching(fold_term(name));
  if (matches.size() != 1) return std::nullopt;
  return matches.front();
}

struct Terms {
  std::vector<std::pair<std::string, std::size_t>> resolved;
  std::vector<UnresolvedTerm> unresolved;
};

// Each term resolved on its own; a term that does not resolve is joined with the next words
// when together they name one intervention ("fish" "oil"), as a lookup does.
Terms resolve_terms(const Dataset& data, const std::vector<std::string>& terms) {
  Terms out;
  std::vector<Resolution> resolutions;
  resolutions.reserve(terms.size());
  for (const auto& term : terms) resolutions.push_back(resolve_term(data, term));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const Resolution& resolution = resolutions[i];
    bool next_alone = i + 1 < terms.size() && resolutions[i + 1].kind == Resolution::Kind::found;
    if ((resolution.kind != Resolution::Kind::found || !next_alone) && !fold_term(terms[i]).empty()) {
      std::string name = terms[i];
      bool joined = false;
      for (std::size_t end = i + 1; end < terms.size() && end < i + 4 && !joined && !fold_term(terms[end]).empty(); ++end) {
        name += ' ';
        name += terms[end];
        if (auto index = exactly(data, name)) {
          out.resolved.emplace_back(name, *index);
          i = end;
          joined = true;
        }
      }
      if (joined) continue;
    }
    if (resolution.kind == Resolution::Kind::found)
      out.resolved.emplace_back(terms[i], resolution.matches.front());
    else
      out.unresolved.push_back({terms[i], resolution.kind == Resolution::Kind::ambiguous, resolution.matches});
  }
  return out;
}

// The check of the resolved terms against their records, in the format asked for.
ExitStatus report(Context& ctx, const Dataset& data, Terms terms, std::optional<std::size_t> fail_rank) {
  RegimenCheck check = check_regimen(data, terms.resolved);
  check.unresolved = std::move(terms.unresolved);
  if (!check.unresolved.empty()) {
    // For scripts reading standard error (JSON output): the check is incomplete, and why.
    const UnresolvedTerm& first = check.unresolved.front();
    ctx.also_report = Failure{ExitStatus::unknown_name,
                              {fmt::format("{} of the names given {} not recognised; the check is incomplete",
                                           check.unresolved.size(), check.unresolved.size() == 1 ? "is" : "are")},
                              "", first.term, codes_of(data, first.suggestions)};
  }
  switch (ctx.format) {
    case Format::text: emit(ctx, text_check(data, check, ctx.options.full, ctx.style)); break;
    case Format::json: emit(ctx, dump_json(json_check(data, check), true) + "\n"); break;
    case Format::jsonl: emit(ctx, dump_json(json_check(data, check), false) + "\n"); break;
    case Format::markdown: emit(ctx, markdown_check(data, check)); break;
  }
  // A met --fail-on comes first: a script gating on it must stop whatever else happened.
  if (fail_rank) {
    for (std::size_t index : check.found) {
      int rank = severity_rank(data, data.pairs()[index]);
      if (rank >= 0 && static_cast<std::size_t>(rank) >= *fail_rank) return ExitStatus::fail_on;
    }
  }
  // An incomplete check never passes.
  return check.unresolved.empty() ? ExitStatus::ok : ExitStatus::unknown_name;
}

}  // namespace

ExitStatus run_check(Context& ctx) {
  if (ctx.options.check_terms.empty())
    throw Failure{ExitStatus::usage, {"check needs at least two interventions, e.g. 'pairinfo check estradiol smoking'"}};
  DataLoader& loader = open_data(ctx);
  // JSON and --full show whole records; text and Markdown only summaries and cautions.
  bool whole = ctx.format == Format::json || ctx.format == Format::jsonl || ctx.options.full;
  RecordParts parts = whole ? RecordParts::whole : RecordParts::summary;
  // Terms that each name one intervention, and not all the same one, are found in the index,
  // with only the interventions the check involves. Anything else is resolved against the
  // whole catalogue, which explains a miss.
  std::vector<std::string> named = loader.codes_named(ctx.options.check_terms);
  if (std::any_of(named.begin(), named.end(), [&](const std::string& code) { return !same_code(code, named[0]); })) {
    // --fail-on is checked first, as below: a mistake in it is reported whatever the data.
    std::optional<std::size_t> fail_rank;
    if (!ctx.options.fail_on.empty()) fail_rank = fail_on_rank(loader.load_involved(PairScope::among({})), ctx.options.fail_on);
    Dataset data = loader.load_involved(PairScope::among(named).keeping(parts));
    Terms terms;
    for (std::size_t i = 0; i < named.size(); ++i)
      terms.resolved.emplace_back(ctx.options.check_terms[i], data.find_code(named[i]));
    return report(ctx, data, std::move(terms), fail_rank);
  }
  Dataset catalogue = loader.load(PairScope::among({}));
  std::optional<std::size_t> fail_rank = fail_on_rank(catalogue, ctx.options.fail_on);
  Terms terms = resolve_terms(catalogue, ctx.options.check_terms);
  std::vector<std::size_t> indexes;
  for (const auto& entry : terms.resolved)
    if (std::find(indexes.begin(), indexes.end(), entry.second) == indexes.end()) indexes.push_back(entry.second);
  if (indexes.size() < 2) {
    if (terms.unresolved.empty()) throw Failure{ExitStatus::usage, {"check needs at least two different interventions"}};
    // Too few names left to check any pair: the unresolved ones are the answer.
    Failure failure{ExitStatus::unknown_name, {}};
    for (const auto& miss : terms.unresolved) {
      // Thousands of bad terms need not all be named.
      if (failure.lines.size() == 20) {
        failure.lines.push_back(fmt::format("... and {} more terms that did not resolve", terms.unresolved.size() - 20));
        break;
      }
      failure.lines.push_back(fmt::format("\"{}\": {}", quoted_term(miss.term),
                                          escape_controls(describe_miss(catalogue, miss.ambiguous, miss.suggestions))));
    }
    failure.lines.push_back("check needs at least two interventions that are recognised");
    failure.term = terms.unresolved.front().term;
    failure.suggestions = codes_of(catalogue, terms.unresolved.front().suggestions);
    throw failure;
  }
  // Their records, and their classes' (a statin's pair may be answered by the statins').
  std::vector<std::string> codes = codes_of(catalogue, indexes);
  for (std::size_t index : indexes)
    for (std::uint32_t cls : catalogue.catalogue()->classes_of(index)) codes.push_back(catalogue.interventions()[cls].code);
  return report(ctx, loader.load(PairScope::among(codes).keeping(parts)), std::move(terms), fail_rank);
}

}  // namespace pairinfo::cli
