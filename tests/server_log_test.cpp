// The buffered log sink (server/http/log_sink.hpp): no line lost or torn, order kept per thread,
// info lines out within the flush interval, flushed lines out at once.
#include "server/http/log_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

// A temporary file opened for appending, as layoutd's stderr is when tests redirect it.
class LogFile {
 public:
  LogFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "layoutd-log-test.XXXXXX").string();
    fd_ = ::mkstemp(pattern.data());
    path_ = pattern;
  }
  ~LogFile() {
    ::close(fd_);
    std::filesystem::remove(path_);
  }
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] std::string text() const {
    std::ifstream in(path_);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

TEST(LogSink, LinesFromManyThreadsAreWholeInOrderAndAllWrittenByTheEnd) {
  const LogFile file;
  constexpr int threads = 8;
  constexpr int lines = 20'000;
  {
    server::LogSink sink(file.fd(), 10ms, 4096);  // small batches: many writes race the appenders
    std::vector<std::jthread> writers;
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&sink, t] {
        for (int i = 0; i < lines; ++i) {
          sink.append("thread " + std::to_string(t) + " line " + std::to_string(i) + " " + std::string(i % 97, 'x') +
                      "\n");
        }
      });
    }
  }
  std::istringstream in(file.text());
  std::map<int, int> next;  // per thread, the line number expected next
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    int t = -1;
    int i = -1;
    ASSERT_EQ(std::sscanf(line.c_str(), "thread %d line %d", &t, &i), 2) << line;
    ASSERT_EQ(i, next[t]) << "thread " << t << ": " << line;
    ASSERT_EQ(line, "thread " + std::to_string(t) + " line " + std::to_string(i) + " " + std::string(i % 97, 'x'));
    ++next[t];
    ++count;
  }
  EXPECT_EQ(count, threads * lines);
}

TEST(LogSink, AnInfoLineReachesTheFileWithinTheInterval) {
  const LogFile file;
  server::LogSink sink(file.fd(), 50ms);
  sink.append("hello\n");
  const auto start = std::chrono::steady_clock::now();
  while (file.text().empty() && std::chrono::steady_clock::now() - start < 2s) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(file.text(), "hello\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
}

TEST(LogSink, AFlushedLineIsOutWithEveryLineBeforeItWhenTheCallReturns) {
  const LogFile file;
  server::LogSink sink(file.fd(), 10s);  // the thread would not write for 10 s
  sink.append("first\n");
  sink.append_and_flush("error\n");
  EXPECT_EQ(file.text(), "first\nerror\n");
}

TEST(LogSink, AfterStopEveryLineIsWrittenAtOnce) {
  const LogFile file;
  server::LogSink sink(file.fd(), 10s);
  sink.append("before\n");
  sink.stop();
  EXPECT_EQ(file.text(), "before\n");
  sink.append("after\n");
  EXPECT_EQ(file.text(), "before\nafter\n");
}

}  // namespace
