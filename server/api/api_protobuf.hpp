#pragma once
// The query API's answers as serialized proto/layoutd_api.proto messages.
#include "layers/query/engine.hpp"
#include "server/http/http_types.hpp"

#include <string>

namespace server {

inline constexpr std::string_view kProtobufType = "application/x-protobuf";

std::string locate_protobuf(const layers::Snapshot& snapshot, const layers::query::LocateResult& result);
std::string overlap_protobuf(const layers::Snapshot& snapshot, const layers::query::OverlapResult& result);

Response protobuf_response(const Request& request, std::string body);

}  // namespace server
