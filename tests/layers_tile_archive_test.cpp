// The tile archive writers (layers/tiles/): gzip, the PMTiles pieces, and MBTiles and PMTiles
// archives read back by other readers: SQLite and GDAL's MVT driver for MBTiles, a PMTiles reader
// written here from the spec, and protomaps' own JavaScript decoder (npm "pmtiles", run by node
// from tests/node; scripts/test installs it).
#include "layers/store/gdal_support.hpp"
#include "layers/tiles/gzip.hpp"
#include "layers/tile_archive/pmtiles_format.hpp"
#include "layers/tile_archive/sqlite_db.hpp"
#include "layers/tile_archive/tile_archive.hpp"
#include "support/fixture_store.hpp"
#include "support/process.hpp"
#include "vector_tile.pb.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using layers::tiles::ArchiveError;
using layers::tiles::ArchiveMetadata;
using layers::tiles::TileArchiveWriter;
using layers::tiles::TileCoord;
using test_support::TempDir;

std::string tile_name(TileCoord tile) {
  return std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::set<std::string> files_in(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.insert(entry.path().filename().string());
  return names;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

ArchiveMetadata sample_metadata(int maxzoom = 3) {
  ArchiveMetadata metadata;
  metadata.name = "长春都市圈";
  metadata.description = "layout layers, test export";
  metadata.attribution = "© layoutd tests";
  metadata.minzoom = 0;
  metadata.maxzoom = maxzoom;
  metadata.west = 124.3;
  metadata.south = 43.05;
  metadata.east = 126.95;
  metadata.north = 45.0;
  metadata.center_lon = 125.3245;
  metadata.center_lat = 43.886841;
  metadata.center_zoom = 2;
  metadata.vector_layers_json = R"([{"id":"sites","fields":{"tile":"String","name":"String"},"minzoom":0,"maxzoom":)" +
                                std::to_string(maxzoom) + "}]";
  return metadata;
}

// A real MVT 2.1 tile: layer "sites" with one point at the middle of the tile, tagged tile=`label`
// and a Chinese name.
std::string mvt_with_point(const std::string& label) {
  vector_tile::Tile tile;
  auto* layer = tile.add_layers();
  layer->set_version(2);
  layer->set_name("sites");
  layer->set_extent(4096);
  layer->add_keys("tile");
  layer->add_keys("name");
  layer->add_values()->set_string_value(label);
  layer->add_values()->set_string_value("长春");
  auto* feature = layer->add_features();
  feature->set_id(1);
  feature->set_type(vector_tile::Tile::POINT);
  for (const std::uint32_t tag : {0U, 0U, 1U, 1U}) feature->add_tags(tag);
  // MoveTo(1) to (2048, 2048): command (1 | 1 << 3), then the zigzag-encoded deltas.
  for (const std::uint32_t word : {9U, 4096U, 4096U}) feature->add_geometry(word);
  return tile.SerializeAsString();
}

// The sample pyramid: every tile of zooms 0..3. Zooms 0..2 are distinct ("z/x/y") except the four
// z2 tiles on the diagonal, which share contents without being neighbours on the curve; all of
// zoom 3 is one content (open sea), so it collapses into one run.
std::string sample_content(TileCoord tile) {
  if (tile.z == 3) return mvt_with_point("sea");
  if (tile.z == 2 && tile.x == tile.y) return mvt_with_point("diagonal");
  return mvt_with_point(tile_name(tile));
}

// The tiles of zooms 0..maxzoom, shuffled: writers must not depend on the order they are given.
std::vector<TileCoord> shuffled_pyramid(int maxzoom) {
  std::vector<TileCoord> tiles;
  for (int z = 0; z <= maxzoom; ++z) {
    for (std::uint32_t x = 0; x < (1U << z); ++x) {
      for (std::uint32_t y = 0; y < (1U << z); ++y) tiles.push_back({z, x, y});
    }
  }
  std::mt19937 random(42);
  std::shuffle(tiles.begin(), tiles.end(), random);
  return tiles;
}

void write_sample(TileArchiveWriter& writer, int maxzoom = 3) {
  for (const TileCoord tile : shuffled_pyramid(maxzoom)) writer.add(tile, sample_content(tile));
}

// --- A PMTiles reader written from the spec, sharing no code with the writer but gzip. ---

std::uint64_t little_endian(std::string_view bytes, std::size_t offset, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(bytes[offset + i])} << (8 * i);
  }
  return value;
}

