// `pairinfo X [Y]` and `pairinfo list`: a pair's record, or one line per record.
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

ListOrder list_order(const Options& options) {
  return options.sort.empty() ? ListOrder::severity : parse_list_order(options.sort).value_or(ListOrder::severity);
}

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

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

// The one or two interventions a lookup's words name. Each word is a name as typed when
// that works; otherwise the words are read as names typed without quotes ("warfarin fish
// oil"), which must have exactly one reading.
std::vector<std::size_t> lookup_terms(const Dataset& catalogue, const std::vector<std::string>& terms) {
  if (terms.size() <= 2) {
    std::vector<std::size_t> resolved;
    for (const auto& term : terms) {
      Resolution resolution = resolve_term(catalogue, term);
      if (resolution.kind != Resolution::Kind::found) break;
      resolved.push_back(resolution.matches.front());
    }
    if (resolved.size() == terms.size()) return resolved;
  }
  std::vector<Reading> found = readings(catalogue, terms, 2);
  if (found.size() == 1) return found.front().interventions;
  if (found.size() > 1) {
    std::vector<std::string> lines = {
        fmt::format("\"{}\" can be read in {} ways; quote the names you mean:", quoted_term(join(terms)), found.size())};
    for (const Reading& reading : found) {
      std::string line = "  ";
      for (std::size_t i = 0; i < reading.names.size(); ++i) {
        const InterventionView intervention = catalogue.interventions()[reading.interventions[i]];
        line += fmt::format("{}\"{}\" ({}, {})", i ? " + " : "", quoted_term(reading.names[i]),
                            escape_controls(intervention.code), escape_controls(intervention.name));
      }
      lines.push_back(line);
    }
    throw Failure{ExitStatus::usage, lines, "ambiguous_reading", join(terms)};
  }
  // A first word that names no intervention but is one slip from a command is a mistyped
  // command (`pairinfo serch bleeding`); one that resolves stays a lookup.
  if (resolve_term(catalogue, terms.front()).kind == Resolution::Kind::not_found) {
    std::string_view command = suggest_command(terms.front());
    if (!command.empty())
      throw Failure{ExitStatus::usage,
                    {fmt::format("\"{}\" is neither a command nor an intervention; did you mean '{}'? See 'pairinfo help'",
                                 quoted_term(terms.front()), command)},
                    "unknown_command", terms.front(), {std::string(command)}};
  }
  // The first word that neither names an intervention nor joins a neighbour into a name
  // stops every reading: its error says why, with suggestions.
  for (std::size_t i = 0; i < terms.size(); ++i) {
    bool alone = resolve_term(catalogue, terms[i]).kind == Resolution::Kind::found;
    bool joins = (i > 0 && !readings(catalogue, {terms[i - 1], terms[i]}, 1).empty()) ||
                 (i + 1 < terms.size() && !readings(catalogue, {terms[i], terms[i + 1]}, 1).empty());
    if (!alone && !joins) resolve_or_fail(catalogue, terms[i]);
  }
  throw Failure{ExitStatus::usage,
                {fmt::format("\"{}\" does not read as one or two interventions; quote names of several words, or use "
                             "'pairinfo check' for a regimen",
                             quoted_term(join(terms)))},
                "", join(terms)};
}

}  // namespace

