#pragma once
// The query API (/api/v1/...): the catalogue, locate, nearest, overlap (batch_locate.hpp: POST
// /api/v1/locate).
#include "server/api/match_fragments.hpp"
#include "server/http/request_context.hpp"

namespace server {

Response handle_layers(const RequestContext& context);
// GET /api/v1/locate answers from the snapshot's pre-rendered matches (match_fragments.hpp).
Response handle_locate(const RequestContext& context, const MatchFragmentsCache& fragments);
Response handle_nearest(const RequestContext& context);
Response handle_overlap(const RequestContext& context);

}  // namespace server
