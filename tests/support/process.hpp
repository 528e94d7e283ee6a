#pragma once
// Running the project's executables from tests: one-shot commands with captured output, and
// long-running servers with their log in a file.
#include <sys/types.h>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test_support {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] with the arguments; output is captured through files in `work_dir`.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& work_dir,
                          std::chrono::seconds timeout = std::chrono::seconds(60));

class ChildProcess {
 public:
  // Starts the process with stdout and stderr appended to `log_file`.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // SIGKILLs a process still running

  void signal(int signal_number) const;
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  // Resident memory of the running process in MiB (VmRSS), 0 when it is gone.
  [[nodiscard]] double rss_mib() const;
  // The exit code once the process ends within `timeout` (-1 if a signal ended it), else nullopt.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  [[nodiscard]] std::string log() const;
  // Polls the log until a line contains `text`; returns that line, or nullopt on timeout or exit.
  std::optional<std::string> wait_for_log(const std::string& text, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::filesystem::path log_file_;
};

// layoutd on a free port of 127.0.0.1 (--listen 127.0.0.1:0), the port read from its log once it
// says it is listening. Throws if it does not start within 60 s.
struct RunningLayoutd {
  RunningLayoutd(const std::string& binary, const std::filesystem::path& store, const std::filesystem::path& log_file,
                 const std::vector<std::string>& extra_arguments = {});
  ChildProcess process;
  unsigned short port = 0;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::string content_type;
  std::string body;
  HttpHeaders headers;  // every response header, names lower-case
  // The first value of header `name` (lower-case), "" when absent.
  [[nodiscard]] std::string header(std::string_view name) const;
};

struct HttpCall {
  std::string method;  // "GET", "POST", ...
  std::string target;
  std::string body;
  std::string content_type;
  std::string accept;
};

// One request over a fresh connection (Boost.Beast, synchronous).
HttpResult http_request(const std::string& host, unsigned short port, const HttpCall& call,
                        const HttpHeaders& extra_headers = {});
HttpResult http_get(const std::string& host, unsigned short port, const std::string& target);

// Bytes as a hostile client sends them, over a fresh connection to 127.0.0.1:port, in `pieces`
// sent `pause` apart; then everything the server sends until it closes the connection or
// `timeout` passes (from the last piece sent).
struct RawExchange {
  std::string received;
  bool closed = false;       // the server closed (or reset) the connection
  bool send_failed = false;  // the server closed before every piece was sent
  std::chrono::milliseconds closed_after{0};  // from the first byte sent to the close
};
RawExchange raw_exchange(unsigned short port, const std::vector<std::string>& pieces,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
                         std::chrono::milliseconds pause = std::chrono::milliseconds(0));

}  // namespace test_support
