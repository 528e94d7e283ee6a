#include "server/api/api_handlers.hpp"

#include "geo/error.hpp"
#include "geo/geojson.hpp"
#include "layers/query/site.hpp"
#include "server/api/api_json.hpp"
#include "server/api/api_protobuf.hpp"
#include "server/api/locate_text.hpp"
#include "server/http/negotiation.hpp"
#include "server/http/params.hpp"
#include "server/http/request_body.hpp"


namespace server {
namespace {

struct Site {
  geo::LonLat wgs84;
  double input_lon;
  double input_lat;
  layers::query::InputCrs crs;
};

// lon, lat and crs from the query string.
Site site_from(const QueryParams& params) {
  const double lon = required_number(params, "lon");
  const double lat = required_number(params, "lat");
  const auto crs = input_crs_param(params);
  return {layers::query::to_wgs84(lon, lat, crs), lon, lat, crs};
}

// The overlap's cost grows with the parcel's vertices and parts: refused before any work is done.
void check_parcel_size(const geo::Geometry& parcel, const RequestLimits& limits) {
  const auto parts = static_cast<std::size_t>(parcel.num_geometries());
  if (parts > limits.max_parcel_parts) {
    throw LimitExceeded(Limit::ParcelParts, http::status::payload_too_large, "parcel_too_large",
                        "the parcel has " + std::to_string(parts) + " parts; the limit is " +
                            std::to_string(limits.max_parcel_parts));
  }
  const auto vertices = static_cast<std::size_t>(parcel.num_coordinates());
  if (vertices > limits.max_parcel_vertices) {
    throw LimitExceeded(Limit::ParcelVertices, http::status::payload_too_large, "parcel_too_large",
                        "the parcel has " + std::to_string(vertices) + " vertices; the limit is " +
                            std::to_string(limits.max_parcel_vertices) + " (simplify it, or split it)");
  }
}

Json site_json(const Site& site) {
  return {{"lon", site.wgs84.lon},
          {"lat", site.wgs84.lat},
          {"crs", "EPSG:4326"},
          {"input", {{"lon", site.input_lon}, {"lat", site.input_lat}, {"crs", layers::query::to_string(site.crs)}}}};
}

}  // namespace

Response handle_layers(const RequestContext& context) {
  Json layers = Json::array();
  for (const auto& layer : context.snapshot.layers()) layers.push_back(layer_json(layer));
  return json_response(context.request, http::status::ok,
                       {{"snapshot_version", context.snapshot.version()}, {"layers", std::move(layers)}});
}

Response handle_locate(const RequestContext& context, const MatchFragmentsCache& fragments) {
  const std::string_view answer = negotiate(context.request, {"application/json", kProtobufType});
  const Site site = site_from(context.params);
  layers::query::LocateOptions options;
  options.layers = layer_positions(context.snapshot, list_param(context.params, "layers"));
  const auto result = layers::query::locate(context.snapshot, site.wgs84, options);
  if (answer == kProtobufType) return protobuf_response(context.request, locate_protobuf(context.snapshot, result));
  return body_response(context.request, http::status::ok,
                       locate_text(*fragments.get(context.snapshot), result,
                                   {site.input_lon, site.input_lat, site.crs}),
                       "application/json; charset=utf-8");
}

Response handle_nearest(const RequestContext& context) {
  const Site site = site_from(context.params);
  const std::string* layer_id = context.params.find("layer");
  if (layer_id == nullptr) throw HttpError(http::status::bad_request, "bad_parameter", "layer: is required");
  const auto layer = layer_positions(context.snapshot, {*layer_id}).front();
  const auto k = static_cast<std::size_t>(integer_in_range(context.params, "k", 1, 1, 100));
  Json nearest = Json::array();
  for (const auto& m : layers::query::nearest(context.snapshot, site.wgs84, layer, k)) {
    nearest.push_back(match_json(context.snapshot, m));
  }
  return json_response(context.request, http::status::ok,
                       {{"site", site_json(site)}, {"layer", *layer_id}, {"nearest", std::move(nearest)}});
}

Response handle_overlap(const RequestContext& context) {
  const std::string_view answer = negotiate(context.request, {"application/json", kProtobufType});
  const Json parcel_json = json_body(context.request, context.limits.max_json_depth);
  geo::Geometry parcel;
  try {
    parcel = geo::from_geojson(nlohmann::json(parcel_json));
  } catch (const geo::GeometryError& e) {
    throw HttpError(http::status::bad_request, "invalid_geojson", e.what());
  }
  check_parcel_size(parcel, context.limits);
  const auto positions = layer_positions(context.snapshot, list_param(context.params, "layers"));
  const auto result = layers::query::overlap(context.snapshot, parcel, positions, context.budget);
  if (answer == kProtobufType) return protobuf_response(context.request, overlap_protobuf(context.snapshot, result));
  Json hits = Json::array();
  for (const auto& hit : result.hits) {
    Json entry = match_json(context.snapshot, {hit.layer, hit.feature, 0.0, {}});
    entry.erase("distance_m");
    entry["area_km2"] = hit.area_km2;
    entry["share"] = hit.share;
    hits.push_back(std::move(entry));
  }
  return json_response(context.request, http::status::ok,
                       {{"parcel_km2", result.parcel_km2}, {"hits", std::move(hits)}});
}

}  // namespace server