int byte_at(std::string_view bytes, std::size_t offset) {
  return static_cast<unsigned char>(bytes[offset]);
}

double degrees_e7(std::string_view bytes, std::size_t offset) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(little_endian(bytes, offset, 4))) / 1e7;
}

struct ReadEntry {
  std::uint64_t tile_id, offset, length, run_length;
};

std::vector<ReadEntry> read_directory(std::string_view compressed) {
  const std::string bytes = layers::tiles::gzip_decompress(compressed);
  std::size_t position = 0;
  const auto varint = [&] {
    std::uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      if (position >= bytes.size()) throw std::runtime_error("directory ends inside a varint");
      const auto byte = static_cast<unsigned char>(bytes[position++]);
      value |= std::uint64_t{byte & 0x7fU} << shift;
      if ((byte & 0x80U) == 0) return value;
    }
  };
  std::vector<ReadEntry> entries(varint());
  std::uint64_t id = 0;
  for (auto& entry : entries) entry.tile_id = id += varint();
  for (auto& entry : entries) entry.run_length = varint();
  for (auto& entry : entries) entry.length = varint();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::uint64_t value = varint();
    entries[i].offset = (value == 0 && i > 0) ? entries[i - 1].offset + entries[i - 1].length : value - 1;
  }
  if (position != bytes.size()) throw std::runtime_error("bytes left after the directory");
  return entries;
}

struct ReadArchive {
  std::string bytes;
  std::uint64_t root_offset, root_length, metadata_offset, metadata_length, leaf_offset, leaf_length, data_offset,
      data_length, addressed, entries, contents;
  int clustered, internal_compression, tile_compression, tile_type, min_zoom, max_zoom, center_zoom;
  double min_lon, min_lat, max_lon, max_lat, center_lon, center_lat;
  std::size_t leaf_directories = 0;
  std::vector<ReadEntry> tile_entries;         // every entry with tiles, in directory order
  std::map<std::uint64_t, std::string> tiles;  // tile id → stored (compressed) bytes

  std::string_view section(std::uint64_t offset, std::uint64_t length) const {
    if (offset + length > bytes.size()) throw std::runtime_error("section beyond the end of the file");
    return std::string_view(bytes).substr(offset, length);
  }
};

ReadArchive read_pmtiles(const fs::path& path) {
  ReadArchive a;
  a.bytes = read_file(path);
  if (a.bytes.size() < 127 || a.bytes.substr(0, 7) != "PMTiles" || a.bytes[7] != 3) {
    throw std::runtime_error("not a PMTiles v3 archive");
  }
  const std::string_view b = a.bytes;
  std::uint64_t* fields[] = {&a.root_offset, &a.root_length, &a.metadata_offset, &a.metadata_length,
                             &a.leaf_offset, &a.leaf_length, &a.data_offset,     &a.data_length,
                             &a.addressed,   &a.entries,     &a.contents};
  for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = little_endian(b, 8 + 8 * i, 8);
  a.clustered = byte_at(b, 96);
  a.internal_compression = byte_at(b, 97);
  a.tile_compression = byte_at(b, 98);
  a.tile_type = byte_at(b, 99);
  a.min_zoom = byte_at(b, 100);
  a.max_zoom = byte_at(b, 101);
  a.min_lon = degrees_e7(b, 102);
  a.min_lat = degrees_e7(b, 106);
  a.max_lon = degrees_e7(b, 110);
  a.max_lat = degrees_e7(b, 114);
  a.center_zoom = byte_at(b, 118);
  a.center_lon = degrees_e7(b, 119);
  a.center_lat = degrees_e7(b, 123);

  const auto visit = [&](const auto& self, std::string_view directory) -> void {
    for (const ReadEntry& entry : read_directory(directory)) {
      if (entry.run_length == 0) {
        ++a.leaf_directories;
        self(self, a.section(a.leaf_offset + entry.offset, entry.length));
        continue;
      }
      a.tile_entries.push_back(entry);
      if (entry.offset + entry.length > a.data_length) throw std::runtime_error("tile beyond the data section");
      for (std::uint64_t i = 0; i < entry.run_length; ++i) {
        a.tiles[entry.tile_id + i] = std::string(a.section(a.data_offset + entry.offset, entry.length));
      }
    }
  };
  visit(visit, a.section(a.root_offset, a.root_length));
  return a;
}

