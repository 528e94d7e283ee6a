#pragma once
// Reading a layoutctl command's arguments: options with values, flags and positionals, with one
// kind of error (UsageError: exit status 2 and the usage) for everything the user mistyped.
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace layers {

class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class ArgumentReader {
 public:
  // `args`: what follows the command name; `command` starts every message ("load: ...").
  ArgumentReader(std::span<char* const> args, std::string command) : args_(args), command_(std::move(command)) {}

  // Moves to the next argument; false after the last.
  bool next() { return ++index_ < args_.size(); }
  [[nodiscard]] std::string_view current() const { return args_[index_]; }
  [[nodiscard]] bool is_option() const { return current().starts_with("--"); }
  // The argument after the current option, which it consumes. Throws UsageError when there is none.
  std::string value();
  // Throws UsageError naming the current option as unknown.
  [[noreturn]] void reject() const;

 private:
  std::span<char* const> args_;
  std::string command_;
  std::size_t index_ = static_cast<std::size_t>(-1);
};

}  // namespace layers
