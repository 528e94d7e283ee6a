// MBTiles 1.3 (https://github.com/mapbox/mbtiles-spec/blob/master/1.3/spec.md) for vector tiles:
// an SQLite file with a `metadata` table of name/value rows and a `tiles` table in the TMS scheme
// (row 0 at the south), each tile_data a gzip-compressed MVT, as the spec asks of format=pbf.
#include "layers/tile_archive/archive_rules.hpp"
#include "layers/tiles/gzip.hpp"
#include "layers/tile_archive/sqlite_db.hpp"
#include "layers/tile_archive/staged_file.hpp"
#include "layers/tile_archive/tile_archive.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

namespace layers::tiles {
namespace {

// MBTiles 1.3: "The database MAY have the application_id 0x4d504258" ("MPBX").
constexpr const char* kSchema = R"sql(
PRAGMA application_id = 1297105496;
CREATE TABLE metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX metadata_name ON metadata (name);
CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
)sql";

// Shortest text that reads back as the same double.
std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

std::vector<std::pair<std::string, std::string>> metadata_rows(const ArchiveMetadata& metadata,
                                                               const nlohmann::json& vector_layers) {
  return {
      {"name", metadata.name},
      {"format", "pbf"},
      {"minzoom", std::to_string(metadata.minzoom)},
      {"maxzoom", std::to_string(metadata.maxzoom)},
      {"bounds", number(metadata.west) + "," + number(metadata.south) + "," + number(metadata.east) + "," +
                     number(metadata.north)},
      {"center",
       number(metadata.center_lon) + "," + number(metadata.center_lat) + "," + std::to_string(metadata.center_zoom)},
      {"description", metadata.description},
      {"attribution", metadata.attribution},
      {"type", "overlay"},
      {"json", nlohmann::json{{"vector_layers", vector_layers}}.dump()},
  };
}

class MbtilesWriter final : public TileArchiveWriter {
 public:
  MbtilesWriter(const std::filesystem::path& out, const ArchiveMetadata& metadata)
      : metadata_(metadata),
        vector_layers_(checked_vector_layers(metadata)),
        staged_(out, "tmp"),
        db_(staged_.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE),
        insert_tile_(prepare_schema()) {}

  void add(TileCoord tile, std::string_view mvt) override {
    if (finished_) throw std::logic_error("MBTiles writer: add() after finish()");
    check_tile(tile, mvt, metadata_);
    const std::uint32_t tms_row = static_cast<std::uint32_t>((std::uint64_t{1} << tile.z) - 1 - tile.y);
    insert_tile_->bind(1, tile.z);
    insert_tile_->bind(2, tile.x);
    insert_tile_->bind(3, tms_row);
    insert_tile_->bind_blob(4, gzip_compress(mvt));
    try {
      insert_tile_->step();
    } catch (const ArchiveError&) {
      insert_tile_->rewind();
      if (exists(tile, tms_row)) throw std::invalid_argument("tile archive: tile " + to_string(tile) + " added twice");
      throw;
    }
    insert_tile_->rewind();
  }

  void finish() override {
    if (finished_) throw std::logic_error("MBTiles writer: finish() called twice");
    finished_ = true;
    {
      SqliteStatement insert = db_.prepare("INSERT INTO metadata (name, value) VALUES (?, ?)");
      for (const auto& [name, value] : metadata_rows(metadata_, vector_layers_)) {
        insert.bind_text(1, name);
        insert.bind_text(2, value);
        insert.step();
        insert.rewind();
      }
    }
    db_.exec("COMMIT");
    insert_tile_.reset();  // an open statement would keep the connection from closing
    db_.close();
    staged_.commit();
  }

 private:
  SqliteStatement prepare_schema() {
    // A journal on disk would only protect a file that is deleted on any failure anyway; in memory
    // it still lets SQLite undo a failed statement (a duplicate tile) inside the transaction.
    db_.exec("PRAGMA journal_mode = MEMORY");
    db_.exec(kSchema);
    db_.exec("BEGIN");
    return db_.prepare("INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)");
  }

  bool exists(TileCoord tile, std::uint32_t tms_row) {
    SqliteStatement query =
        db_.prepare("SELECT 1 FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
    query.bind(1, tile.z);
    query.bind(2, tile.x);
    query.bind(3, tms_row);
    return query.step();
  }

  const ArchiveMetadata metadata_;
  const nlohmann::json vector_layers_;
  // Destroyed in reverse: the statement, then the connection, then the temporary file.
  StagedFile staged_;
  SqliteDb db_;
  std::optional<SqliteStatement> insert_tile_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<TileArchiveWriter> open_mbtiles_writer(const std::filesystem::path& out,
                                                       const ArchiveMetadata& metadata) {
  return std::make_unique<MbtilesWriter>(out, metadata);
}

}  // namespace layers::tiles
