// `validate`, `import` and `__complete`: working on data files, and answering the shell completions.
#include <fcntl.h>
#include <unistd.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <stdexcept>
#include <utility>

#include "pairinfo/bundled.hpp"
#include "pairinfo/cli_commands.hpp"
#include "pairinfo/cli_environment.hpp"
#include "pairinfo/import_csv.hpp"
#include "pairinfo/output.hpp"
#include "pairinfo/progress.hpp"
#include "pairinfo/render_json.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {
namespace {

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

}  // namespace

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
  if (ctx.options.each && ctx.options.validate_files.empty())
    throw Failure{ExitStatus::usage, {"validate --each checks the files it is given one by one: name them"}};
  if (ctx.options.validate_files.empty()) {
    sources = data_sources(ctx.options);
    files = sources.size();
    diagnostics = check_sources(sources, load_options);
  } else {
    // Named files are checked on top of the bundled data (their codes may refer to it). The
    // bundled data is clean on its own, so any problem reported in it (a tier its records
    // use that a file's scales drop, say) is caused by the files and is shown too.
    auto base = [&ctx]() {
      std::vector<DataSource> layers;
      if (!ctx.options.no_bundled) layers.push_back(bundled_source());
      return layers;
    };
    auto read = [&diagnostics](const std::string& path, std::vector<DataSource>& layers) {
      try {
        layers.push_back(read_source(path));
        return true;
      } catch (const DataError& error) {
        diagnostics.insert(diagnostics.end(), error.diagnostics().begin(), error.diagnostics().end());
        return false;
      }
    };
    files = ctx.options.validate_files.size();
    if (ctx.options.each) {
      // --each: every file alone.
      for (const auto& path : ctx.options.validate_files) {
        std::vector<DataSource> layers = base();
        if (read(path, layers))
          for (auto& d : check_sources(layers, load_options)) diagnostics.push_back(std::move(d));
      }
    } else {
      // As one stack, in the order `--data a.json --data b.json` loads them: a file may build
      // on the ones before it. A file that cannot be read leaves the stack unchecked, since
      // the files after it would be blamed for what it defines.
      std::vector<DataSource> layers = base();
      bool all_read = true;
      for (const auto& path : ctx.options.validate_files) all_read = read(path, layers) && all_read;
      if (all_read)
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
ExitStatus run_complete(Context& ctx) {
  const std::string& kind = ctx.options.complete_kind;
  std::string& out = ctx.out;
  if (kind == "commands") {
    for (const Command& command : commands()) {
      if (command.hidden) continue;
      out += std::string(command.name) + "\n";
      for (std::string_view alias : command.aliases)
        if (!alias.empty()) out += std::string(alias) + "\n";
    }
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

ExitStatus run_export(Context& ctx) {
  const Options& o = ctx.options;
  std::error_code error;
  std::filesystem::path parent = std::filesystem::path(o.export_output).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent, error) &&
      !std::filesystem::create_directories(parent, error) && error)
    throw Failure{ExitStatus::output_error,
                  {fmt::format("cannot create the directory {}: {}", escape_controls(parent.string()), error.message())}};
  DataLoader& loader = open_data(ctx);
  try {
    loader.export_sqlite(o.export_output);
  } catch (const std::runtime_error& failure) {
    if (dynamic_cast<const DataError*>(&failure)) throw;
    throw Failure{ExitStatus::output_error, {escape_controls(failure.what())}};
  }
  std::size_t pairs = loader.load(PairScope::all().keeping(RecordParts::outline)).pairs().size();
  emit(ctx, fmt::format("wrote {} pair records and their catalogue to {}\n", pairs, escape_controls(o.export_output)));
  return ExitStatus::ok;
}

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
    // A fresh machine may not have ~/.local/share/pairinfo yet: make the directories.
    std::error_code error;
    std::filesystem::path parent = std::filesystem::path(o.import_output).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, error) &&
        !std::filesystem::create_directories(parent, error) && error)
      throw Failure{ExitStatus::output_error, {fmt::format("cannot create the directory {}: {}",
                                                           escape_controls(parent.string()), error.message())}};
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

}  // namespace pairinfo::cli
