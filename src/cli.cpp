// The command line; see cli.hpp. Every error is printed here, once, as `pairinfo: error: ...`.
#include "pairinfo/cli.hpp"

#include <dirent.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <unistd.h>
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <string>
#include <vector>

#include "pairinfo/bundled.hpp"
#include "pairinfo/exit_status.hpp"
#include "pairinfo/import_csv.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/output.hpp"
#include "pairinfo/progress.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/render_markdown.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/terminal.hpp"
#include "pairinfo/text.hpp"

#ifndef PAIRINFO_VERSION
#define PAIRINFO_VERSION "0.0.0"
#endif

namespace pairinfo::cli {
namespace {

enum class Format { text, json, jsonl, markdown };

/// An error that ends the command with a status; its message is one line.
struct Failure {
  ExitStatus status;
  std::vector<std::string> lines;
};

struct Options {
  std::vector<std::string> data_files;
  bool no_bundled = false;
  std::string format = "text";
  bool json = false;
  std::string color = "auto";
  std::optional<std::size_t> width;
  bool verbose = false;
  bool pager = false;

  std::vector<std::string> terms;  // pairinfo X [Y]

  std::string with, category, tier, effect;  // list
  std::vector<std::string> words;            // search
  std::size_t limit = 20;
  std::vector<std::string> check_terms;  // check
  bool full = false;
  std::string fail_on;
  std::vector<std::string> validate_files;  // validate
  bool strict = false;
  std::string complete_kind;  // __complete

