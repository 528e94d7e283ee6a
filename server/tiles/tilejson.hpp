#pragma once
// The TileJSON 3.0.0 document describing /tiles/{z}/{x}/{y}.mvt for a snapshot: what MapLibre reads
// to find the tiles, their layers and fields, and where to look first.
#include "layers/serving/served_snapshot.hpp"
#include "server/http/json_response.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace server {

// `base_url` is the public scheme://host; `positions` the layers requested (all when empty), and
// `layers_param` their ids as the client wrote them, repeated in the tiles URL.
Json tilejson(const layers::ServedSnapshot& snapshot, const std::string& base_url,
              const std::vector<std::uint32_t>& positions, const std::string& layers_param);

}  // namespace server
