#include "support/process.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace test_support {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& out, const std::filesystem::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));  // NOLINT: POSIX API
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

std::optional<int> wait_pid(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& work_dir,
                          std::chrono::seconds timeout) {
  static int counter = 0;
  const auto out = work_dir / ("cmd-" + std::to_string(++counter) + ".out");
  const auto err = work_dir / ("cmd-" + std::to_string(counter) + ".err");
  const pid_t pid = spawn(argv, out, err);
  CommandResult result;
  const auto code = wait_pid(pid, timeout);
  if (!code) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    throw std::runtime_error(argv[0] + " did not finish in time");
  }
  result.exit_code = *code;
  result.out = read_file(out);
  result.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file)
    : log_file_(log_file) {
  pid_ = spawn(argv, log_file, log_file);
}

ChildProcess::~ChildProcess() {
  if (!reaped_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void ChildProcess::signal(int signal_number) const {
  kill(pid_, signal_number);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  auto code = wait_pid(pid_, timeout);
  if (code) reaped_ = true;
  return code;
}

std::string ChildProcess::log() const {
  return read_file(log_file_);
}

std::optional<std::string> ChildProcess::wait_for_log(const std::string& text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::istringstream lines(log());
    for (std::string line; std::getline(lines, line);) {
      if (line.find(text) != std::string::npos) return line;
    }
    int status = 0;
    if (!reaped_ && waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

HttpResult http_request(const std::string& host, unsigned short port, const HttpCall& call,
                        const HttpHeaders& extra_headers) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  namespace net = boost::asio;
  net::io_context context;
  beast::tcp_stream stream(context);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address(host), port));
  http::request<http::string_body> request(http::string_to_verb(call.method), call.target, 11);
  request.set(http::field::host, host);
  if (!call.content_type.empty()) request.set(http::field::content_type, call.content_type);
  if (!call.accept.empty()) request.set(http::field::accept, call.accept);
  for (const auto& [name, value] : extra_headers) request.set(name, value);
  request.body() = call.body;
  if (!call.body.empty() || call.method == "POST") request.prepare_payload();
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(256U << 20);
  http::read(stream, buffer, parser);
  const auto& response = parser.get();
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  HttpResult result{
      static_cast<int>(response.result_int()), std::string(response[http::field::content_type]), response.body(), {}};
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return result;
}

HttpResult http_get(const std::string& host, unsigned short port, const std::string& target) {
  return http_request(host, port, {"GET", target, {}, {}, {}});
}

RawExchange raw_exchange(unsigned short port, const std::vector<std::string>& pieces,
                         std::chrono::milliseconds timeout, std::chrono::milliseconds pause) {
  RawExchange out;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect() to port " + std::to_string(port) + " failed");
  }
  const auto start = std::chrono::steady_clock::now();
  const auto read_available = [&](int wait_ms) {
    pollfd p{fd, POLLIN, 0};
    while (!out.closed && ::poll(&p, 1, wait_ms) > 0) {
      char buffer[65536];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        out.closed = true;
        out.closed_after = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        break;
      }
      out.received.append(buffer, static_cast<std::size_t>(n));
      wait_ms = 0;
    }
  };
  for (std::size_t i = 0; i < pieces.size() && !out.closed; ++i) {
    if (i > 0 && pause.count() > 0) read_available(static_cast<int>(pause.count()));
    if (out.closed) break;
    std::size_t sent = 0;
    while (sent < pieces[i].size()) {
      const ssize_t n = ::send(fd, pieces[i].data() + sent, pieces[i].size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        out.send_failed = true;
        break;
      }
      sent += static_cast<std::size_t>(n);
    }
    if (out.send_failed) break;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!out.closed && std::chrono::steady_clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    read_available(static_cast<int>(std::max<long>(1, std::min<long>(left, 100))));
  }
  ::close(fd);
  return out;
}

double ChildProcess::rss_mib() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // "VmRSS:  1234 kB"
  }
  return 0;
}

RunningLayoutd::RunningLayoutd(const std::string& binary, const std::filesystem::path& store,
                               const std::filesystem::path& log_file, const std::vector<std::string>& extra)
    : process(
          [&] {
            std::vector<std::string> argv{binary,      "--store", store.string(), "--listen", "127.0.0.1:0",
                                          "--threads", "2"};
            argv.insert(argv.end(), extra.begin(), extra.end());
            return argv;
          }(),
          log_file) {
  // Generous: the snapshot's indexes take a few seconds to build under sanitizers.
  const auto line = process.wait_for_log("listening on http://", std::chrono::seconds(60));
  if (!line) throw std::runtime_error("layoutd did not start:\n" + process.log());
  std::smatch match;
  if (!std::regex_search(*line, match, std::regex(R"(127\.0\.0\.1:(\d+))"))) throw std::runtime_error(*line);
  port = static_cast<unsigned short>(std::stoi(match[1]));
}

}  // namespace test_support