  std::string import_file, import_output, import_delimiter, import_name;  // import
  std::string col_a_code, col_a_name, col_b_code, col_b_name, col_significance, col_tier, col_summary;
  std::vector<std::string> import_map;
  bool standalone = false;
};

const char* env(const char* name) { return std::getenv(name); }

Format parse_format(const Options& options) {
  if (options.json) return Format::json;
  if (options.format == "text") return Format::text;
  if (options.format == "json") return Format::json;
  if (options.format == "jsonl") return Format::jsonl;
  if (options.format == "markdown" || options.format == "md") return Format::markdown;
  throw Failure{ExitStatus::usage, {fmt::format("unknown format \"{}\" (use text, json, jsonl or markdown)",
                                                escape_controls(options.format))}};
}

// Files in $XDG_DATA_HOME/pairinfo (default ~/.local/share/pairinfo), in name order.
std::vector<std::string> user_data_files() {
  std::string dir;
  if (const char* xdg = env("XDG_DATA_HOME"); xdg && *xdg) dir = std::string(xdg) + "/pairinfo";
  else if (const char* home = env("HOME"); home && *home) dir = std::string(home) + "/.local/share/pairinfo";
  else return {};
  std::vector<std::string> files;
  if (DIR* handle = ::opendir(dir.c_str())) {
    while (dirent* entry = ::readdir(handle)) {
      std::string name = entry->d_name;
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) files.push_back(dir + "/" + name);
    }
    ::closedir(handle);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Where indexes of big files are kept: $XDG_CACHE_HOME/pairinfo, default ~/.cache/pairinfo.
std::string cache_directory() {
  if (const char* xdg = env("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/pairinfo";
  if (const char* home = env("HOME"); home && *home) return std::string(home) + "/.cache/pairinfo";
  return {};
}

LoadOptions load_options(const Options& options) {
  LoadOptions load;
  load.strict = options.strict;
  load.cache_directory = cache_directory();
  // Lets tests exercise the big-file path on small files.
  if (const char* bytes = env("PAIRINFO_INDEX_MIN_BYTES"); bytes && *bytes) {
    try {
      load.lazy_threshold = std::stoull(bytes);
    } catch (const std::exception&) {
      throw Failure{ExitStatus::usage, {"PAIRINFO_INDEX_MIN_BYTES must be a number of bytes"}};
    }
  }
  return load;
}

// The layers in effect, in the order they apply: bundled, user data, PAIRINFO_DATA, --data.
std::vector<DataSource> data_sources(const Options& options) {
  std::vector<DataSource> sources;
  if (!options.no_bundled) sources.push_back(bundled_source());
  std::vector<std::string> paths = user_data_files();
  if (const char* list = env("PAIRINFO_DATA"); list && *list) {
    std::string_view rest(list);
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      std::string_view path = rest.substr(0, colon);
      if (!path.empty()) paths.emplace_back(path);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  paths.insert(paths.end(), options.data_files.begin(), options.data_files.end());
  std::uint64_t threshold = load_options(options).lazy_threshold;
  for (const auto& path : paths) sources.push_back(read_source(path, threshold));
  if (sources.empty()) throw Failure{ExitStatus::usage, {"--no-bundled leaves no data: name a file with --data"}};
  return sources;
}

/// Codes of interventions, for a PairScope.
std::vector<std::string> codes_of(const Dataset& data, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> codes;
  for (std::size_t index : indexes) codes.emplace_back(data.interventions()[index].code);
  return codes;
}

// What the user typed, safe and short enough to quote in a one-line message.
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

struct Context {
  Options options;
  Format format = Format::text;
  TextStyle style;
  std::string out;
  std::optional<DataLoader> loader;  // the data in effect, opened once per command
};

// Adds a command's output; the first piece is moved in, not copied (it may be megabytes).
void emit(Context& ctx, std::string text) {
  if (ctx.out.empty()) ctx.out = std::move(text);
  else ctx.out += text;
}

DataLoader& open_data(Context& ctx) {
  if (!ctx.loader) ctx.loader.emplace(data_sources(ctx.options), load_options(ctx.options));
  return *ctx.loader;
}

void require_format(const Context& ctx, std::initializer_list<Format> allowed, std::string_view command) {
  if (std::find(allowed.begin(), allowed.end(), ctx.format) != allowed.end()) return;
  throw Failure{ExitStatus::usage, {fmt::format("--format {} is not available for {}", ctx.options.format, command)}};
}

// Prints a list of JSON values as one array (json) or one value per line (jsonl).
void emit_json_list(Context& ctx, const nlohmann::json& items) {
  if (ctx.format == Format::jsonl) {
    for (const auto& item : items) emit(ctx, dump_json(item, false) + "\n");
  } else {
    emit(ctx, dump_json(items, true) + "\n");
  }
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

ExitStatus run_lookup(Context& ctx) {
  const auto& terms = ctx.options.terms;
  if (terms.empty())
    throw Failure{ExitStatus::usage, {"nothing to look up: try 'pairinfo AES-001 HRM-001' or 'pairinfo --help'"}};
  if (terms.size() > 2)
    throw Failure{ExitStatus::usage,
                  {fmt::format("a lookup takes one or two interventions, not {}; use 'pairinfo check' for a regimen",
                               terms.size())}};
  // Resolve against the catalogue first, then decode only the records the answer needs.
  DataLoader& loader = open_data(ctx);
  Dataset catalogue = loader.load(PairScope::among({}));
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

ExitStatus run_search(Context& ctx) {
  require_format(ctx, {Format::text, Format::json, Format::jsonl}, "search");
  // Narrow big files to the records that may match before decoding any of them.
  DataLoader& loader = open_data(ctx);
  Dataset catalogue = loader.load(PairScope::among({}));
  std::vector<std::string> words = search_words(ctx.options.words);
  std::vector<std::vector<std::string>> codes_by_word;
  for (const auto& word : words) {
    std::vector<std::string> codes;
    for (const auto& intervention : catalogue.interventions()) {
      bool hit = ascii_lower(intervention.code).find(word) != std::string::npos ||
                 ascii_lower(intervention.name).find(word) != std::string::npos;
      for (const auto& alias : intervention.aliases) hit = hit || ascii_lower(alias).find(word) != std::string::npos;
      if (hit) codes.emplace_back(intervention.code);
    }
    codes_by_word.push_back(std::move(codes));
  }
  Dataset data = loader.load(PairScope::text(words, std::move(codes_by_word)));
  auto hits = search(data, ctx.options.words, ctx.options.limit);
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

ExitStatus finish_check(Context& ctx, const Dataset& data, const std::vector<std::pair<std::string, std::size_t>>& resolved,
                        std::optional<std::size_t> fail_rank);

ExitStatus run_check(Context& ctx) {
  if (ctx.options.check_terms.empty())
    throw Failure{ExitStatus::usage, {"check needs at least two interventions, e.g. 'pairinfo check estradiol smoking'"}};
  DataLoader& loader = open_data(ctx);
  Dataset catalogue = loader.load(PairScope::among({}));
  const Dataset& data = catalogue;
  std::optional<std::size_t> fail_rank;
  if (!ctx.options.fail_on.empty()) {
    std::string folded = fold_term(ctx.options.fail_on);
    const auto& levels = data.scales().significance.entries;
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (fold_term(levels[i].id) == folded || fold_term(levels[i].name) == folded) fail_rank = i;
    if (!fail_rank) {
      std::string known;
      for (const auto& level : levels) known += (known.empty() ? "" : ", ") + level.id;
      throw Failure{ExitStatus::usage,
                    {fmt::format("unknown --fail-on level \"{}\" (known: {})", escape_controls(ctx.options.fail_on), known)}};
    }
  }
  // Resolve every term first, so that one run reports every unknown term.
  std::vector<std::pair<std::string, std::size_t>> resolved;
  Failure failure{ExitStatus::ok, {}};
  std::size_t unnamed = 0;
  for (const auto& term : ctx.options.check_terms) {
    try {
      resolved.emplace_back(term, resolve_or_fail(data, term));
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

ExitStatus run_validate(Context& ctx) {
  require_format(ctx, {Format::text, Format::json}, "validate");
  LoadOptions load_options;
  load_options.strict = ctx.options.strict;
  ProgressLine progress(stderr_is_terminal());
  load_options.progress = [&](std::string_view file, std::uint64_t done, std::uint64_t total) {
    progress.update("checking", file, done, total);
  };
  std::vector<DataSource> sources;
  std::vector<Diagnostic> diagnostics;
  std::size_t files = 0;
  if (ctx.options.validate_files.empty()) {
    sources = data_sources(ctx.options);
    files = sources.size();
    diagnostics = check_sources(sources, load_options);
  } else {
    // Each named file is checked on top of the bundled data (its codes may refer to it).
    for (const auto& path : ctx.options.validate_files) {
      ++files;
      std::vector<DataSource> layers;
      if (!ctx.options.no_bundled) layers.push_back(bundled_source());
      try {
        layers.push_back(read_source(path));
      } catch (const DataError& error) {
        diagnostics.insert(diagnostics.end(), error.diagnostics().begin(), error.diagnostics().end());
        continue;
      }
      // The bundled data is clean on its own, so any problem reported in it (a tier its
      // records use that FILE's scales drop, say) is caused by FILE and is shown too.
      for (auto& d : check_sources(layers, load_options)) diagnostics.push_back(std::move(d));
    }
  }
  progress.clear();
  if (ctx.format == Format::json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : diagnostics) items.push_back(json_diagnostic(d));
    emit(ctx, dump_json(items, true) + "\n");
  } else {
    for (const auto& d : diagnostics) ctx.out += format_diagnostic(d) + "\n";
    ctx.out += fmt::format("{} {} in {} {}\n", diagnostics.size(), diagnostics.size() == 1 ? "problem" : "problems",
                           files, files == 1 ? "file" : "files");
  }
  return diagnostics.empty() ? ExitStatus::ok : ExitStatus::bad_data;
}

// Candidates for shell completion, one per line, from the data in effect.
ExitStatus run_complete(Context& ctx, const std::vector<std::string>& commands) {
  const std::string& kind = ctx.options.complete_kind;
  std::string& out = ctx.out;
  if (kind == "commands") {
    for (const auto& command : commands) out += command + "\n";
    return ExitStatus::ok;
  }
  Dataset data = open_data(ctx).load(PairScope::among({}));
  // Completion output goes straight into shells: never let data smuggle in controls or tabs.
  auto clean = [](std::string_view text) {
    std::string value = escape_controls(text);
    std::replace(value.begin(), value.end(), '\t', ' ');
    return value;
  };
  if (kind == "codes") {
    for (const auto& i : data.interventions()) out += clean(i.code) + "\t" + clean(i.name) + "\n";
  } else if (kind == "names") {
    for (const auto& i : data.interventions()) {
      out += clean(i.name) + "\n";
      for (const auto& alias : i.aliases) out += clean(alias) + "\n";
    }
  } else if (kind == "categories") {
    std::vector<std::string> seen;
    for (const auto& c : data.categories()) seen.push_back(c.id);
    for (const auto& i : data.interventions())
      if (!i.category.empty() && std::find(seen.begin(), seen.end(), i.category) == seen.end()) seen.emplace_back(i.category);
    for (const auto& c : seen) out += clean(c) + "\n";
  } else if (kind == "tiers") {
    for (const auto& e : data.scales().tiers.entries) out += clean(e.id) + "\n";
  } else if (kind == "effects") {
    for (const auto& e : data.scales().significance.entries) out += clean(e.id) + "\n";
  } else {
    throw Failure{ExitStatus::usage, {"__complete takes codes, names, categories, tiers, effects or commands"}};
  }
  return ExitStatus::ok;
}

// Writes `text` to `path` through a temporary file beside it, so that a failure never
// leaves a half-written file behind.
// A file written beside its final name and renamed into place only once it is complete, so
// that an error never leaves half a file behind.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)), temporary_(path_ + ".pairinfo-tmp") {
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(temporary_, errno);
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temporary_.c_str());
  }

  void write(std::string_view text) {
    WriteOutcome written = write_all(fd_, text);
    if (written.result != WriteResult::ok) fail(path_, written.error);
  }
  void commit() {
    int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 || ::rename(temporary_.c_str(), path_.c_str()) != 0) fail(path_, errno);
    committed_ = true;
  }

 private:
  [[noreturn]] static void fail(const std::string& path, int error) {
    throw Failure{ExitStatus::output_error, {fmt::format("cannot write {}: {}", escape_controls(path), std::strerror(error))}};
  }
  std::string path_, temporary_;
  int fd_ = -1;
  bool committed_ = false;
};

ExitStatus run_import(Context& ctx) {
  const Options& o = ctx.options;
  ImportOptions options;
  if (!o.import_delimiter.empty()) {
    if (o.import_delimiter == "tab" || o.import_delimiter == "\\t") options.delimiter = '\t';
    else if (o.import_delimiter.size() == 1) options.delimiter = o.import_delimiter[0];
    else throw Failure{ExitStatus::usage, {"--delimiter takes one character, or 'tab'"}};
  }
  options.col_a_code = o.col_a_code;
  options.col_a_name = o.col_a_name;
  options.col_b_code = o.col_b_code;
  options.col_b_name = o.col_b_name;
  options.col_significance = o.col_significance;
  options.col_tier = o.col_tier;
  options.col_summary = o.col_summary;
  for (const auto& entry : o.import_map) {
    std::size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size())
      throw Failure{ExitStatus::usage, {fmt::format("--map takes RAW=ID, not \"{}\"", escape_controls(entry))}};
    options.significance_map[entry.substr(0, equals)] = entry.substr(equals + 1);
  }
  options.source_name = o.import_file;
  options.dataset_name = o.import_name;
  // Linked to the data in effect, the new file layers on it without claiming its names twice.
  std::optional<Dataset> base;
  if (!o.standalone && !(o.no_bundled && o.data_files.empty())) {
    base = open_data(ctx).load(PairScope::among({}));
    options.link_to = &*base;
  }
  // Read a piece at a time, and written so when it goes to a file: memory stays bounded.
  DataSource table = read_source(o.import_file, 0);
  ProgressLine progress(stderr_is_terminal());
  options.progress = [&progress, &o](std::uint64_t done, std::uint64_t total) {
    progress.update("importing", o.import_file, done, total);
  };
  bool to_stdout = o.import_output.empty() || o.import_output == "-";
  std::optional<AtomicFile> file;
  if (!to_stdout) {
    file.emplace(o.import_output);
    options.output = [&file](std::string_view piece) { file->write(piece); };
  }
  ImportResult result;
  try {
    result = import_table(table, options);
  } catch (const std::invalid_argument& error) {
    throw Failure{ExitStatus::usage, {escape_controls(error.what())}};
  }
  progress.clear();
  std::string summary = fmt::format("pairinfo: imported {} rows: {} interventions ({} linked to the data in effect), {} pairs\n",
                                    result.rows, result.interventions, result.linked, result.pairs);
  for (const auto& warning : result.warnings) summary += "pairinfo: warning: " + escape_controls(warning) + "\n";
  // Standard output gets the whole file or nothing: it is gathered first, like every output.
  if (to_stdout) ctx.out += result.json;
  else file->commit();
  write_all(2, summary);
  return ExitStatus::ok;
}

// Shows text through a pager when it is longer than the terminal; false when it was not.
bool page_output(const std::string& pager, std::string_view text) {
  winsize size{};
  std::size_t rows = ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? size.ws_row : 0;
  if (rows == 0 || static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) < rows) return false;
  FILE* pipe = ::popen(pager.c_str(), "w");
  if (!pipe) return false;
  std::fwrite(text.data(), 1, text.size(), pipe);
  ::pclose(pipe);
  return true;
}

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

// Every subcommand name and alias: a command line of one or two other words, none an
// option, is a lookup (checked against the parser's own list whenever it is built).
constexpr std::array<std::string_view, 11> command_words = {
    "list", "search", "interventions", "scales", "tiers", "effects", "check", "validate", "sources", "import",
    "__complete"};

// The words of a command line with no option and no subcommand among them, from `first` on.
std::optional<std::vector<std::string>> plain_words(int argc, const char* const* argv, int first) {
  std::vector<std::string> words;
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.empty() || arg.front() == '-') return std::nullopt;
    if (std::find(command_words.begin(), command_words.end(), arg) != command_words.end()) return std::nullopt;
    words.emplace_back(arg);
  }
  return words;
}

// A command line the parser need not read: "[--no-bundled] [--data FILE]... TERM [TERM]" or
// "[--no-bundled] [--data FILE]... check TERM TERM...", where no TERM looks like an option or a
// command and no FILE like an option. Parsed, it means the same.
struct QuickCommandLine {
  std::vector<std::string> data_files;
  bool no_bundled = false;
  bool check = false;
  std::vector<std::string> terms;
};

std::optional<QuickCommandLine> quick_command_line(int argc, const char* const* argv) {
  QuickCommandLine line;
  int at = 1;
  for (; at < argc; ++at) {
    std::string_view arg = argv[at];
    if (arg == "--no-bundled" && !line.no_bundled) {
      line.no_bundled = true;
    } else if (arg == "--data" && at + 1 < argc && argv[at + 1][0] != '\0' && argv[at + 1][0] != '-' &&
               std::find(command_words.begin(), command_words.end(), std::string_view(argv[at + 1])) ==
                   command_words.end()) {
      line.data_files.emplace_back(argv[++at]);
    } else {
      break;
    }
  }
  line.check = at < argc && std::string_view(argv[at]) == "check";
  int first = line.check ? at + 1 : at, words = argc - first;
  if (line.check ? words < 2 : words < 1 || words > 2) return std::nullopt;
  auto terms = plain_words(argc, argv, first);
  if (!terms) return std::nullopt;
  line.terms = std::move(*terms);
  return line;
}

int run_in(Context& ctx, int argc, const char* const* argv) {
  // A closed pipe is reported by write() as EPIPE and handled, instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);

  Options& o = ctx.options;
  // A lookup or check with no option but where the data is needs no parser: building
  // CLI11's tables would cost more than the lookup itself (a lookup tool is called by
  // scripts thousands of times). Anything else, or anything doubtful, goes to the parser.
  if (auto quick = quick_command_line(argc, argv)) {
    o.data_files = std::move(quick->data_files);
    o.no_bundled = quick->no_bundled;
    if (quick->check) {
      o.check_terms = std::move(quick->terms);
      return execute(ctx, [&] { return run_check(ctx); });
    }
    o.terms = std::move(quick->terms);
    return execute(ctx, [&] { return run_lookup(ctx); });
  }

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
  auto named = [&](const CLI::App* sub) {
    if (for_help) return true;
    for (int i = 1; i < argc; ++i) {
      if (argv[i] == sub->get_name()) return true;
      for (const auto& alias : sub->get_aliases())
        if (argv[i] == alias) return true;
    }
    return false;
  };

  // An empty value is a mistake (an unset shell variable), not "no filter".
  const CLI::Validator non_empty(
      [](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "", "non-empty");

  auto* list = app.add_subcommand("list", "One line per pair record, filtered");
  if (named(list)) {
    list->add_option("--with", o.with, "Only records that include this intervention")->type_name("X")->check(non_empty);
    list->add_option("--category", o.category, "Only records with an intervention of this category")->type_name("C")->check(non_empty);
    list->add_option("--tier", o.tier, "Only records of this evidence tier")->type_name("T")->check(non_empty);
    list->add_option("--effect,--significance", o.effect, "Only records of this clinical significance")->type_name("E")->check(non_empty);
    list->footer("Example: pairinfo list --with isotretinoin --effect avoid");
  }

  auto* search_cmd = app.add_subcommand("search", "Full-text search over every record");
  if (named(search_cmd)) {
    search_cmd->add_option("words", o.words, "Words that must all appear (case-insensitive)")->required()->check(non_empty);
    search_cmd->add_option("--limit", o.limit, "At most this many results (0: all)")->type_name("N");
    search_cmd->footer("Example: pairinfo search bleeding fish oil");
  }

  auto* interventions = app.add_subcommand("interventions", "The catalogue: codes, names, categories, aliases");
  if (named(interventions)) {
    interventions->add_option("--category", o.category, "Only this category")->type_name("C")->check(non_empty);
    interventions->footer("Example: pairinfo interventions --category supplement");
  }

  auto* scales = app.add_subcommand("scales", "What the evidence tiers and significance levels mean");
  scales->alias("tiers");
  scales->alias("effects");
  scales->footer("Example: pairinfo scales");

  auto* check = app.add_subcommand("check", "Every known pair among several interventions");
  if (named(check)) {
    check->add_option("interventions", o.check_terms, "Two or more interventions")->required();
    check->add_flag("--full", o.full, "Print each record whole");
    check->add_option("--fail-on", o.fail_on, "Exit 4 if a found pair reaches this significance")->type_name("LEVEL")->check(non_empty);
    check->footer("Example: pairinfo check microneedling estradiol isotretinoin \"fish oil\" metformin");
  }

  auto* validate = app.add_subcommand("validate", "Check data files and report every problem");
  if (named(validate)) {
    validate->add_option("files", o.validate_files, "Data files (default: the data in effect)");
    validate->add_flag("--strict", o.strict, "Require the full article in every record");
    validate->footer("Example: pairinfo validate --strict my-data.json");
  }

  auto* sources = app.add_subcommand("sources", "The data layers in effect, with their counts");
  sources->footer("Example: pairinfo --data clinic.json sources");

  auto* import = app.add_subcommand("import", "Turn a CSV or TSV table of pairs into a data file");
  if (named(import)) {
    import->add_option("file", o.import_file, "The table: one row per pair, a header line first")->required();
    import->add_option("-o,--output", o.import_output, "Write the data file here (default: standard output)")->type_name("FILE");
    import->add_option("--delimiter", o.import_delimiter, "Field separator: one character or 'tab' (default: detected)")->type_name("C");
    import->add_option("--col-a-code", o.col_a_code, "Header of the first intervention's code column")->type_name("NAME");
    import->add_option("--col-a-name", o.col_a_name, "Header of the first intervention's name column")->type_name("NAME");
    import->add_option("--col-b-code", o.col_b_code, "Header of the second intervention's code column")->type_name("NAME");
    import->add_option("--col-b-name", o.col_b_name, "Header of the second intervention's name column")->type_name("NAME");
    import->add_option("--col-significance", o.col_significance, "Header of the clinical significance column")->type_name("NAME");
    import->add_option("--col-tier", o.col_tier, "Header of the evidence tier column")->type_name("NAME");
    import->add_option("--col-summary", o.col_summary, "Header of a free-text column, kept as the summary")->type_name("NAME");
    import->add_option("--map", o.import_map, "Map a raw significance value to a level, e.g. --map Major=avoid")->type_name("RAW=ID");
    import->add_option("--name", o.import_name, "The data file's name")->type_name("TEXT");
    import->add_flag("--standalone", o.standalone, "Do not link names to the data in effect; define every intervention");
    import->footer("Example: pairinfo import interactions.csv -o ~/.local/share/pairinfo/interactions.json");
  }

  // For the shell completions: asks pairinfo itself, so candidates never go stale.
  auto* complete = app.add_subcommand("__complete", "Completion candidates (for shell scripts)");
  complete->group("");
  complete->add_option("kind", o.complete_kind, "codes, names, categories, tiers, effects or commands")->required();

  std::vector<std::string> command_names;
  for (auto* sub : app.get_subcommands({})) {
    sub->fallthrough();
    if (!sub->get_group().empty()) {
      command_names.push_back(sub->get_name());
      for (const auto& alias : sub->get_aliases()) command_names.push_back(alias);
    }
  }
  app.require_subcommand(0, 1);
  for (const auto& word : command_names)
    if (std::find(command_words.begin(), command_words.end(), word) == command_words.end())
      throw std::logic_error("command_words lacks \"" + word + "\"");  // a test catches this, not a user

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
    if (list->parsed()) return run_list(ctx);
    if (search_cmd->parsed()) return run_search(ctx);
    if (interventions->parsed()) return run_interventions(ctx);
    if (scales->parsed()) return run_scales(ctx);
    if (check->parsed()) return run_check(ctx);
    if (validate->parsed()) return run_validate(ctx);
    if (sources->parsed()) return run_sources(ctx);
    if (complete->parsed()) return run_complete(ctx, command_names);
    if (import->parsed()) return run_import(ctx);
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