// protomaps' decoder, run by node: the header, metadata and every tile as JSON (tests/node).
nlohmann::json read_with_protomaps(const fs::path& archive, const fs::path& work_dir) {
  const fs::path node_dir = LAYOUTD_NODE_TESTS_DIR;
  if (!fs::exists(node_dir / "node_modules" / "pmtiles" / "package.json")) {
    throw std::runtime_error("the npm package pmtiles is not installed: run `npm ci` in " + node_dir.string() +
                             " (scripts/test does)");
  }
  const auto result =
      test_support::run_command({"/usr/bin/env", "node", (node_dir / "read_pmtiles.mjs").string(), archive.string()},
                                work_dir, std::chrono::seconds(100));
  if (result.exit_code != 0) {
    throw std::runtime_error("node read_pmtiles.mjs failed (" + std::to_string(result.exit_code) + "): " + result.err);
  }
  return nlohmann::json::parse(result.out);
}

// ---------------------------------------------------------------------------------------------

TEST(Gzip, RoundTripsEmptySmallAndLargeInputs) {
  std::string large;
  std::mt19937 random(7);
  for (int i = 0; i < 300000; ++i) large += static_cast<char>('a' + random() % 8);  // > every buffer
  for (const std::string& data : {std::string(), std::string("x"), mvt_with_point("长春"), large}) {
    const std::string compressed = layers::tiles::gzip_compress(data);
    ASSERT_GE(compressed.size(), 18U);
    EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1fU);  // the gzip magic, not zlib's
    EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8bU);
    EXPECT_EQ(layers::tiles::gzip_decompress(compressed), data);
  }
  EXPECT_LT(layers::tiles::gzip_compress(large, 9).size(), large.size() / 2);
  EXPECT_EQ(layers::tiles::gzip_decompress(layers::tiles::gzip_compress(large, 0)), large);
}

TEST(Gzip, ReadsConcatenatedMembersAsGzipDoes) {
  const std::string both = layers::tiles::gzip_compress("first ") + layers::tiles::gzip_compress("second");
  EXPECT_EQ(layers::tiles::gzip_decompress(both), "first second");
}

TEST(Gzip, RefusesDamagedOrForeignInput) {
  const std::string good = layers::tiles::gzip_compress("some tile bytes, long enough to matter");
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 6] = static_cast<char>(bad_crc[bad_crc.size() - 6] ^ 0x55);
  const std::string zlib_stream("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);  // the zlib wrapper, not gzip
  for (const std::string& input :
       {std::string(), good.substr(0, good.size() - 1), good.substr(0, 10), bad_crc, zlib_stream, good + "junk"}) {
    EXPECT_THROW((void)layers::tiles::gzip_decompress(input), std::runtime_error) << hex(input);
  }
  EXPECT_THROW((void)layers::tiles::gzip_compress("x", 12), std::invalid_argument);
}

TEST(PmtilesFormat, TileIdsFollowTheHilbertCurveZoomAfterZoom) {
  using layers::tiles::pmtiles::tile_id;
  // The values of the spec's reference implementations.
  EXPECT_EQ(tile_id({0, 0, 0}), 0U);
  EXPECT_EQ(tile_id({1, 0, 0}), 1U);
  EXPECT_EQ(tile_id({1, 0, 1}), 2U);
  EXPECT_EQ(tile_id({1, 1, 1}), 3U);
  EXPECT_EQ(tile_id({1, 1, 0}), 4U);
  EXPECT_EQ(tile_id({2, 0, 0}), 5U);
  EXPECT_EQ(tile_id({12, 3423, 1763}), 19078479U);
  // Each zoom fills the ids after the previous one, and consecutive ids are neighbouring tiles.
  std::uint64_t first = 0;
  for (int z = 0; z <= 5; ++z) {
    const std::uint32_t n = 1U << z;
    std::map<std::uint64_t, TileCoord> by_id;
    for (std::uint32_t x = 0; x < n; ++x) {
      for (std::uint32_t y = 0; y < n; ++y) by_id[tile_id({z, x, y})] = {z, x, y};
    }
    ASSERT_EQ(by_id.size(), std::size_t{n} * n);
    EXPECT_EQ(by_id.begin()->first, first);
    EXPECT_EQ(by_id.rbegin()->first, first + std::uint64_t{n} * n - 1);
    for (auto it = std::next(by_id.begin()); it != by_id.end(); ++it) {
      const TileCoord a = std::prev(it)->second;
      const TileCoord b = it->second;
      const auto step = std::abs(static_cast<int>(a.x) - static_cast<int>(b.x)) +
                        std::abs(static_cast<int>(a.y) - static_cast<int>(b.y));
      EXPECT_EQ(step, 1) << tile_name(a) << " then " << tile_name(b);
    }
    first += std::uint64_t{n} * n;
  }
}

