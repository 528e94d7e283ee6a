#include "layers/store/store_meta.hpp"

#include "layers/model/schema.hpp"
#include "layers/store/store_error.hpp"

#include <ogrsf_frmts.h>

#include <charconv>
#include <optional>

namespace layers {
namespace {

const std::string kTable(schema::kMetaTable);
const std::string kRevision(schema::kRevisionKey);

struct RevisionRow {
  GIntBig fid = OGRNullFID;
  std::int64_t value = 0;
};

// The table holds a handful of rows: they are compared here rather than through an attribute
// filter, whose dialect (and the quoting of a column named "key") differs between drivers. The
// whole table is read, so no cursor stays open: GDAL's PostgreSQL driver commits the transaction
// when it closes a cursor left open across a rollback.
std::optional<RevisionRow> find_revision(OGRLayer& table, const std::string& connection) {
  const int key = table.GetLayerDefn()->GetFieldIndex("key");
  const int value = table.GetLayerDefn()->GetFieldIndex("value");
  if (key < 0 || value < 0) throw StoreError(connection, kTable + " lacks the columns key and value");
  std::optional<RevisionRow> found;
  std::string text;
  table.ResetReading();
  for (auto& row : table) {
    if (found || !row->IsFieldSetAndNotNull(key) || kRevision != row->GetFieldAsString(key)) continue;
    text = row->IsFieldSetAndNotNull(value) ? row->GetFieldAsString(value) : "";
    found = RevisionRow{row->GetFID(), 0};
  }
  if (!found) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), found->value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || found->value < 0) {
    throw StoreError(connection, kTable + ": revision '" + text + "' is not a non-negative integer");
  }
  return found;
}

OGRLayer& create_table(GDALDataset& dataset, const std::string& connection) {
  OGRLayer* table = dataset.CreateLayer(kTable.c_str(), nullptr, wkbNone, nullptr);
  if (table == nullptr) throw StoreError(connection, "cannot create the table " + kTable + ": " + CPLGetLastErrorMsg());
  for (const char* name : {"key", "value"}) {
    OGRFieldDefn field(name, OFTString);
    if (table->CreateField(&field) != OGRERR_NONE) {
      throw StoreError(connection, "cannot create the column " + kTable + "." + name);
    }
  }
  return *table;
}

void insert_revision(OGRLayer& table, std::int64_t revision, const std::string& connection) {
  OGRFeatureUniquePtr row(OGRFeature::CreateFeature(table.GetLayerDefn()));
  row->SetField("key", kRevision.c_str());
  row->SetField("value", std::to_string(revision).c_str());
  if (table.CreateFeature(row.get()) != OGRERR_NONE) {
    throw StoreError(connection, "cannot write the revision to " + kTable + ": " + CPLGetLastErrorMsg());
  }
}

bool takes_sql_update(GDALDataset& dataset) {
  const std::string driver = dataset.GetDriverName();
  return driver == "GPKG" || driver == "SQLite" || driver == "PostgreSQL";
}

}  // namespace

std::int64_t read_revision(GDALDataset& dataset, const std::string& connection) {
  OGRLayer* table = dataset.GetLayerByName(kTable.c_str());
  if (table == nullptr) return 0;
  const auto row = find_revision(*table, connection);
  return row ? row->value : 0;
}

void write_meta_table(GDALDataset& dataset, std::int64_t revision, const std::string& connection) {
  insert_revision(create_table(dataset, connection), revision, connection);
}

std::int64_t increment_revision(GDALDataset& dataset, const std::string& connection) {
  OGRLayer* table = dataset.GetLayerByName(kTable.c_str());
  if (table == nullptr) {
    write_meta_table(dataset, 1, connection);
    return 1;
  }
  const auto before = find_revision(*table, connection);  // also checks the value is a number
  if (!before) {
    insert_revision(*table, 1, connection);
    return 1;
  }
  if (takes_sql_update(dataset)) {
    // One statement reads and writes the value: PostgreSQL locks the row and, under READ COMMITTED,
    // re-reads the committed value after waiting, so two concurrent loads both count.
    CPLErrorReset();
    const std::string sql = "UPDATE " + kTable + R"( SET "value" = CAST(CAST("value" AS BIGINT) + 1 AS TEXT))" +
                            R"( WHERE "key" = ')" + kRevision + "'";
    if (OGRLayer* result = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr)) dataset.ReleaseResultSet(result);
    if (CPLGetLastErrorType() == CE_Failure) {
      throw StoreError(connection, "cannot increment the revision: " + std::string(CPLGetLastErrorMsg()));
    }
    const auto after = find_revision(*table, connection);
    if (!after) throw StoreError(connection, "the revision row vanished from " + kTable);
    return after->value;
  }
  OGRFeatureUniquePtr row(table->GetFeature(before->fid));
  if (!row) throw StoreError(connection, "cannot read the revision row of " + kTable);
  row->SetField("value", std::to_string(before->value + 1).c_str());
  if (table->SetFeature(row.get()) != OGRERR_NONE) {
    throw StoreError(connection, "cannot write the revision to " + kTable + ": " + CPLGetLastErrorMsg());
  }
  return before->value + 1;
}

}  // namespace layers
