// What the command line takes from its environment; see cli_environment.hpp.
#include "pairinfo/cli_environment.hpp"

#include <dirent.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include <fmt/format.h>

#include "pairinfo/bundled.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::cli {

const char* env(const char* name) { return std::getenv(name); }

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

bool user_data_left_out(const Options& options) {
  if (options.no_user_data) return true;
  const char* value = env("PAIRINFO_NO_USER_DATA");
  return value && *value && std::string_view(value) != "0";
}

std::vector<std::string> user_layer_paths(const Options& options) {
  if (user_data_left_out(options)) return {};
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
  return paths;
}

std::string user_data_hint(const Options& options, const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> layers = user_layer_paths(options);
  if (layers.empty()) return {};
  auto is_data_file = [&options](const std::string& file) {
    return std::find(options.data_files.begin(), options.data_files.end(), file) != options.data_files.end();
  };
  // The user layers with a problem, by name; a problem reported in the bundled data is
  // caused by a later layer, which may be any of them.
  std::vector<std::string> named;
  bool elsewhere = false;
  for (const auto& d : diagnostics) {
    if (std::find(layers.begin(), layers.end(), d.file) != layers.end()) {
      if (std::find(named.begin(), named.end(), d.file) == named.end()) named.push_back(d.file);
    } else if (!is_data_file(d.file)) {
      elsewhere = true;
    }
  }
  if (named.empty() && !elsewhere) return {};
  std::string files;
  for (const auto& file : named.empty() ? layers : named) files += (files.empty() ? "" : ", ") + escape_controls(file);
  const char* way = "leave the user data out for one call with --no-user-data or PAIRINFO_NO_USER_DATA=1";
  if (named.empty()) return fmt::format("the user data in effect ({}) may be the cause: {}", files, way);
  return fmt::format("{} {} user data: {}", files, named.size() == 1 ? "is" : "are", way);
}

std::vector<DataSource> data_sources(const Options& options) {
  std::vector<DataSource> sources;
  if (!options.no_bundled) sources.push_back(bundled_source());
  std::vector<std::string> paths = user_layer_paths(options);
  paths.insert(paths.end(), options.data_files.begin(), options.data_files.end());
  std::uint64_t threshold = load_options(options).lazy_threshold;
  for (const auto& path : paths) sources.push_back(read_source(path, threshold));
  if (sources.empty()) throw Failure{ExitStatus::usage, {"--no-bundled leaves no data: name a file with --data"}};
  return sources;
}

DataLoader& open_data(Context& ctx) {
  if (!ctx.loader) ctx.loader.emplace(data_sources(ctx.options), load_options(ctx.options));
  return *ctx.loader;
}

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

}  // namespace pairinfo::cli
