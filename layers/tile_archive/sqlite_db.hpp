#pragma once
// RAII over the SQLite C API: a connection and its prepared statements. Every failing call throws
// ArchiveError with SQLite's message and the database's file name.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace layers::tiles {

class SqliteStatement {
 public:
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement(SqliteStatement&&) noexcept = default;
  SqliteStatement& operator=(SqliteStatement&&) noexcept = default;
  ~SqliteStatement() = default;

  // Parameters count from 1, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT).
  void bind(int index, std::int64_t value);
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::string_view value);
  // True when a row is ready to read, false when the statement is done.
  bool step();
  // Makes the statement ready to run again and clears its bindings (sqlite3_reset).
  void rewind();
  // Columns count from 0.
  [[nodiscard]] std::int64_t column_int64(int index) const;
  [[nodiscard]] std::string column_text(int index) const;
  [[nodiscard]] std::string column_blob(int index) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* statement, std::string file);
  void check(int code, const char* what) const;

  struct Finalize {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
  };
  std::unique_ptr<sqlite3_stmt, Finalize> statement_;
  std::string file_;
};

class SqliteDb {
 public:
  // `flags` as for sqlite3_open_v2 (SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).
  SqliteDb(const std::filesystem::path& file, int flags);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  SqliteDb(SqliteDb&&) = delete;
  SqliteDb& operator=(SqliteDb&&) = delete;
  // Closes without reporting errors; statements still open keep the connection alive until they
  // are finalized (sqlite3_close_v2).
  ~SqliteDb() = default;

  // Runs one or more statements that return no rows.
  void exec(const std::string& sql);
  [[nodiscard]] SqliteStatement prepare(std::string_view sql);
  // Closes now and throws if SQLite cannot (a statement still open, an I/O error).
  void close();

 private:
  struct Close {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> db_;
  std::string file_;
};

}  // namespace layers::tiles