TEST(PmtilesFormat, HeaderIs127LittleEndianBytes) {
  layers::tiles::pmtiles::Header header;
  header.root_offset = 127;
  header.data_length = 0x0102030405060708ULL;
  header.min_lon = -179.5;
  header.center_lat = 43.886841;
  header.max_zoom = 14;
  const std::string bytes = layers::tiles::pmtiles::encode_header(header);
  ASSERT_EQ(bytes.size(), layers::tiles::pmtiles::kHeaderBytes);
  EXPECT_EQ(bytes.substr(0, 8), std::string("PMTiles\x03"));
  EXPECT_EQ(little_endian(bytes, 8, 8), 127U);
  EXPECT_EQ(little_endian(bytes, 64, 8), 0x0102030405060708ULL);
  EXPECT_EQ(byte_at(bytes, 101), 14);
  EXPECT_DOUBLE_EQ(degrees_e7(bytes, 102), -179.5);
  EXPECT_DOUBLE_EQ(degrees_e7(bytes, 123), 43.886841);
}

TEST(PmtilesFormat, DirectoriesOverTheRootLimitSplitIntoLeaves) {
  using layers::tiles::pmtiles::Entry;
  std::vector<Entry> entries;
  std::mt19937 random(3);
  std::uint64_t id = 0;
  std::uint64_t offset = 0;
  for (int i = 0; i < 20000; ++i) {
    id += 1 + random() % 5;
    const auto length = static_cast<std::uint32_t>(1 + random() % 3000);
    entries.push_back({id, offset, length, 1});
    offset += length;
  }
  const auto small = layers::tiles::pmtiles::build_directories(std::span(entries).first(10));
  EXPECT_TRUE(small.leaves.empty());
  EXPECT_EQ(read_directory(small.root).size(), 10U);

  const auto split = layers::tiles::pmtiles::build_directories(entries, 2000);
  EXPECT_LE(split.root.size(), 2000U);
  ASSERT_GT(split.leaf_count, 1U);
  std::vector<ReadEntry> all;
  for (const ReadEntry& pointer : read_directory(split.root)) {
    EXPECT_EQ(pointer.run_length, 0U);
    const std::size_t first = all.size();
    for (const ReadEntry& entry :
         read_directory(std::string_view(split.leaves).substr(pointer.offset, pointer.length))) {
      all.push_back(entry);
    }
    ASSERT_LT(first, all.size());
    EXPECT_EQ(pointer.tile_id, all[first].tile_id);  // a pointer names the first tile of its leaf
  }
  ASSERT_EQ(all.size(), entries.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].tile_id, entries[i].tile_id);
    EXPECT_EQ(all[i].offset, entries[i].offset);
    EXPECT_EQ(all[i].length, entries[i].length);
    EXPECT_EQ(all[i].run_length, 1U);
  }
}

