// Each defect issue 22 found, as the request that showed it (named after the defect). Before the
// fixes: SIGSEGV on the nested bodies, 500 on 1e999 and mistyped types, a second request smuggled
// in a body, 200 without Host, 20 MB tiles of one layer repeated.
#include "hostile/catalogue.hpp"

namespace hostile {

std::vector<Case> regression_cases() {
  const std::string smuggled = get("/healthz");
  std::vector<Case> cases = {
      // Baseline: an honest request on the same path.
      {"HonestGet", {get("/healthz")}, {200}},
      {"HonestOverlap", {post_json("/api/v1/overlap", circle_parcel(16))}, {200}},
      // Defect 1: nesting deep enough to overflow a recursive walker's stack.
      // (well-formed, so that nothing stops before the walk: the old server died of SIGSEGV on both).
      {"NestedArraysToOverlap",
       {post_json("/api/v1/overlap", repeat("[", 60000) + repeat("]", 60000))},
       {400},
       true,
       "json_too_deep"},
      {"NestedObjectsToOverlap",
       {post_json("/api/v1/overlap", repeat("{\"a\":", 100000) + "1" + repeat("}", 100000))},
       {400},
       true,
       "json_too_deep"},
      {"UnclosedNestingToOverlap", {post_json("/api/v1/overlap", repeat("[", 60000))}, {400}, true, "json_too_deep"},
      {"NestedPropertiesInABatch",
       {post_json("/api/v1/locate", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)" +
                                        repeat("{\"a\":", 100000))},
       {400},
       true,
       "json_too_deep"},
      // Defect 3: client errors that were answered 500.
      {"OverflowingNumberInAParcel",
       {post_json("/api/v1/overlap",
                  R"({"type":"Polygon","coordinates":[[[1e999,43],[125,43],[125,44],[1e999,43]]]})")},
       {400},
       true,
       "invalid_json"},
      {"OverflowingNumberInABatch",
       {post_json(
           "/api/v1/locate",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,43]}}]})")},
       {400},
       true,
       "invalid_json"},
      {"NumericTypeInAParcel",
       {post_json("/api/v1/overlap", R"({"type":5,"coordinates":[]})")},
       {400},
       true,
       "invalid_geojson"},
      {"ArrayTypeInABatch",
       {post_json("/api/v1/locate", R"({"type":[],"features":[]})")},
       {400},
       true,
       "invalid_batch"},
      {"NumericTypeOfABatchPoint",
       {post_json(
           "/api/v1/locate",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":5,"coordinates":[125,43]}}]})")},
       {400},
       true,
       "invalid_batch"},
      // Defect 4: parcels whose overlap would hold a worker for minutes.
      {"ParcelOverTheVertexLimit",
       {post_json("/api/v1/overlap", circle_parcel(3000))},
       {413},
       true,
       "parcel_too_large"},
      // Defect 6: the same tile layer named again and again.
      {"RepeatedTileLayers", {get("/tiles/0/0/0.mvt?layers=groups,groups,groups")}, {400}, true, "duplicate_layer"},
      {"RepeatedTileJsonLayers", {get("/tiles.json?layers=groups,groups")}, {400}, true, "duplicate_layer"},
      // Defect 7: framing a second request inside the first one's body (smuggling).
      {"TransferEncodingXchunked",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: xchunked\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingGzipAlone",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: gzip\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingIdentity",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: identity\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingChunkedThenIdentity",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: chunked, identity\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingGzipThenChunked",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n") + smuggled},
       {501},
       true,
       "unsupported_transfer_coding"},
      {"Http11WithoutHost", {request("GET", "/healthz", "Connection: close\r\n")}, {400}, true, "bad_host"},
      {"Http11WithTwoHosts",
       {request("GET", "/healthz", "Host: a\r\nHost: b\r\nConnection: close\r\n")},
       {400},
       true,
       "bad_host"},
      {"Http10WithoutHostIsFine", {request("GET", "/healthz", "", "", "HTTP/1.0")}, {200}},
      {"AbsoluteFormTarget", {request("GET", "http://t/healthz", "Host: t\r\nConnection: close\r\n")}, {200}},
      {"AbsoluteFormTargetWithQuery",
       {request("GET", "http://t:8080/api/v1/locate?lon=125.45&lat=43.7", "Host: t\r\nConnection: close\r\n")},
       {200}},
      {"TenMegabyteUrl", {get("/healthz?x=" + std::string(10U << 20U, 'a'))}, {414}, true, "uri_too_long"},
      {"HugeHeader",
       {get("/healthz", "X-Big: " + std::string(32U << 10U, 'a') + "\r\n")},
       {431},
       true,
       "header_too_large"},
      // Defect 2: a chunked request whose trailer field is over Beast's field size: the parser throws
      // from inside the read; the connection is dropped, the server lives on.
      {"HugeChunkTrailer",
       {request("POST", "/api/v1/overlap",
                "Host: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "2\r\n{}\r\n0\r\nX-Trailer: " + std::string(100U << 10U, 'a') + "\r\n\r\n")},
       {},
       true},
  };
  return cases;
}

}  // namespace hostile
