#include "server/ogc/ogc_handlers.hpp"

#include "server/ogc/ogc_json.hpp"
#include "server/ogc/ogc_selection.hpp"
#include "server/http/params.hpp"
#include "server/http/parse_number.hpp"
#include "server/http/public_url.hpp"

#include <chrono>
#include <string>

namespace server {
namespace {

// Query parameters: the items route reads bbox, limit and offset; every other parameter, on every
// route, is ignored rather than refused, deliberately. Clients add some that change nothing here:
// f=json (JSON is the only format anyway) and whatever a user appends to the URL for a proxy, which
// GDAL repeats on every request it makes; a 400 for those would break them. datetime is ignored
// too: the layers carry no time, so there is nothing for it to select on.

OgcUrls urls_for(const RequestContext& context) {
  return OgcUrls(public_base_url(context.request));
}

const layers::Layer& collection_of(const RequestContext& context) {
  const std::string& id = context.args.at(0);
  const layers::Layer* layer = context.snapshot.find(id);
  if (layer == nullptr) {
    throw HttpError(http::status::not_found, "unknown_collection",
                    "no collection '" + id + "'; collections are: " + layer_id_list(context.snapshot));
  }
  return *layer;
}

std::int64_t feature_id_of(const RequestContext& context) {
  const std::string& text = context.args.at(1);
  const auto fid = parse_number<std::int64_t>(text);
  if (!fid.ok()) {
    throw HttpError(http::status::bad_request, "bad_feature_id",
                    "feature id '" + text + "' is not an integer (items are addressed by their numeric id)");
  }
  return fid.value;
}

}  // namespace

Response handle_ogc_landing(const RequestContext& context) {
  return json_response(context.request, http::status::ok, ogc_landing(urls_for(context)));
}

Response handle_ogc_conformance(const RequestContext& context) {
  return json_response(context.request, http::status::ok, ogc_conformance());
}

Response handle_ogc_collections(const RequestContext& context) {
  return json_response(context.request, http::status::ok, ogc_collections(context.snapshot, urls_for(context)));
}

Response handle_ogc_collection(const RequestContext& context) {
  return json_response(context.request, http::status::ok, ogc_collection(collection_of(context), urls_for(context)));
}

Response handle_ogc_items(const RequestContext& context) {
  const layers::Layer& layer = collection_of(context);
  const ItemsQuery query = items_query(context.params);
  const auto selected = select_features(layer, query.bbox);
  const ItemsPage page{layer, selected, query, context.params.items(), std::chrono::system_clock::now()};
  return json_response(context.request, http::status::ok, ogc_items(page, urls_for(context)), kMediaGeoJson);
}

Response handle_ogc_item(const RequestContext& context) {
  const layers::Layer& layer = collection_of(context);
  const std::int64_t fid = feature_id_of(context);
  // A linear scan: layers hold tens to hundreds of features, and fids are not positions.
  for (const auto& feature : layer.features()) {
    if (feature.fid == fid) {
      return json_response(context.request, http::status::ok, ogc_feature(layer, feature, urls_for(context)),
                           kMediaGeoJson);
    }
  }
  throw HttpError(http::status::not_found, "unknown_feature",
                  "collection '" + layer.id() + "' has no feature " + std::to_string(fid));
}


}  // namespace server
