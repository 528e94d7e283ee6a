#include "server/tiles/tile_handlers.hpp"

#include "layers/tiles/gzip.hpp"
#include "layers/tiles/tile_source.hpp"
#include "server/http/json_response.hpp"
#include "server/http/negotiation.hpp"
#include "server/http/params.hpp"
#include "server/http/parse_number.hpp"
#include "server/http/public_url.hpp"
#include "server/tiles/tilejson.hpp"
#include "server/http/validators.hpp"


namespace server {
namespace {

constexpr std::string_view kMediaMvt = "application/vnd.mapbox-vector-tile";
// Tiles change only on a reload; the ETag lets browsers and CDNs revalidate cheaply after that.
constexpr std::string_view kTileCacheControl = "public, max-age=300, stale-while-revalidate=60";

std::uint32_t tile_number(std::string_view text, std::string_view name, std::uint64_t limit) {
  const auto number = parse_number<std::uint64_t>(text);
  if (!number.ok() || number.value >= limit) {
    throw HttpError(http::status::bad_request, "bad_tile",
                    std::string(name) + ": '" + std::string(text) + "' is not an integer in [0, " +
                        std::to_string(limit - 1) + "]");
  }
  return static_cast<std::uint32_t>(number.value);
}

geo::TileId tile_of(const RequestContext& context) {
  std::string_view file = context.args.at(2);
  constexpr std::string_view kSuffix = ".mvt";
  if (!file.ends_with(kSuffix)) {
    throw HttpError(
        http::status::not_found, "unknown_format",
        "tiles are served as /tiles/{z}/{x}/{y}.mvt (Mapbox Vector Tile); '" + std::string(file) + "' is not");
  }
  file.remove_suffix(kSuffix.size());
  const auto z = static_cast<int>(tile_number(context.args.at(0), "z", layers::tiles::kMaxZoom + 1));
  const std::uint64_t side = std::uint64_t{1} << z;
  return {z, tile_number(context.args.at(1), "x", side), tile_number(file, "y", side)};
}

std::shared_ptr<const CachedTile> render(const layers::ServedSnapshot& snapshot, const geo::TileId& tile,
                                         const std::vector<std::uint32_t>& positions) {
  auto out = std::make_shared<CachedTile>();
  out->mvt = positions.empty() ? snapshot.tiles().render(tile) : snapshot.tiles().render(tile, positions);
  if (!out->mvt.empty()) out->gzip = layers::tiles::gzip_compress(out->mvt);
  // Each content coding is its own representation, so each gets its own strong validator.
  const std::string hash = content_hash(out->mvt);
  out->etag = "\"" + hash + "\"";
  out->etag_gzip = "\"" + hash + "-gz\"";
  return out;
}

}  // namespace

Response handle_tile(const RequestContext& context, const TileCache& cache) {
  const geo::TileId tile = tile_of(context);
  const auto ids = list_param(context.params, "layers");
  const auto positions = layer_positions(context.snapshot, ids);
  std::string canonical;
  for (const auto p : positions) {
    if (!canonical.empty()) canonical += ',';
    canonical += std::to_string(p);
  }
  const TileKey key{context.snapshot.version(), tile.z, tile.x, tile.y, canonical};
  auto cached = cache.find(key);
  if (!cached) {
    cached = render(context.snapshot, tile, positions);
    cache.insert(key, cached);
  }

  const bool gzip = !cached->mvt.empty() && accepts_encoding(context.request, "gzip");
  const std::string& etag = gzip ? cached->etag_gzip : cached->etag;
  const auto headers = [&](Response& response) {
    response.set(http::field::etag, etag);
    response.set(http::field::cache_control, kTileCacheControl);
    response.set(http::field::vary, "Accept-Encoding");
  };
  if (matches_if_none_match(context.request, etag)) {
    Response response(http::status::not_modified, context.request.version());
    headers(response);
    response.keep_alive(context.request.keep_alive());
    return response;
  }
  if (cached->mvt.empty()) {
    Response response(http::status::no_content, context.request.version());
    headers(response);
    response.keep_alive(context.request.keep_alive());
    return response;
  }
  Response response = body_response(context.request, http::status::ok, gzip ? cached->gzip : cached->mvt, kMediaMvt);
  headers(response);
  if (gzip) response.set(http::field::content_encoding, "gzip");
  return response;
}

Response handle_tilejson(const RequestContext& context) {
  const auto ids = list_param(context.params, "layers");
  const auto positions = layer_positions(context.snapshot, ids);
  std::string layers_param;
  for (const auto& id : ids) {
    if (!layers_param.empty()) layers_param += ',';
    layers_param += id;
  }
  Response response =
      json_response(context.request, http::status::ok,
                    tilejson(context.snapshot, public_base_url(context.request), positions, layers_param));
  response.set(http::field::cache_control, "no-cache");  // always revalidated: it names the layers
  return response;
}


}  // namespace server