TEST(Mbtiles, TilesAreGzipInTmsRowsWithMetadataRows) {
  const TempDir dir;
  const fs::path out = dir / "layout.mbtiles";
  auto writer = layers::tiles::open_mbtiles_writer(out, sample_metadata());
  write_sample(*writer);
  writer->finish();
  EXPECT_EQ(files_in(dir.path()), std::set<std::string>{"layout.mbtiles"});

  layers::tiles::SqliteDb db(out, SQLITE_OPEN_READONLY);
  auto query = db.prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles");
  std::size_t count = 0;
  while (query.step()) {
    const int z = static_cast<int>(query.column_int64(0));
    const auto x = static_cast<std::uint32_t>(query.column_int64(1));
    const auto tms_row = static_cast<std::uint32_t>(query.column_int64(2));
    const TileCoord xyz{z, x, (1U << z) - 1 - tms_row};  // TMS counts rows from the south
    EXPECT_EQ(layers::tiles::gzip_decompress(query.column_blob(3)), sample_content(xyz)) << tile_name(xyz);
    ++count;
  }
  EXPECT_EQ(count, 85U);
  auto one = db.prepare("SELECT tile_data FROM tiles WHERE zoom_level = 1 AND tile_column = 0 AND tile_row = 0");
  ASSERT_TRUE(one.step());
  EXPECT_EQ(layers::tiles::gzip_decompress(one.column_blob(0)), mvt_with_point("1/0/1"));  // the south-west tile

  std::map<std::string, std::string> metadata;
  auto rows = db.prepare("SELECT name, value FROM metadata");
  while (rows.step()) metadata[rows.column_text(0)] = rows.column_text(1);
  EXPECT_EQ(metadata["name"], "长春都市圈");
  EXPECT_EQ(metadata["format"], "pbf");
  EXPECT_EQ(metadata["minzoom"], "0");
  EXPECT_EQ(metadata["maxzoom"], "3");
  EXPECT_EQ(metadata["bounds"], "124.3,43.05,126.95,45");
  EXPECT_EQ(metadata["center"], "125.3245,43.886841,2");
  EXPECT_EQ(metadata["description"], "layout layers, test export");
  EXPECT_EQ(metadata["attribution"], "© layoutd tests");
  EXPECT_EQ(nlohmann::json::parse(metadata["json"]),
            nlohmann::json::parse(R"({"vector_layers":)" + sample_metadata().vector_layers_json + "}"));
  auto application_id = db.prepare("PRAGMA application_id");
  ASSERT_TRUE(application_id.step());
  EXPECT_EQ(application_id.column_int64(0), 0x4d504258);  // "MPBX"
}

TEST(Mbtiles, GdalDecodesTheTilesAtTheirPlaces) {
  const TempDir dir;
  const fs::path out = dir / "layout.mbtiles";
  auto writer = layers::tiles::open_mbtiles_writer(out, sample_metadata(2));
  write_sample(*writer, 2);
  writer->finish();

  layers::ensure_gdal_registered();
  const char* const drivers[] = {"MBTiles", nullptr};
  // The whole world at zoom 2, not only the bounds' area of interest.
  const char* const options[] = {"ZOOM_LEVEL=2", "USE_BOUNDS=NO", nullptr};
  const GDALDatasetUniquePtr dataset(
      GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr));
  ASSERT_NE(dataset, nullptr) << CPLGetLastErrorMsg();
  ASSERT_EQ(dataset->GetLayerCount(), 1);
  OGRLayer* layer = dataset->GetLayer(0);
  EXPECT_STREQ(layer->GetName(), "sites");
  constexpr double kHalfWorld = 20037508.342789244;  // EPSG:3857, where GDAL puts MVT geometries
  constexpr double kTileSize = 2 * kHalfWorld / 4;
  std::set<std::string> seen;
  for (const auto& feature : *layer) {
    const std::string label = feature->GetFieldAsString("tile");
    EXPECT_STREQ(feature->GetFieldAsString("name"), "长春");
    const auto* point = feature->GetGeometryRef()->toPoint();
    const auto column = static_cast<std::uint32_t>((point->getX() + kHalfWorld) / kTileSize);
    const auto row = static_cast<std::uint32_t>((kHalfWorld - point->getY()) / kTileSize);
    const std::string place = tile_name({2, column, row});
    if (label == "diagonal") {
      EXPECT_EQ(column, row) << place;
    } else {
      EXPECT_EQ(label, place);  // a wrong TMS flip would put the point in another row
    }
    EXPECT_NEAR(point->getX(), -kHalfWorld + (column + 0.5) * kTileSize, kTileSize / 4096);
    EXPECT_NEAR(point->getY(), kHalfWorld - (row + 0.5) * kTileSize, kTileSize / 4096);
    seen.insert(place);
  }
  EXPECT_EQ(seen.size(), 16U);
}