ExitStatus run_lookup(Context& ctx) {
  const auto& terms = ctx.options.terms;
  if (terms.empty())
    throw Failure{ExitStatus::usage, {"nothing to look up: try 'pairinfo AES-001 HRM-001' or 'pairinfo help'"}};
  // Resolve first, then decode only the records the answer needs, with only the interventions
  // it involves. One or two terms that each name one intervention are found in the index;
  // anything else is resolved against the whole catalogue, which explains a miss.
  DataLoader& loader = open_data(ctx);
  std::vector<std::string> codes = terms.size() <= 2 ? loader.codes_named(terms) : std::vector<std::string>();
  if (codes.empty()) {
    Dataset catalogue = loader.load(PairScope::among({}));
    codes = codes_of(catalogue, lookup_terms(catalogue, terms));
  }
  if (ctx.options.brief && codes.size() != 2)
    throw Failure{ExitStatus::usage, {"--brief shows a pair's record: name two interventions"}};
  if (ctx.options.brief) require_format(ctx, {Format::text}, "--brief");
  if (codes.size() == 1) {
    require_format(ctx, {Format::text, Format::json, Format::jsonl}, "a one-intervention lookup");
    Dataset data = loader.load_involved(PairScope::touching(codes).keeping(RecordParts::outline));
    std::size_t a = data.find_code(codes[0]);
    const InterventionView first = data.interventions()[a];
    ListFilter filter;
    filter.with = a;
    filter.order = list_order(ctx.options);
    std::vector<std::size_t> records = list_pairs(data, filter);
    if (records.empty()) {
      std::string message = escape_controls(fmt::format("no records include {} ({})", first.code, first.name));
      if (ctx.format == Format::text) emit(ctx, "No records include " + message.substr(19) + ".\n" + no_record_caveat + "\n");
      else emit_json_list(ctx, nlohmann::json::array());
      ctx.also_report = Failure{ExitStatus::not_found, {message}, "no_record", terms.front()};
      return ExitStatus::not_found;
    }
    return print_pair_list(ctx, data, records);
  }
  // Their records, and those of the classes they belong to (a statin's, say).
  Dataset data = loader.load_involved(PairScope::among(codes));
  std::size_t a = data.find_code(codes[0]), b = data.find_code(codes[1]);
  const InterventionView first = data.interventions()[a];
  const InterventionView second = data.interventions()[b];
  if (a == b)
    throw Failure{ExitStatus::usage,
                  {escape_controls(fmt::format("\"{}\" and \"{}\" both name {} ({}); a pair needs two interventions",
                                               terms[0], terms[terms.size() - 1], first.code, first.name))}};
  PairAnswer answer = answer_pair(data, a, b);
  std::size_t index = answer.record;
  // What a class record says of a member: that it applies, or that it leaves the member out.
  std::string class_note;
  if (answer.via_class != Dataset::npos)
    class_note = fmt::format("{} belongs to the class {} ({}): this record on the class applies to it.",
                             data.interventions()[answer.member].name, data.interventions()[answer.via_class].name,
                             data.interventions()[answer.via_class].code);
  for (const auto& [record, member] : answer.not_applying)
    class_note += fmt::format("{}The record \"{}\" on the class does not apply to {}.", class_note.empty() ? "" : " ",
                              pair_title(data, data.pairs()[record]), data.interventions()[member].name);
  if (index == Dataset::npos) {
    // An answer, not only an error: no record is not evidence of safety, and every format says so.
    switch (ctx.format) {
      case Format::text:
        emit(ctx, (class_note.empty() ? "" : escape_controls(class_note) + "\n\n") + text_no_record(data, a, b, ctx.style));
        break;
      case Format::json:
      case Format::jsonl: {
        auto out = json_no_record(data, a, b);
        if (!class_note.empty()) out["classes"] = class_note;
        emit(ctx, dump_json(out, ctx.format == Format::json) + "\n");
        break;
      }
      case Format::markdown: emit(ctx, markdown_no_record(data, a, b) + (class_note.empty() ? "" : "\n" + class_note + "\n")); break;
    }
    ctx.also_report = Failure{ExitStatus::not_found,
                              {escape_controls(fmt::format("no record for {} ({}) + {} ({}). {}", first.code, first.name,
                                                           second.code, second.name, no_record_caveat))},
                              "no_record", join(terms)};
    return ExitStatus::not_found;
  }
  const PairRecord& record = data.pairs()[index];
  switch (ctx.format) {
    case Format::text:
      emit(ctx, (class_note.empty() ? "" : escape_controls(class_note) + "\n\n") +
                    (ctx.options.brief ? text_pair_brief(data, record, ctx.style) : text_pair(data, record, ctx.style)));
      break;
    case Format::json:
    case Format::jsonl: {
      auto out = json_pair_answer(data, record);
      if (answer.via_class != Dataset::npos)
        out["via_class"] = {{"code", data.interventions()[answer.via_class].code},
                            {"member", data.interventions()[answer.member].code},
                            {"note", class_note}};
      emit(ctx, dump_json(out, ctx.format == Format::json) + "\n");
      break;
    }
    case Format::markdown: emit(ctx, (class_note.empty() ? "" : "> " + class_note + "\n\n") + markdown_pair(data, record)); break;
  }
  return ExitStatus::ok;
}

ExitStatus run_list(Context& ctx) {
  require_format(ctx, {Format::text, Format::json, Format::jsonl}, "list");
  DataLoader& loader = open_data(ctx);
  ListFilter filter;
  Dataset data;
  // No word is ignored: `list warfarin` is `list --with warfarin`.
  std::string with = ctx.options.with;
  if (!ctx.options.list_words.empty()) {
    if (!with.empty())
      throw Failure{ExitStatus::usage, {fmt::format("list takes one intervention: \"{}\" or --with \"{}\", not both",
                                                    quoted_term(join(ctx.options.list_words)), quoted_term(with))}};
    with = join(ctx.options.list_words);  // unquoted words of one name: list fish oil
  }
  // The labelling is not on a list line: filtering on it reads that much more of each record.
  RecordParts parts = ctx.options.labelling.empty() ? RecordParts::outline : RecordParts::summary;
  // A category may be known only from the interventions that have it: those need them all.
  std::vector<std::string> codes = with.empty() || !ctx.options.category.empty() ? std::vector<std::string>()
                                                                                  : loader.codes_named({with});
  if (!codes.empty()) {
    data = loader.load_involved(PairScope::touching(codes).keeping(parts));
    filter.with = data.find_code(codes[0]);
  } else if (!with.empty()) {
    Dataset catalogue = loader.load(PairScope::among({}));
    filter.with = resolve_or_fail(catalogue, with);
    data = loader.load(PairScope::touching(codes_of(catalogue, {*filter.with})).keeping(parts));
  } else {
    data = loader.load(PairScope::all().keeping(parts));
  }
  filter.labelling = ctx.options.labelling;
  filter.category = ctx.options.category;
  filter.tier = ctx.options.tier;
  filter.significance = ctx.options.effects;
  filter.min_significance = ctx.options.min_effect;
  filter.order = list_order(ctx.options);
  return print_pair_list(ctx, data, list_pairs(data, filter));
}

}  // namespace pairinfo::cli
