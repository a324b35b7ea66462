// The command line's entry point: parses with CLI11 (cli_commands.hpp has the table), runs
// one command, and is the only place errors are printed and exit statuses chosen.
#include "pairinfo/cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "pairinfo/cli_commands.hpp"
#include "pairinfo/cli_context.hpp"
#include "pairinfo/cli_environment.hpp"
#include "pairinfo/exit_status.hpp"
#include "pairinfo/output.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/text.hpp"

#ifndef PAIRINFO_VERSION
#define PAIRINFO_VERSION "0.0.0"
#endif

namespace pairinfo::cli {
namespace {

// Prints a failure on standard error, one line each, and with JSON output one JSON object
// too, so that scripts can read it; returns its exit status.
int report(const Context& ctx, const Failure& failure, bool as_text = true) {
  std::string text, message;
  for (const auto& line : failure.lines) {
    if (as_text) text += "pairinfo: error: " + line + "\n";
    message += (message.empty() ? "" : "\n") + line;
  }
  if (ctx.json_errors) {
    nlohmann::json error = {{"code", failure.code.empty() ? std::string(error_code(failure.status)) : failure.code},
                            {"message", message},
                            {"term", failure.term.empty() ? nlohmann::json(nullptr) : nlohmann::json(failure.term)},
                            {"suggestions", failure.suggestions}};
    text += dump_json({{"error", error}}, false) + "\n";
  }
  write_all(2, text);
  return to_int(failure.status);
}

// Whether the command line asks for JSON, read before parsing so that a parse error can be
// reported as JSON too.
bool wants_json(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--json" || arg == "--format=json" || arg == "--format=jsonl" || arg == "-fjson" || arg == "-fjsonl")
      return true;
    if ((arg == "--format" || arg == "-f") && i + 1 < argc &&
        (std::string_view(argv[i + 1]) == "json" || std::string_view(argv[i + 1]) == "jsonl"))
      return true;
  }
  return false;
}

std::string version_text(const Options& options) {
  std::string out = fmt::format("pairinfo {}\n", PAIRINFO_VERSION);
  try {
    Dataset data = DataLoader(data_sources(options), load_options(options)).load(PairScope::among({}));
    for (const auto& layer : data.layers())
      out += fmt::format("data: {} ({} interventions, {} pairs)\n", escape_controls(layer.source), layer.interventions, layer.pairs);
  } catch (const DataError& error) {
    out += "data: cannot be loaded: " + escape_controls(error.what()) + "\n";
    if (std::string hint = user_data_hint(options, error.diagnostics()); !hint.empty()) out += "data: " + hint + "\n";
  } catch (const Failure& failure) {
    out += "data: none\n";
  } catch (const std::exception& error) {
    out += "data: cannot be loaded: " + escape_controls(error.what()) + "\n";
  }
  return out;
}

// Runs a parsed command line: chooses the output style, runs `command`, prints its output
// or its error and maps the outcome to an exit status.
template <typename Command>
int execute(Context& ctx, Command&& command) {
  const Options& o = ctx.options;
  ExitStatus status = ExitStatus::ok;
  // Warnings (an unwritable cache) are worth one line each, whatever the outcome.
  struct WarningPrinter {
    Context& ctx;
    ~WarningPrinter() {
      if (!ctx.loader) return;
      std::string text;
      for (const auto& warning : ctx.loader->warnings()) text += "pairinfo: warning: " + escape_controls(warning) + "\n";
      write_all(2, text);
    }
  } warning_printer{ctx};
  try {
    ctx.format = parse_format(o);
    ctx.json_errors = ctx.format == Format::json || ctx.format == Format::jsonl;
    auto mode = parse_color_mode(o.color);
    if (!mode) throw Failure{ExitStatus::usage, {"--color takes auto, always or never"}};
    bool terminal = stdout_is_terminal();
    ctx.style.terminal = terminal;
    ctx.style.color = decide_color(*mode, terminal, env("NO_COLOR"), env("CLICOLOR_FORCE"));
    ctx.style.width = decide_width(parse_width(o.width), env("COLUMNS"), terminal ? stdout_terminal_columns() : 0);
    ctx.style.width = std::clamp<std::size_t>(ctx.style.width, 20, 1000);  // COLUMNS or the terminal's
    ctx.style.verbose = o.verbose;
    status = command();
  } catch (const Failure& failure) {
    return report(ctx, failure);
  } catch (const DataError& error) {
    std::vector<std::string> lines;
    for (const auto& d : error.diagnostics()) lines.push_back(format_diagnostic_brief(d));
    // A broken user layer would break every command: say which, and how to leave it out.
    Failure failure{ExitStatus::bad_data, lines};
    if (std::string hint = user_data_hint(o, error.diagnostics()); !hint.empty()) {
      failure.lines.push_back(std::move(hint));
      failure.suggestions.emplace_back("--no-user-data");
    }
    return report(ctx, failure);
  } catch (const QueryError& error) {
    return report(ctx, Failure{ExitStatus::usage, {escape_controls(error.what())}});
  } catch (const std::bad_alloc&) {
    return report(ctx, Failure{ExitStatus::bad_data, {"out of memory"}, "out_of_memory"});
  } catch (const std::exception& error) {
    // Never abort: anything unexpected is a bug, reported in one line.
    return report(ctx, Failure{ExitStatus::internal, {fmt::format("internal error: {} (please report this)", escape_controls(error.what()))}});
  }

  if (ctx.style.terminal) {
    // PAIRINFO_PAGER names a pager to use without asking; --pager uses PAGER. Never in a pipe.
    const char* configured = env("PAIRINFO_PAGER");
    std::string pager = configured && *configured ? configured : "";
    if (pager.empty() && o.pager) pager = env("PAGER") && *env("PAGER") ? env("PAGER") : "less -FRX";
    if (!pager.empty() && page_output(pager, ctx.out)) return to_int(status);
  }
  WriteOutcome written = write_all(1, ctx.out);
  if (written.result == WriteResult::broken_pipe) return to_int(status);  // the reader left; not our failure
  if (written.result == WriteResult::failed)
    return report(ctx, Failure{ExitStatus::output_error, {fmt::format("cannot write output: {}", std::strerror(written.error))}});
  if (ctx.also_report && ctx.json_errors) {
    // Only the JSON object: the answer on standard output already says it in words.
    report(ctx, *ctx.also_report, false);
  }
  return to_int(status);
}

// Help goes to standard output like any answer: an error writing it is an output error.
int write_help(const Context& ctx, const std::string& text) {
  WriteOutcome written = write_all(1, text);
  if (written.result == WriteResult::failed)
    return report(ctx, Failure{ExitStatus::output_error, {fmt::format("cannot write output: {}", std::strerror(written.error))}});
  return to_int(ExitStatus::ok);
}

// The first option on the line that no command defines, and the defined option one or two
// slips from it (or empty).
std::pair<std::string, std::string> unknown_option(const CLI::App& app, int argc, const char* const* argv) {
  std::vector<std::string> names;
  auto collect = [&names](const CLI::App& from) {
    for (const CLI::Option* option : from.get_options())
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  };
  collect(app);
  for (const CLI::App* sub : app.get_subcommands({})) collect(*sub);
  std::vector<std::string_view> candidates(names.begin(), names.end());
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 3 || arg.substr(0, 2) != "--") continue;
    arg = arg.substr(0, arg.find('='));
    if (std::find(candidates.begin(), candidates.end(), arg) != candidates.end()) continue;
    return {std::string(arg), std::string(nearest_word(arg, candidates))};
  }
  return {};
}

