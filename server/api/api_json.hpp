#pragma once
// The query API's JSON shapes, shared by the GET and batch forms: a match, the admin unit, a
// catalogue entry.
#include "layers/query/engine.hpp"
#include "layers/query/site.hpp"
#include "layers/model/snapshot.hpp"
#include "server/http/json_response.hpp"
#include "server/http/url.hpp"

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

}  // namespace server
