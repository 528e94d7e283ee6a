#pragma once
// What `layoutctl load` is asked to do: a value built from the command line and passed in.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace layers::load {

// replace: the layer becomes exactly the loaded features (features whose id is already stored are
// updated in place and keep their fid; stored features the source lacks are deleted).
// update: as replace, but stored features the source lacks stay (one surveyed outline in a file).
// append: the loaded features are added; an id already in the layer is a rejection.
enum class Mode { Replace, Update, Append };

std::string_view to_string(Mode mode) noexcept;
// Whether loaded features take the place (and the attributes the source lacks) of stored ones
// with the same id.
inline bool updates_stored(Mode mode) noexcept {
  return mode != Mode::Append;
}

struct LoadOptions {
  std::string source;        // any OGR datasource: a file, a directory of Shapefiles, a .gdb, /vsizip/...
  std::string layer;         // the store layer to load into
  std::string source_layer;  // empty: the source's only layer
  std::string source_srs;    // --s_srs: the source CRS, overriding the source's own; empty: the source's
  Mode mode = Mode::Replace;
  std::vector<std::pair<std::string, std::string>> field_map;  // target field ← source field
  std::vector<std::pair<std::string, std::string>> defaults;   // target field = value where the source has none
  std::vector<std::string> open_options;                       // NAME=VALUE for the source driver
  bool dry_run = false;                                        // report only; the store is not opened for update
  bool strict = false;                                         // any rejected feature aborts the load
  std::string store = "data/layout.gpkg";
  bool progress_bar = false;  // redraw a progress line on stderr (a terminal)
};

// The load cannot go ahead: the source or the store cannot be read, the source has no CRS, the
// mapping names a field that does not exist, the write failed. Nothing was written. what() is one
// line naming the file (or store) and the reason.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace layers::load
