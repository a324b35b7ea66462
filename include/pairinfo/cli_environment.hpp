/// What the command line takes from its environment: data layers, the cache directory, the pager.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/cli_context.hpp"
#include "pairinfo/load.hpp"

namespace pairinfo::cli {

/// getenv, named so that every variable pairinfo reads is easy to find.
const char* env(const char* name);

/// Files in $XDG_DATA_HOME/pairinfo (default ~/.local/share/pairinfo), in name order.
std::vector<std::string> user_data_files();
/// Whether this call leaves the user data out: --no-user-data, or PAIRINFO_NO_USER_DATA set
/// to anything but "" or "0".
bool user_data_left_out(const Options& options);
/// The user data layers of this call, in order: the files of the user data directory, then
/// those in PAIRINFO_DATA; none when the user data is left out.
std::vector<std::string> user_layer_paths(const Options& options);
/// For an error in the data in effect: a line naming the user layers it involves and how to
/// leave the user data out for one call, or empty when no user layer is involved.
std::string user_data_hint(const Options& options, const std::vector<Diagnostic>& diagnostics);
/// Where indexes of big files are kept: $XDG_CACHE_HOME/pairinfo, default ~/.cache/pairinfo.
std::string cache_directory();
/// Load options from the command line and PAIRINFO_INDEX_MIN_BYTES.
LoadOptions load_options(const Options& options);
/// The layers in effect, in the order they apply: bundled, user data, PAIRINFO_DATA, --data
/// (the user data and PAIRINFO_DATA only when not left out).
std::vector<DataSource> data_sources(const Options& options);

/// The data in effect for this command, opened on first use.
DataLoader& open_data(Context& ctx);

/// Shows text through a pager when it is longer than the terminal; false when it was not.
bool page_output(const std::string& pager, std::string_view text);

}  // namespace pairinfo::cli
