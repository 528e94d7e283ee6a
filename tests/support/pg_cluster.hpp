#pragma once
// A throw-away PostgreSQL + PostGIS cluster for tests: initdb in a fresh temp dir, the server on a
// free port of 127.0.0.1 (and its socket in that dir), database `layout` with the postgis
// extension. The destructor stops it and removes everything. As root the server runs as the
// `postgres` user (initdb refuses root), as bench/lib_pg_peer.sh does it in shell.
// The postmaster is the test's own child (not daemonized by pg_ctl): should the test be killed
// (a ctest timeout kills the test's process tree), the server goes with it.
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace test_support {

class PgCluster {
 public:
  // `bin_dir` holds initdb, pg_ctl and psql (Debian's postgresql-15). Throws, with the server's
  // log, when the cluster does not start.
  explicit PgCluster(std::filesystem::path bin_dir = "/usr/lib/postgresql/15/bin");
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;
  ~PgCluster();

  [[nodiscard]] unsigned short port() const noexcept { return port_; }
  // "PG:host=127.0.0.1 port=N user=postgres dbname=layout", for GDAL and layoutd --store.
  [[nodiscard]] std::string gdal_connection() const;
  // Runs `statements` in database `layout` (psql, stopping at the first error) and returns the
  // rows as psql -At prints them. Throws with psql's message on an error.
  std::string sql(const std::string& statements) const;

 private:
  [[nodiscard]] std::vector<std::string> as_server_user(std::vector<std::string> argv) const;
  std::string run(const std::vector<std::string>& argv, const std::string& what) const;

  std::filesystem::path bin_;
  TempDir dir_;
  unsigned short port_ = 0;
  std::unique_ptr<ChildProcess> server_;  // the postmaster
};

}  // namespace test_support
