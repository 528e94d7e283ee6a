#include "support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

namespace test_support {
namespace {

// A port nobody listens on now (the kernel's pick for an ephemeral bind, released at once).
unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  const bool ok = ::bind(fd, generic, sizeof address) == 0 && ::getsockname(fd, generic, &length) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot find a free port");
  return ntohs(address.sin_port);
}

}  // namespace

PgCluster::PgCluster(std::filesystem::path bin_dir) : bin_(std::move(bin_dir)) {
  if (!std::filesystem::exists(bin_ / "initdb") || !std::filesystem::exists(bin_ / "psql")) {
    throw std::runtime_error("PostgreSQL is not installed in " + bin_.string() +
                             " (scripts/test installs postgresql-15 and postgresql-15-postgis-3)");
  }
  if (::geteuid() == 0) {
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr) throw std::runtime_error("running as root and there is no postgres user to run the server");
    namespace fs = std::filesystem;
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                     fs::perms::others_read | fs::perms::others_exec);
    if (::chown(dir_.path().c_str(), user->pw_uid, user->pw_gid) != 0) {
      throw std::runtime_error("cannot hand " + dir_.path().string() + " to the postgres user");
    }
  }
  const auto data = dir_.path() / "data";
  run(as_server_user({(bin_ / "initdb").string(), "-D", data.string(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--locale=C", "--no-sync"}),
      "initdb");
  port_ = free_port();
  // Durability is not what a throw-away cluster is for.
  server_ = std::make_unique<ChildProcess>(
      as_server_user({(bin_ / "postgres").string(), "-D", data.string(), "-p", std::to_string(port_), "-k",
                      dir_.path().string(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
                      "synchronous_commit=off", "-c", "full_page_writes=off"}),
      dir_.path() / "server.log");
  if (!server_->wait_for_log("database system is ready to accept connections", std::chrono::seconds(60))) {
    throw std::runtime_error("PostgreSQL did not start:\n" + server_->log());
  }
  run({(bin_ / "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", std::to_string(port_),
       "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE layout"},
      "CREATE DATABASE");
  sql("CREATE EXTENSION postgis");
}

PgCluster::~PgCluster() {
  if (!server_) return;
  server_->signal(SIGQUIT);  // PostgreSQL's immediate shutdown: the data is thrown away anyway
  static_cast<void>(server_->wait(std::chrono::seconds(30)));  // past that, ChildProcess SIGKILLs it
}

std::string PgCluster::gdal_connection() const {
  return "PG:host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=layout";
}

std::string PgCluster::sql(const std::string& statements) const {
  return run({(bin_ / "psql").string(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
              std::to_string(port_), "-U", "postgres", "-d", "layout", "-c", statements},
             "psql");
}

std::vector<std::string> PgCluster::as_server_user(std::vector<std::string> argv) const {
  if (::geteuid() != 0) return argv;
  // setpriv execs the command in place (runuser forks and waits), so the postmaster is the test's
  // own child and its pid the one to signal.
  argv.insert(argv.begin(),
              {"/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env", "--"});
  return argv;
}

std::string PgCluster::run(const std::vector<std::string>& argv, const std::string& what) const {
  const auto result = run_command(argv, dir_.path(), std::chrono::seconds(90));
  if (result.exit_code != 0) {
    throw std::runtime_error(what + " failed (exit " + std::to_string(result.exit_code) + "): " + result.err +
                             result.out + (server_ ? "\nserver log:\n" + server_->log() : ""));
  }
  return result.out;
}

}  // namespace test_support
