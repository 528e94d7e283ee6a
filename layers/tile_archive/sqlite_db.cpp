#include "layers/tile_archive/sqlite_db.hpp"

#include "layers/tile_archive/tile_archive.hpp"

#include <limits>

namespace layers::tiles {
namespace {

[[noreturn]] void fail(const std::string& file, const char* what, const char* message) {
  throw ArchiveError("'" + file + "': sqlite: " + what + ": " + (message != nullptr ? message : "unknown error"));
}

int checked_size(std::string_view value, const std::string& file) {
  if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    fail(file, "bind", "value larger than 2 GiB");
  }
  return static_cast<int>(value.size());
}

}  // namespace

SqliteStatement::SqliteStatement(sqlite3_stmt* statement, std::string file)
    : statement_(statement), file_(std::move(file)) {}

void SqliteStatement::check(int code, const char* what) const {
  if (code != SQLITE_OK) fail(file_, what, sqlite3_errmsg(sqlite3_db_handle(statement_.get())));
}

void SqliteStatement::bind(int index, std::int64_t value) {
  check(sqlite3_bind_int64(statement_.get(), index, value), "bind");
}

void SqliteStatement::bind_text(int index, std::string_view value) {
  check(sqlite3_bind_text(statement_.get(), index, value.data(), checked_size(value, file_), SQLITE_TRANSIENT), "bind");
}

void SqliteStatement::bind_blob(int index, std::string_view value) {
  check(sqlite3_bind_blob(statement_.get(), index, value.data(), checked_size(value, file_), SQLITE_TRANSIENT), "bind");
}

bool SqliteStatement::step() {
  const int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  fail(file_, "step", sqlite3_errmsg(sqlite3_db_handle(statement_.get())));
}

void SqliteStatement::rewind() {
  // sqlite3_reset repeats the last step's error, already thrown by step().
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

std::int64_t SqliteStatement::column_int64(int index) const {
  return sqlite3_column_int64(statement_.get(), index);
}

std::string SqliteStatement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_.get(), index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(statement_.get(), index))};
}

std::string SqliteStatement::column_blob(int index) const {
  const void* blob = sqlite3_column_blob(statement_.get(), index);
  if (blob == nullptr) return {};
  return {static_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_column_bytes(statement_.get(), index))};
}

SqliteDb::SqliteDb(const std::filesystem::path& file, int flags) : file_(file.string()) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(file_.c_str(), &db, flags, nullptr);
  db_.reset(db);  // owned even when opening failed: SQLite hands out a handle to carry the message
  if (code != SQLITE_OK) fail(file_, "open", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  sqlite3_extended_result_codes(db, 1);
}

void SqliteDb::exec(const std::string& sql) {
  char* message = nullptr;
  const int code = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
  const std::unique_ptr<char, decltype(&sqlite3_free)> owned(message, &sqlite3_free);
  if (code != SQLITE_OK) fail(file_, "exec", message != nullptr ? message : sqlite3_errstr(code));
}

SqliteStatement SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v2(db_.get(), sql.data(), checked_size(sql, file_), &statement, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement);
    fail(file_, "prepare", sqlite3_errmsg(db_.get()));
  }
  return SqliteStatement(statement, file_);
}

void SqliteDb::close() {
  if (const int code = sqlite3_close(db_.get()); code != SQLITE_OK) fail(file_, "close", sqlite3_errstr(code));
  (void)db_.release();
}

}  // namespace layers::tiles