TEST(Pmtiles, HeaderDirectoriesAndDeduplicatedTilesReadBack) {
  const TempDir dir;
  const fs::path out = dir / "layout.pmtiles";
  auto writer = layers::tiles::open_pmtiles_writer(out, sample_metadata());
  write_sample(*writer);
  writer->finish();
  EXPECT_EQ(files_in(dir.path()), std::set<std::string>{"layout.pmtiles"});

  const ReadArchive a = read_pmtiles(out);
  EXPECT_EQ(a.root_offset, 127U);
  EXPECT_EQ(a.metadata_offset, a.root_offset + a.root_length);
  EXPECT_EQ(a.leaf_offset, a.metadata_offset + a.metadata_length);
  EXPECT_EQ(a.leaf_length, 0U);
  EXPECT_EQ(a.data_offset, a.leaf_offset + a.leaf_length);
  EXPECT_EQ(a.data_offset + a.data_length, a.bytes.size());
  // 85 tiles; the 64 of zoom 3 are one run of one content, the four diagonal ones share one content.
  EXPECT_EQ(a.addressed, 85U);
  EXPECT_EQ(a.entries, 22U);
  EXPECT_EQ(a.contents, 19U);
  EXPECT_EQ(a.tile_entries.size(), 22U);
  EXPECT_EQ(a.clustered, 1);
  EXPECT_EQ(a.internal_compression, 2);
  EXPECT_EQ(a.tile_compression, 2);
  EXPECT_EQ(a.tile_type, 1);
  EXPECT_EQ(a.min_zoom, 0);
  EXPECT_EQ(a.max_zoom, 3);
  EXPECT_DOUBLE_EQ(a.min_lon, 124.3);
  EXPECT_DOUBLE_EQ(a.min_lat, 43.05);
  EXPECT_DOUBLE_EQ(a.max_lon, 126.95);
  EXPECT_DOUBLE_EQ(a.max_lat, 45.0);
  EXPECT_EQ(a.center_zoom, 2);
  EXPECT_DOUBLE_EQ(a.center_lon, 125.3245);
  EXPECT_DOUBLE_EQ(a.center_lat, 43.886841);

  // Clustered: each content first appears right after the previous one, in tile id order.
  std::uint64_t next = 0;
  for (const ReadEntry& entry : a.tile_entries) {
    EXPECT_LE(entry.offset, next);
    if (entry.offset == next) next += entry.length;
  }
  EXPECT_EQ(next, a.data_length);

  ASSERT_EQ(a.tiles.size(), 85U);
  for (const TileCoord tile : shuffled_pyramid(3)) {
    const auto it = a.tiles.find(layers::tiles::pmtiles::tile_id(tile));
    ASSERT_NE(it, a.tiles.end()) << tile_name(tile);
    EXPECT_EQ(layers::tiles::gzip_decompress(it->second), sample_content(tile)) << tile_name(tile);
  }

  const auto metadata =
      nlohmann::json::parse(layers::tiles::gzip_decompress(a.section(a.metadata_offset, a.metadata_length)));
  EXPECT_EQ(metadata["name"], "长春都市圈");
  EXPECT_EQ(metadata["description"], "layout layers, test export");
  EXPECT_EQ(metadata["attribution"], "© layoutd tests");
  EXPECT_EQ(metadata["vector_layers"], nlohmann::json::parse(sample_metadata().vector_layers_json));
}

