// What every command shares; see cli_context.hpp.
#include "pairinfo/cli_context.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/cli_environment.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {

Format parse_format(const Options& options) {
  if (options.json) return Format::json;
  if (options.format == "text") return Format::text;
  if (options.format == "json") return Format::json;
  if (options.format == "jsonl") return Format::jsonl;
  if (options.format == "markdown" || options.format == "md") return Format::markdown;
  throw Failure{ExitStatus::usage, {fmt::format("unknown format \"{}\" (use text, json, jsonl or markdown)",
                                                escape_controls(options.format))}};
}

void emit(Context& ctx, std::string text) {
  if (ctx.out.empty()) ctx.out = std::move(text);
  else ctx.out += text;
}

void emit_json_list(Context& ctx, const nlohmann::json& items) {
  if (ctx.format == Format::jsonl) {
    for (const auto& item : items) emit(ctx, dump_json(item, false) + "\n");
  } else {
    emit(ctx, dump_json(items, true) + "\n");
  }
}

DataLoader& open_data(Context& ctx) {
  if (!ctx.loader) ctx.loader.emplace(data_sources(ctx.options), load_options(ctx.options));
  return *ctx.loader;
}

void require_format(const Context& ctx, std::initializer_list<Format> allowed, std::string_view command) {
  if (std::find(allowed.begin(), allowed.end(), ctx.format) != allowed.end()) return;
  throw Failure{ExitStatus::usage, {fmt::format("--format {} is not available for {}", ctx.options.format, command)}};
}

std::vector<std::string> codes_of(const Dataset& data, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> codes;
  for (std::size_t index : indexes) codes.emplace_back(data.interventions()[index].code);
  return codes;
}

std::string quoted_term(std::string_view term) {
  std::string shown = escape_controls(term);
  if (display_width(shown) > 80) {
    shown = fit(shown, 80);
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
  }
  return shown;
}

std::size_t resolve_or_fail(const Dataset& data, const std::string& term) {
  Resolution resolution = resolve_term(data, term);
  std::string shown = quoted_term(term);
  switch (resolution.kind) {
    case Resolution::Kind::found: return resolution.matches.front();
    case Resolution::Kind::ambiguous:
      throw Failure{ExitStatus::usage,
                    {fmt::format("\"{}\" names several interventions: {}; use a code",
                                 shown, escape_controls(describe_interventions(data, resolution.matches)))}};
    case Resolution::Kind::not_found: break;
  }
  std::string message = fmt::format("no intervention matches \"{}\"", shown);
  if (!resolution.matches.empty())
    message += fmt::format("; did you mean {}?", escape_controls(describe_interventions(data, resolution.matches)));
  else
    message += "; see 'pairinfo interventions'";
  throw Failure{ExitStatus::not_found, {message}};
}

}  // namespace pairinfo::cli
