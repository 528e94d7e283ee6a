#pragma once
// Human-readable summaries of a store for `layoutctl info` and `layoutctl validate`.
#include "layers/store/store_reader.hpp"
#include "layers/model/validate.hpp"

#include <ostream>

namespace layers {

void print_info(std::ostream& out, const std::string& store, const StoreContents& contents);
void print_validation(std::ostream& out, const std::string& store, const ValidationReport& report);

}  // namespace layers
