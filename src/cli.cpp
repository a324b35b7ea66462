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
#include "pairinfo/text.hpp"

#ifndef PAIRINFO_VERSION
#define PAIRINFO_VERSION "0.0.0"
#endif

namespace pairinfo::cli {
namespace {

void print_error_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "pairinfo: error: " + line + "\n";
  write_all(2, text);
}

std::string version_text(const Options& options) {
  std::string out = fmt::format("pairinfo {}\n", PAIRINFO_VERSION);
  try {
    Dataset data = DataLoader(data_sources(options), load_options(options)).load(PairScope::among({}));
    for (const auto& layer : data.layers())
      out += fmt::format("data: {} ({} interventions, {} pairs)\n", escape_controls(layer.source), layer.interventions, layer.pairs);
  } catch (const DataError& error) {
    out += "data: cannot be loaded: " + escape_controls(error.what()) + "\n";
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
    auto mode = parse_color_mode(o.color);
    if (!mode) throw Failure{ExitStatus::usage, {"--color takes auto, always or never"}};
    bool terminal = stdout_is_terminal();
    ctx.style.terminal = terminal;
    ctx.style.color = decide_color(*mode, terminal, env("NO_COLOR"), env("CLICOLOR_FORCE"));
    ctx.style.width = decide_width(o.width, env("COLUMNS"), terminal ? stdout_terminal_columns() : 0);
    ctx.style.width = std::clamp<std::size_t>(ctx.style.width, 20, 1000);
    ctx.style.verbose = o.verbose;
    status = command();
  } catch (const Failure& failure) {
    print_error_lines(failure.lines);
    return to_int(failure.status);
  } catch (const DataError& error) {
    std::vector<std::string> lines;
    for (const auto& d : error.diagnostics()) lines.push_back(format_diagnostic_brief(d));
    print_error_lines(lines);
    return to_int(ExitStatus::bad_data);
  } catch (const QueryError& error) {
    print_error_lines({escape_controls(error.what())});
    return to_int(ExitStatus::usage);
  } catch (const std::bad_alloc&) {
    print_error_lines({"out of memory"});
    return to_int(ExitStatus::bad_data);
  } catch (const std::exception& error) {
    // Never abort: anything unexpected is a bug, reported in one line.
    print_error_lines({fmt::format("internal error: {} (please report this)", escape_controls(error.what()))});
    return to_int(ExitStatus::internal);
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
  if (written.result == WriteResult::failed) {
    print_error_lines({fmt::format("cannot write output: {}", std::strerror(written.error))});
    return to_int(ExitStatus::output_error);
  }
  return to_int(status);
}

int run_in(Context& ctx, int argc, const char* const* argv) {
  // A closed pipe is reported by write() as EPIPE and handled, instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);

  Options& o = ctx.options;
  CLI::App app{"pairinfo: what is known about a pair of health interventions, offline.", "pairinfo"};
  app.footer(
      "Examples:\n"
      "  pairinfo AES-001 HRM-001            the record for microneedling + estradiol\n"
      "  pairinfo microneedling E2 --json    the same, as JSON\n"
      "  pairinfo list --with estradiol      every record that includes estradiol\n"
      "  pairinfo check estradiol smoking \"St John's wort\"\n"
      "Exit status: 0 found, 1 not found, 2 usage, 3 bad data, 4 --fail-on met, 5 output error,\n"
      "70 internal error. See man pairinfo.");
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and the data in effect");
  app.add_option("--data", o.data_files, "Also load this data file (repeatable; later files win)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_flag("--no-bundled", o.no_bundled, "Leave the compiled-in data out");
  app.add_option("-f,--format", o.format, "Output format: text, json, jsonl or markdown")->type_name("FORMAT");
  app.add_flag("--json", o.json, "Shorthand for --format json");
  app.add_option("--color", o.color, "Colour: auto, always or never")->type_name("WHEN");
  app.add_option("--width", o.width, "Wrap text to this many columns")->type_name("N");
  app.add_flag("-v,--verbose", o.verbose, "Show where each record comes from");
  app.add_flag("--pager", o.pager, "On a terminal, show long output through $PAGER (default: less -FRX)");
  app.add_option("terms", o.terms, "One intervention (its records) or two (their record): code, name or alias");

  // Subcommands get their options only when named on this command line (or for help): a
  // lookup, the common case, should not pay for building every subcommand's option table.
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
  std::vector<std::pair<CLI::App*, const Command*>> subcommands;
  for (const Command& command : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    for (std::string_view alias : command.aliases)
      if (!alias.empty()) sub->alias(std::string(alias));
    if (!command.example.empty()) sub->footer("Example: " + std::string(command.example));
    if (command.hidden) sub->group("");
    if (command.add_options && named(command)) command.add_options(*sub, o);
    sub->fallthrough();
    subcommands.emplace_back(sub, &command);
  }
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    write_all(1, app.help());
    return to_int(ExitStatus::ok);
  } catch (const CLI::CallForAllHelp&) {
    write_all(1, app.help("", CLI::AppFormatMode::All));
    return to_int(ExitStatus::ok);
  } catch (const CLI::ParseError& error) {
    // Help asked of a subcommand arrives as CallForHelp too; everything else is a usage error.
    print_error_lines({escape_controls(error.what()) + "; see 'pairinfo --help'"});
    return to_int(ExitStatus::usage);
  }

  return execute(ctx, [&]() -> ExitStatus {
    if (show_version) {
      // After parsing, so that --data and --no-bundled anywhere on the line count.
      ctx.out = version_text(o);
      return ExitStatus::ok;
    }
    for (const auto& [sub, command] : subcommands)
      if (sub->parsed()) return command->run(ctx);
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
