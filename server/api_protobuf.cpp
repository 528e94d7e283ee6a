#include "server/api_protobuf.hpp"

#include "layoutd_api.pb.h"
#include "server/json_response.hpp"

namespace server {
namespace {

namespace pb = layoutd::api::v1;

std::string text(const layers::Feature& feature, std::string_view name) {
  return std::string(feature.attributes.text(name).value_or(""));
}

void fill(pb::FeatureRef& out, const layers::Snapshot& snapshot, std::uint32_t layer, std::uint32_t feature_index,
          double distance_m) {
  const layers::Layer& l = snapshot.layers()[layer];
  const layers::Feature& f = l.features()[feature_index];
  out.set_layer(l.id());
  out.set_id(f.id);
  out.set_name_zh(text(f, "name_zh"));
  out.set_name_en(text(f, "name_en"));
  out.set_kind(text(f, "kind"));
  out.set_plan_ref(text(f, "plan_ref"));
  out.set_plan_text(text(f, "plan_text"));
  out.set_precision(text(f, "precision"));
  out.set_distance_m(distance_m);
}

}  // namespace

std::string locate_protobuf(const layers::Snapshot& snapshot, const layers::query::LocateResult& result) {
  pb::LocateResponse message;
  message.mutable_site()->set_lon(result.site.lon);
  message.mutable_site()->set_lat(result.site.lat);
  if (result.county != nullptr) {
    pb::Admin& admin = *message.mutable_admin();
    admin.set_province(text(*result.county, "province"));
    admin.set_city(text(*result.county, "city"));
    admin.set_county(text(*result.county, "county"));
    admin.set_adcode(static_cast<std::int64_t>(result.county->attributes.number("adcode").value_or(0)));
  }
  for (const auto& m : result.matches) fill(*message.add_matches(), snapshot, m.layer, m.feature, m.distance_m);
  for (const auto& m : result.nearest) fill(*message.add_nearest(), snapshot, m.layer, m.feature, m.distance_m);
  return message.SerializeAsString();
}

std::string overlap_protobuf(const layers::Snapshot& snapshot, const layers::query::OverlapResult& result) {
  pb::OverlapResponse message;
  message.set_parcel_km2(result.parcel_km2);
  for (const auto& hit : result.hits) {
    pb::OverlapHit& out = *message.add_hits();
    fill(*out.mutable_feature(), snapshot, hit.layer, hit.feature, 0.0);
    out.set_area_km2(hit.area_km2);
    out.set_share(hit.share);
  }
  return message.SerializeAsString();
}

Response protobuf_response(const Request& request, std::string body) {
  return body_response(request, http::status::ok, std::move(body), kProtobufType);
}

}  // namespace server
