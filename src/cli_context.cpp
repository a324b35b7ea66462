// What every command shares; see cli_context.hpp.
#include "pairinfo/cli_context.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/render_json.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {

std::string_view error_code(ExitStatus status) {
  switch (status) {
    case ExitStatus::ok: return "ok";
    case ExitStatus::not_found: return "no_record";
    case ExitStatus::usage: return "usage";
    case ExitStatus::bad_data: return "bad_data";
    case ExitStatus::fail_on: return "fail_on";
    case ExitStatus::output_error: return "output_error";
    case ExitStatus::unknown_name: return "unknown_name";
    case ExitStatus::internal: return "internal";
  }
  return "internal";
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::text: return "text";
    case Format::json: return "json";
    case Format::jsonl: return "jsonl";
    case Format::markdown: return "markdown";
  }
  return "text";
}

std::optional<std::size_t> parse_width(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t value = 0;
  bool digits = text.size() <= 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) value = std::stoul(text);
  if (!digits || (value != 0 && (value < 20 || value > 1000)))
    throw Failure{ExitStatus::usage,
                  {fmt::format("--width takes 20 to 1000 columns, or 0 for automatic, not \"{}\"", quoted_term(text))}};
  if (value == 0) return std::nullopt;
  return value;
}

Format parse_format(const Options& options) {
  if (options.json && !options.format.empty() && options.format != "json")
    throw Failure{ExitStatus::usage, {fmt::format("--json and --format {} ask for different formats; give one",
                                                  escape_controls(options.format))}};
  if (options.json) return Format::json;
  if (options.format.empty() || options.format == "text") return Format::text;
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

void require_format(const Context& ctx, std::initializer_list<Format> allowed, std::string_view command) {
  if (std::find(allowed.begin(), allowed.end(), ctx.format) != allowed.end()) return;
  throw Failure{ExitStatus::usage, {fmt::format("--format {} is not available for {}", format_name(ctx.format), command)}};
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
                                 shown, escape_controls(describe_interventions(data, resolution.matches)))},
                    "ambiguous_name", term, codes_of(data, resolution.matches)};
    case Resolution::Kind::not_found: break;
  }
  std::string message = fmt::format("no intervention matches \"{}\"", shown);
  if (!resolution.matches.empty())
    message += fmt::format("; did you mean {}?", escape_controls(describe_interventions(data, resolution.matches)));
  else
    message += "; see 'pairinfo interventions'";
  throw Failure{ExitStatus::unknown_name, {message}, "", term, codes_of(data, resolution.matches)};
}

}  // namespace pairinfo::cli
