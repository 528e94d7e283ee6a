#pragma once
// The GET /api/v1/locate answer written as text from pre-rendered fragments (match_fragments.hpp):
// the same document as api_json.cpp's locate_json plus the site's input echo, without a JSON tree.
#include "layers/query/engine.hpp"
#include "layers/query/site.hpp"
#include "server/api/match_fragments.hpp"

#include <string>

namespace server {

struct SiteInput {
  double lon;
  double lat;
  layers::query::InputCrs crs;
};

std::string locate_text(const MatchFragments& fragments, const layers::query::LocateResult& result,
                        const SiteInput& input);

}  // namespace server