TEST(Pmtiles, ProtomapsDecoderReadsHeaderMetadataAndEveryTile) {
  const TempDir dir;
  const fs::path out = dir / "layout.pmtiles";
  auto writer = layers::tiles::open_pmtiles_writer(out, sample_metadata());
  write_sample(*writer);
  writer->finish();

  const TempDir work;
  const nlohmann::json read = read_with_protomaps(out, work.path());
  const auto& header = read["header"];
  EXPECT_EQ(header["specVersion"], 3);
  EXPECT_EQ(header["tileType"], 1);
  EXPECT_EQ(header["tileCompression"], 2);
  EXPECT_EQ(header["internalCompression"], 2);
  EXPECT_EQ(header["clustered"], true);
  EXPECT_EQ(header["minZoom"], 0);
  EXPECT_EQ(header["maxZoom"], 3);
  EXPECT_EQ(header["numAddressedTiles"], 85);
  EXPECT_EQ(header["numTileEntries"], 22);
  EXPECT_EQ(header["numTileContents"], 19);
  EXPECT_NEAR(header["minLon"].get<double>(), 124.3, 1e-7);
  EXPECT_NEAR(header["maxLat"].get<double>(), 45.0, 1e-7);
  EXPECT_EQ(header["centerZoom"], 2);
  EXPECT_NEAR(header["centerLon"].get<double>(), 125.3245, 1e-7);
  EXPECT_NEAR(header["centerLat"].get<double>(), 43.886841, 1e-7);
  EXPECT_EQ(read["metadata"]["name"], "长春都市圈");
  EXPECT_EQ(read["metadata"]["attribution"], "© layoutd tests");
  EXPECT_EQ(read["metadata"]["vector_layers"], nlohmann::json::parse(sample_metadata().vector_layers_json));
  EXPECT_EQ(read["leafDirectories"], 0);

  std::map<std::string, std::string> expected;  // "z/x/y" → hex of the MVT bytes
  for (const TileCoord tile : shuffled_pyramid(3)) expected[tile_name(tile)] = hex(sample_content(tile));
  std::map<std::string, std::string> actual;
  for (const auto& tile : read["tiles"]) {
    const TileCoord coord{tile["z"].get<int>(), tile["x"].get<std::uint32_t>(), tile["y"].get<std::uint32_t>()};
    EXPECT_EQ(tile["id"].get<std::uint64_t>(), layers::tiles::pmtiles::tile_id(coord));
    actual[tile_name(coord)] = tile["hex"];
  }
  EXPECT_EQ(actual, expected);
}

TEST(Pmtiles, ProtomapsDecoderFollowsLeafDirectories) {
  // 12 000 scattered zoom-9 tiles of random sizes: a root of them all would not fit in 16 KiB.
  ArchiveMetadata metadata = sample_metadata(9);
  metadata.minzoom = 9;
  std::vector<TileCoord> tiles;
  for (std::uint32_t x = 0; x < 512; ++x) {
    for (std::uint32_t y = 0; y < 512; ++y) tiles.push_back({9, x, y});
  }
  std::mt19937 random(11);
  std::shuffle(tiles.begin(), tiles.end(), random);
  tiles.resize(12000);
  std::map<std::string, std::string> expected;
  const TempDir dir;
  const fs::path out = dir / "big.pmtiles";
  auto writer = layers::tiles::open_pmtiles_writer(out, metadata);
  for (const TileCoord tile : tiles) {
    std::string content(1 + random() % 600, '\0');
    for (char& c : content) c = static_cast<char>(random());
    writer->add(tile, content);
    expected[tile_name(tile)] = hex(content);
  }
  writer->finish();

  const ReadArchive a = read_pmtiles(out);
  EXPECT_GT(a.leaf_length, 0U);
  EXPECT_GT(a.leaf_directories, 1U);
  EXPECT_LE(a.root_offset + a.root_length, 16384U);
  EXPECT_EQ(a.tiles.size(), tiles.size());

  const TempDir work;
  const nlohmann::json read = read_with_protomaps(out, work.path());
  EXPECT_EQ(read["leafDirectories"], a.leaf_directories);
  std::map<std::string, std::string> actual;
  for (const auto& tile : read["tiles"]) {
    actual[tile_name({tile["z"].get<int>(), tile["x"].get<std::uint32_t>(), tile["y"].get<std::uint32_t>()})] =
        tile["hex"];
  }
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(actual == expected);  // not EXPECT_EQ: a failure would print 12 000 tiles
}

TEST(Pmtiles, ArchiveWithoutTilesIsRefusedAndLeavesNothing) {
  const TempDir dir;
  auto writer = layers::tiles::open_pmtiles_writer(dir / "empty.pmtiles", sample_metadata());
  EXPECT_THROW(writer->finish(), std::invalid_argument);  // a PMTiles directory cannot be empty
  writer.reset();
  EXPECT_TRUE(files_in(dir.path()).empty());
}

