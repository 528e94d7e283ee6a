#pragma once
// The query API's JSON shapes, shared by the GET and batch forms: a match, the admin unit, a
// catalogue entry.
#include "layers/query/engine.hpp"
#include "layers/query/site.hpp"
#include "layers/snapshot.hpp"
#include "server/json_response.hpp"
#include "server/url.hpp"

#include <string_view>
#include <vector>

namespace server {

// {"layer","id","name_zh","name_en","kind","plan_ref","plan_text","precision","distance_m"}
Json match_json(const layers::Snapshot& snapshot, const layers::query::Match& match);
// {"province","city","county","adcode"} or null outside every county.
Json admin_json(const layers::Feature* county);
// {"site":{"lon","lat"},"admin","matches","nearest"}
Json locate_json(const layers::Snapshot& snapshot, const layers::query::LocateView& result);
Json layer_json(const layers::Layer& layer);

// Distances are given to the centimetre: the most they can mean on these data.
double round_to_cm(double metres);

// "admin, planning_area, …": the layer ids, for error details that say what exists.
std::string layer_id_list(const layers::Snapshot& snapshot);

// The `crs` query parameter (EPSG:4326 when absent); an unknown one is an InputError (400).
layers::query::InputCrs input_crs_param(const QueryParams& params);

// `ids` → snapshot layer positions; an unknown id is a 400 naming it and the known ones.
std::vector<std::uint32_t> layer_positions(const layers::Snapshot& snapshot, const std::vector<std::string>& ids);

}  // namespace server
