#include "layers/cli/progress_bar.hpp"

#include <algorithm>

namespace layers {

void ProgressBar::draw(std::uint64_t done, std::string_view note) {
  constexpr std::uint64_t kWidth = 40;
  const std::uint64_t filled = total_ == 0 ? kWidth : std::min(done, total_) * kWidth / total_;
  out_ << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] " << done << "/" << total_ << " "
       << unit_;
  if (!note.empty()) out_ << ", " << note;
  out_ << std::flush;
}

}  // namespace layers
