#include "layers/cli/command_line.hpp"

namespace layers {

std::string ArgumentReader::value() {
  if (index_ + 1 >= args_.size()) throw UsageError(command_ + ": " + std::string(current()) + " needs a value");
  return args_[++index_];
}

void ArgumentReader::reject() const {
  throw UsageError(command_ + ": unknown option " + std::string(current()));
}

}  // namespace layers
