#pragma once
// `layoutctl load`: one source layer into one store layer. Reads and checks the whole source first
// (source_reader, attribute_mapping, feature_check) against the target layer as it is
// (target_layer), then writes in one transaction (layer_writer) — or, with --dry-run, only reports.
//
// Rejections: a feature that cannot be repaired, has the wrong geometry type, lies outside the
// region, lacks a required attribute or repeats an id is rejected and listed, and the others are
// loaded; in replace mode a stored feature whose replacement was rejected is kept as it is rather
// than deleted. Nothing is written when no feature passes, or with --strict when any is rejected.
// A source that cannot be read to the end, or has no CRS, aborts the load before the store is
// opened for writing.
#include "layers/load/load_options.hpp"
#include "layers/load/load_report.hpp"

#include <ostream>

namespace layers::load {

// Throws LoadError (nothing written) when the load cannot go ahead at all; otherwise the report
// says what was written, or why nothing was (refusal). `progress` gets the progress bar.
LoadReport load_layer(const LoadOptions& options, std::ostream& progress);

}  // namespace layers::load