// The first word of the command line that is neither an option nor an option's value.
std::string_view first_word(const CLI::App& app, int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") return i + 1 < argc ? argv[i + 1] : "";
    if (!arg.empty() && arg.front() == '-') {
      // An option of the main command that takes a separate value skips it.
      if (arg.find('=') == std::string_view::npos) {
        try {
          const CLI::Option* option = app.get_option(std::string(arg));
          if (option->get_type_size() > 0) ++i;
        } catch (const CLI::OptionNotFound&) {
        }
      }
      continue;
    }
    return arg;
  }
  return {};
}

// The help of `app` itself (CLI::App::help would describe the subcommand that was parsed).
std::string help_of(const CLI::App& app, const std::string& name) {
  return app.get_formatter()->make_help(&app, name, CLI::AppFormatMode::Normal);
}

int run_in(Context& ctx, int argc, const char* const* argv) {
  // A closed pipe is reported by write() as EPIPE and handled, instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);

  Options& o = ctx.options;
  ctx.json_errors = wants_json(argc, argv);
  CLI::App app{"pairinfo: what is known about a pair of health interventions, offline.", "pairinfo"};
  app.footer(
      "Examples:\n"
      "  pairinfo AES-001 HRM-001            the record for microneedling + estradiol\n"
      "  pairinfo microneedling E2 --json    the same, as JSON\n"
      "  pairinfo list --with estradiol      every record that includes estradiol\n"
      "  pairinfo check estradiol smoking \"St John's wort\"\n"
      "Exit status: 0 found, 1 no record (or no result), 2 usage, 3 bad data, 4 --fail-on met,\n"
      "5 output error, 6 unknown name (a check with one is incomplete), 70 internal error.\n"
      "See 'pairinfo help COMMAND' and man pairinfo.");
  bool show_version = false;
  app.add_flag("-V,--version", show_version, "Print the version and the data in effect");
  app.add_option("--data", o.data_files, "Also load this data file (repeatable; later files win)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_flag("--no-bundled", o.no_bundled, "Leave the compiled-in data out");
  app.add_flag("--no-user-data", o.no_user_data,
               "Leave the user data (~/.local/share/pairinfo, PAIRINFO_DATA) out; also PAIRINFO_NO_USER_DATA=1");
  app.add_option("-f,--format", o.format, "Output format: text, json, jsonl or markdown")->type_name("FORMAT");
  app.add_flag("--json", o.json, "Shorthand for --format json");
  app.add_option("--color", o.color, "Colour: auto, always or never")->type_name("WHEN");
  app.add_option("--width", o.width, "Wrap text to N columns (20 to 1000; 0: automatic)")->type_name("N");
  app.add_flag("-v,--verbose", o.verbose, "Show where each record comes from");
  app.add_flag("--pager", o.pager, "On a terminal, show long output through $PAGER (default: less -FRX)");
  app.add_flag("--brief", o.brief, "A pair's record in brief: verdict, summary, cautions (about 20 lines)");
  add_sort_option(app, o);
  app.add_option("terms", o.terms, "One intervention (its records) or two (their record): code, name or alias");

  // Building CLI11's tables costs more than a lookup itself, so only what the line needs is
  // built: the subcommands named on it (none for a lookup, the common case, or for a
  // mistyped command, which the lookup answers), with their options. Help gets everything.
  bool for_help = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg.substr(0, 6) == "--help") for_help = true;
  }
  auto named = [&](const Command& command) {
    if (for_help) return true;
    for (int i = 1; i < argc; ++i) {
      if (argv[i] == command.name) return true;
      for (std::string_view alias : command.aliases)
        if (!alias.empty() && argv[i] == alias) return true;
    }
    return false;
  };
  if (const Command* help = find_command("help"); help && named(*help)) for_help = true;  // it lists them all
  std::vector<std::pair<CLI::App*, const Command*>> subcommands;
  for (const Command& command : commands()) {
    if (!named(command)) continue;
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    for (std::string_view alias : command.aliases)
      if (!alias.empty()) sub->alias(std::string(alias));
    if (!command.example.empty()) sub->footer("Example: " + std::string(command.example));
    if (command.hidden) sub->group("");
    if (command.add_options) command.add_options(*sub, o);
    sub->fallthrough();
    subcommands.emplace_back(sub, &command);
  }
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    // Asked of a subcommand (`pairinfo list --help`), the help is that subcommand's.
    for (const auto& [sub, command] : subcommands)
      if (sub->parsed()) return write_help(ctx, help_of(*sub, "pairinfo " + sub->get_name()));
    return write_help(ctx, help_of(app, "pairinfo"));
  } catch (const CLI::CallForAllHelp&) {
    return write_help(ctx, app.help("", CLI::AppFormatMode::All));
  } catch (const CLI::ParseError& error) {
    // `pairinfo lsit --with X`: the options are not the list's because the command is mistyped.
    if (std::string_view word = first_word(app, argc, argv); !word.empty() && !find_command(word)) {
      if (std::string_view command = suggest_command(word); !command.empty()) {
        return report(ctx, Failure{ExitStatus::usage,
                                   {fmt::format("\"{}\" is not a command; did you mean '{}'? See 'pairinfo help'",
                                                quoted_term(word), command)},
                                   "unknown_command", std::string(word), {std::string(command)}});
      }
    }
    auto [option, nearest] = unknown_option(app, argc, argv);
    Failure failure{ExitStatus::usage,
                    {escape_controls(error.what()) +
                     (nearest.empty() ? std::string("; see 'pairinfo help'") : fmt::format("; did you mean {}?", nearest))},
                    "", option};
    if (!nearest.empty()) failure.suggestions.push_back(nearest);
    return report(ctx, failure);
  }

  // `pairinfo help [COMMAND]`, as git has it.
  for (const auto& [sub, command] : subcommands) {
    if (!sub->parsed() || command->run) continue;
    if (o.help_topic.empty()) return write_help(ctx, help_of(app, "pairinfo"));
    for (const auto& [other, described] : subcommands)
      if (!described->hidden && (described->name == o.help_topic || find_command(o.help_topic) == described))
        return write_help(ctx, help_of(*other, "pairinfo " + other->get_name()));
    std::string_view nearest = suggest_command(o.help_topic);
    Failure failure{ExitStatus::usage,
                    {fmt::format("no command \"{}\"{}", quoted_term(o.help_topic),
                                 nearest.empty() ? "; see 'pairinfo help'" : fmt::format("; did you mean {}?", nearest))},
                    "unknown_command", o.help_topic};
    if (!nearest.empty()) failure.suggestions.emplace_back(nearest);
    return report(ctx, failure);
  }

  return execute(ctx, [&]() -> ExitStatus {
    if (show_version) {
      // After parsing, so that --data and --no-bundled anywhere on the line count.
      ctx.out = version_text(o);
      return ExitStatus::ok;
    }
    for (const auto& [sub, command] : subcommands) {
      if (!sub->parsed()) continue;
      // No word is ignored: `pairinfo warfarin scales` is not `pairinfo scales`.
      if (!o.terms.empty())
        throw Failure{ExitStatus::usage,
                      {fmt::format("\"{}\" comes before the command '{}'; put the command first", quoted_term(o.terms.front()),
                                   command->name)}};
      return command->run(ctx);
    }
    return run_lookup(ctx);
  });
}

}  // namespace

Finished run_command(int argc, const char* const* argv) {
  auto ctx = std::make_shared<Context>();
  int status = run_in(*ctx, argc, argv);
  return {status, std::move(ctx)};
}

int run(int argc, const char* const* argv) { return run_command(argc, argv).status; }

}  // namespace pairinfo::cli
