#pragma once
// One redrawn terminal line "[#####.....] done/total unit, note" for long-running commands
// (export-tiles, load). The caller decides whether stderr is a terminal and how often to draw.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace layers {

class ProgressBar {
 public:
  // `unit` names what is counted ("tiles", "features").
  ProgressBar(std::ostream& out, std::uint64_t total, std::string unit)
      : out_(out), total_(total), unit_(std::move(unit)) {}

  // Redraws the line; `note` follows the count after a comma when not empty.
  void draw(std::uint64_t done, std::string_view note = {});
  // Ends the line, so what is printed next starts on its own.
  void finish() { out_ << "\n" << std::flush; }

 private:
  std::ostream& out_;
  std::uint64_t total_;
  std::string unit_;
};

}  // namespace layers