// --- What both formats promise about their output file and their input. ---

struct Format {
  const char* name;
  std::unique_ptr<TileArchiveWriter> (*open)(const fs::path&, const ArchiveMetadata&);
};

void PrintTo(const Format& format, std::ostream* out) {
  *out << format.name;
}  // for gtest's messages

class TileArchive : public testing::TestWithParam<Format> {
 protected:
  [[nodiscard]] std::unique_ptr<TileArchiveWriter> open(const fs::path& out, const ArchiveMetadata& metadata) const {
    return GetParam().open(out, metadata);
  }
};

TEST_P(TileArchive, WriterDestroyedWithoutFinishLeavesNoFile) {
  const TempDir dir;
  {
    auto writer = open(dir / "out.archive", sample_metadata());
    writer->add({0, 0, 0}, sample_content({0, 0, 0}));
    writer->add({1, 1, 0}, sample_content({1, 1, 0}));
  }
  EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST_P(TileArchive, ExistingArchiveSurvivesAFailedExportAndIsReplacedByAGoodOne) {
  const TempDir dir;
  const fs::path out = dir / "out.archive";
  std::ofstream(out, std::ios::binary) << "the previous export";
  {
    auto writer = open(out, sample_metadata());
    writer->add({0, 0, 0}, sample_content({0, 0, 0}));
    EXPECT_THROW(writer->add({4, 0, 0}, sample_content({4, 0, 0})), std::invalid_argument);  // zoom > maxzoom
  }                                                                                          // the export gives up
  EXPECT_EQ(read_file(out), "the previous export");
  EXPECT_EQ(files_in(dir.path()), std::set<std::string>{"out.archive"});

  auto writer = open(out, sample_metadata());
  write_sample(*writer);
  writer->finish();
  EXPECT_NE(read_file(out), "the previous export");
  EXPECT_EQ(files_in(dir.path()), std::set<std::string>{"out.archive"});
}

TEST_P(TileArchive, RefusesTilesItCannotStore) {
  const TempDir dir;
  auto writer = open(dir / "out.archive", sample_metadata());
  const std::string mvt = mvt_with_point("x");
  writer->add({2, 1, 3}, mvt);
  EXPECT_THROW(writer->add({2, 1, 3}, mvt), std::invalid_argument);  // twice
  EXPECT_THROW(writer->add({2, 4, 0}, mvt), std::invalid_argument);  // outside the z2 grid
  EXPECT_THROW(writer->add({2, 0, 4}, mvt), std::invalid_argument);
  EXPECT_THROW(writer->add({-1, 0, 0}, mvt), std::invalid_argument);
  EXPECT_THROW(writer->add({1, 0, 0}, ""), std::invalid_argument);
  writer->add({1, 0, 0}, mvt);  // the refusals left the writer usable
  writer->finish();
  EXPECT_THROW(writer->add({0, 0, 0}, mvt), std::logic_error);
  EXPECT_THROW(writer->finish(), std::logic_error);
  EXPECT_EQ(files_in(dir.path()), std::set<std::string>{"out.archive"});
}

TEST_P(TileArchive, RefusesMetadataItCannotWrite) {
  const TempDir dir;
  ArchiveMetadata no_layers = sample_metadata();
  no_layers.vector_layers_json = R"({"id":"sites"})";
  ArchiveMetadata zooms = sample_metadata();
  zooms.minzoom = 5;
  zooms.maxzoom = 4;
  ArchiveMetadata bounds = sample_metadata();
  bounds.north = 95;
  for (const ArchiveMetadata& metadata : {no_layers, zooms, bounds}) {
    EXPECT_THROW((void)open(dir / "out.archive", metadata), std::invalid_argument);
  }
  EXPECT_THROW((void)open(dir / "missing" / "out.archive", sample_metadata()), ArchiveError);
  EXPECT_TRUE(files_in(dir.path()).empty());
}

INSTANTIATE_TEST_SUITE_P(Formats, TileArchive,
                         testing::Values(Format{"MBTiles", &layers::tiles::open_mbtiles_writer},
                                         Format{"PMTiles", &layers::tiles::open_pmtiles_writer}),
                         [](const testing::TestParamInfo<Format>& format) { return std::string(format.param.name); });

}  // namespace
