// Every route with what a careless or hostile client sends it: missing, malformed, out-of-range and
// oversized parameters and bodies, wrong media types, unknown names. Each must be a 4xx with a
// JSON error (never a 500, never a crash), or a plain answer where the request is in fact fine.
#include "hostile/catalogue.hpp"

// GCC 12 warns of an overlapping memcpy inside std::string's operator+ at -O3 (a false positive:
// GCC bug 105329); the strings here are ordinary concatenations.
#pragma GCC diagnostic ignored "-Wrestrict"

namespace hostile {
namespace {

const std::string kSquare =
    R"({"type":"Polygon","coordinates":[[[125.1,43.6],[125.2,43.6],[125.2,43.7],[125.1,43.6]]]})";

std::string locate(const std::string& query) {
  return get("/api/v1/locate?" + query);
}

}  // namespace

std::vector<Case> api_cases() {
  return {
      // GET /api/v1/locate
      {"LocateWithoutLat", {locate("lon=125.4")}, {400}},
      {"LocateWithoutAnything", {get("/api/v1/locate")}, {400}},
      {"LocateLonNotANumber", {locate("lon=abc&lat=43.7")}, {400}},
      {"LocateLonNaN", {locate("lon=nan&lat=43.7")}, {400}},
      {"LocateLonInfinity", {locate("lon=inf&lat=43.7")}, {400}},
      {"LocateLonOverflow", {locate("lon=1e999&lat=43.7")}, {400}},
      {"LocateLatBeyondPole", {locate("lon=125.4&lat=91")}, {400}},
      {"LocateLonBeyondRange", {locate("lon=181&lat=43.7")}, {400}},
      {"LocateEmptyLon", {locate("lon=&lat=43.7")}, {400}},
      {"LocateTrailingGarbage", {locate("lon=125.4x&lat=43.7")}, {400}},
      {"LocateHexNumber", {locate("lon=0x7D&lat=43.7")}, {400}},
      {"LocateUnknownCrs", {locate("lon=125.4&lat=43.7&crs=EPSG:9999")}, {400}},
      {"LocateProjectedCoordinatesAsDegrees", {locate("lon=41527000&lat=4840000")}, {400}},
      {"LocateUnknownLayer", {locate("lon=125.4&lat=43.7&layers=nope")}, {400}},
      {"LocateEmptyLayerName", {locate("lon=125.4&lat=43.7&layers=groups,,water_veins")}, {200}},
      {"LocateDuplicateLayer", {locate("lon=125.4&lat=43.7&layers=groups,groups")}, {400}, true, "duplicate_layer"},
      {"LocateBadPercentEncoding", {locate("lon=%ZZ&lat=43.7")}, {400}},
      {"LocateEncodedNul", {locate("lon=125.4%00&lat=43.7")}, {400}},
      {"LocateInvalidUtf8Layer", {locate("lon=125.4&lat=43.7&layers=%FF%FE")}, {400}},
      {"LocateRepeatedParameter", {locate("lon=125.4&lon=1&lat=43.7")}, {200}},
      {"LocateHugeQuery", {locate("lon=125.4&lat=43.7&x=" + std::string(12000, 'a'))}, {200}},
      {"LocateGcj02", {locate("lon=125.4&lat=43.7&crs=GCJ02")}, {200}},
      {"LocateAcceptsNothingWeOffer", {get("/api/v1/locate?lon=125.4&lat=43.7", "Accept: image/png\r\n")}, {406}},
      {"LocatePost", {post_json("/api/v1/locate?lon=125.4&lat=43.7", "{}")}, {400}},
      {"LocateDelete", {request("DELETE", "/api/v1/locate", "Host: t\r\nConnection: close\r\n")}, {405}},
      // GET /api/v1/nearest
      {"NearestWithoutLayer", {get("/api/v1/nearest?lon=125.4&lat=43.7")}, {400}},
      {"NearestUnknownLayer", {get("/api/v1/nearest?lon=125.4&lat=43.7&layer=nope")}, {400}},
      {"NearestKZero", {get("/api/v1/nearest?lon=125.4&lat=43.7&layer=water_veins&k=0")}, {400}},
      {"NearestKHuge", {get("/api/v1/nearest?lon=125.4&lat=43.7&layer=water_veins&k=99999999999999999999")}, {400}},
      {"NearestKNegative", {get("/api/v1/nearest?lon=125.4&lat=43.7&layer=water_veins&k=-1")}, {400}},
      {"NearestHonest", {get("/api/v1/nearest?lon=125.4&lat=43.7&layer=water_veins&k=3")}, {200}},
      // POST /api/v1/overlap
      {"OverlapEmptyBody", {post_json("/api/v1/overlap", "")}, {400}},
      {"OverlapNotJson", {post_json("/api/v1/overlap", "POLYGON((1 2,3 4,5 6,1 2))")}, {400}},
      {"OverlapJsonArray", {post_json("/api/v1/overlap", "[1,2,3]")}, {400}},
      {"OverlapJsonString", {post_json("/api/v1/overlap", "\"polygon\"")}, {400}},
      {"OverlapTruncatedJson", {post_json("/api/v1/overlap", kSquare.substr(0, 40))}, {400}},
      {"OverlapWrongMediaType", {post("/api/v1/overlap", "text/plain", kSquare)}, {415}},
      {"OverlapNoMediaType",
       {request("POST", "/api/v1/overlap",
                "Host: t\r\nContent-Length: " + std::to_string(kSquare.size()) + "\r\nConnection: close\r\n", kSquare)},
       {415}},
      {"OverlapPoint", {post_json("/api/v1/overlap", R"({"type":"Point","coordinates":[125.4,43.7]})")}, {400}},
      {"OverlapLineString",
       {post_json("/api/v1/overlap", R"({"type":"LineString","coordinates":[[125.4,43.7],[125.5,43.8]]})")},
       {400}},
      {"OverlapUnclosedRing",
       {post_json("/api/v1/overlap", R"({"type":"Polygon","coordinates":[[[125.1,43.6],[125.2,43.6],[125.2,43.7]]]})")},
       {400}},
      {"OverlapTwoPointRing",
       {post_json("/api/v1/overlap", R"({"type":"Polygon","coordinates":[[[125.1,43.6],[125.1,43.6]]]})")},
       {400}},
      {"OverlapBowtie",
       {post_json(
           "/api/v1/overlap",
           R"({"type":"Polygon","coordinates":[[[125.1,43.6],[125.2,43.7],[125.2,43.6],[125.1,43.7],[125.1,43.6]]]})")},
       {400}},
      {"OverlapOutsideLonLat",
       {post_json("/api/v1/overlap",
                  R"({"type":"Polygon","coordinates":[[[500,43.6],[501,43.6],[501,44],[500,43.6]]]})")},
       {400}},
      {"OverlapStringCoordinates",
       {post_json("/api/v1/overlap", R"({"type":"Polygon","coordinates":[[["a","b"],[1,2],[3,4],["a","b"]]]})")},
       {400}},
      {"OverlapNullGeometry", {post_json("/api/v1/overlap", "null")}, {400}},
      {"OverlapFeatureWrapper",
       {post_json("/api/v1/overlap", R"({"type":"Feature","properties":{},"geometry":)" + kSquare + "}")},
       {200}},
      {"OverlapGeometryCollection",
       {post_json("/api/v1/overlap", R"({"type":"GeometryCollection","geometries":[)" + kSquare + "]}")},
       {400}},
      {"OverlapEmptyPolygon", {post_json("/api/v1/overlap", R"({"type":"Polygon","coordinates":[]})")}, {400}},
      {"OverlapTooManyParts",
       {post_json("/api/v1/overlap", R"({"type":"MultiPolygon","coordinates":[)" +
                                         repeat(R"([[[125.1,43.6],[125.2,43.6],[125.2,43.7],[125.1,43.6]]],)", 1200) +
                                         R"([[[125.1,43.6],[125.2,43.6],[125.2,43.7],[125.1,43.6]]]]})")},
       {413},
       true,
       "parcel_too_large"},
      {"OverlapUnknownLayer", {post_json("/api/v1/overlap?layers=nope", kSquare)}, {400}},
      {"OverlapLineLayerOnly", {post_json("/api/v1/overlap?layers=water_veins", kSquare)}, {200}},
      {"OverlapBodyOverEightMiB", {post_json("/api/v1/overlap", std::string((8U << 20U) + 10, ' '))}, {413}},
      {"OverlapUnicodeEscapes",
       {post_json("/api/v1/overlap",
                  R"({"type":"\u0050olygon","coordinates":[[[125.1,43.6],[125.2,43.6],[125.2,43.7],[125.1,43.6]]]})")},
       {200}},
      {"OverlapInvalidUtf8", {post_json("/api/v1/overlap", "{\"type\":\"\xff\xfe\",\"coordinates\":[]}")}, {400}},
      {"OverlapDuplicateKeys",
       {post_json(
           "/api/v1/overlap",
           R"({"type":"Point","type":"Polygon","coordinates":[[[125.1,43.6],[125.2,43.6],[125.2,43.7],[125.1,43.6]]]})")},
       {200}},
      // POST /api/v1/locate (batch)
      {"BatchEmptyCsv", {post("/api/v1/locate", "text/csv", "")}, {400}},
      {"BatchCsvWithoutLat", {post("/api/v1/locate", "text/csv", "lon\n125.4\n")}, {400}},
      {"BatchCsvBadNumber", {post("/api/v1/locate", "text/csv", "lon,lat\n125.4,abc\n")}, {400}},
      {"BatchCsvRaggedRow", {post("/api/v1/locate", "text/csv", "lon,lat\n125.4,43.7,9\n")}, {400}},
      {"BatchCsvUnterminatedQuote", {post("/api/v1/locate", "text/csv", "lon,lat\n\"125.4,43.7\n")}, {400}},
      {"BatchCsvNaN", {post("/api/v1/locate", "text/csv", "lon,lat\nnan,43.7\n")}, {400}},
      {"BatchCsvHeaderOnly", {post("/api/v1/locate", "text/csv", "lon,lat\n")}, {200}},
      {"BatchCsvHonest", {post("/api/v1/locate", "text/csv", "id,lon,lat\n1,125.4,43.7\n2,125.6,43.8\n")}, {200}},
      {"BatchCsvCrLf", {post("/api/v1/locate", "text/csv", "lon,lat\r\n125.4,43.7\r\n")}, {200}},
      {"BatchTooManySites",
       {post("/api/v1/locate", "text/csv", "lon,lat\n" + repeat("125.4,43.7\n", 100001))},
       {413},
       true,
       "too_many_sites"},
      {"BatchGeoJsonNotACollection", {post("/api/v1/locate", "application/geo+json", kSquare)}, {400}},
      {"BatchGeoJsonFeaturesNotArray",
       {post("/api/v1/locate", "application/geo+json", R"({"type":"FeatureCollection","features":{}})")},
       {400}},
      {"BatchGeoJsonFeatureWithoutGeometry",
       {post("/api/v1/locate", "application/geo+json",
             R"({"type":"FeatureCollection","features":[{"type":"Feature"}]})")},
       {400}},
      {"BatchGeoJsonPolygonFeature",
       {post("/api/v1/locate", "application/geo+json",
             R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":)" + kSquare + "}]}")},
       {400}},
      {"BatchGeoJsonOneCoordinate",
       {post(
           "/api/v1/locate", "application/geo+json",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[125.4]}}]})")},
       {400}},
      {"BatchGeoJsonHonest",
       {post(
           "/api/v1/locate", "application/geo+json",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":1},"geometry":{"type":"Point","coordinates":[125.4,43.7]}}]})")},
       {200}},
      {"BatchXmlBody", {post("/api/v1/locate", "application/xml", "<sites/>")}, {415}},
      {"BatchAcceptsPdf",
       {post("/api/v1/locate", "text/csv", "lon,lat\n125.4,43.7\n", "Accept: application/pdf\r\n")},
       {406}},
      // GET /api/v1/layers
      {"LayersHonest", {get("/api/v1/layers")}, {200}},
      {"LayersPost", {post_json("/api/v1/layers", "{}")}, {405}},
  };
}

std::vector<Case> tile_cases() {
  return {
      {"TileHonest", {get("/tiles/6/54/23.mvt")}, {200}},
      {"TileZoomNegative", {get("/tiles/-1/0/0.mvt")}, {400}},
      {"TileZoomTooDeep", {get("/tiles/30/0/0.mvt")}, {400}},
      {"TileZoomHuge", {get("/tiles/99999999999999999999/0/0.mvt")}, {400}},
      {"TileXBeyondZoom", {get("/tiles/2/4/0.mvt")}, {400}},
      {"TileYBeyondZoom", {get("/tiles/2/0/4.mvt")}, {400}},
      {"TileNotANumber", {get("/tiles/a/b/c.mvt")}, {400}},
      {"TileWrongExtension", {get("/tiles/0/0/0.png")}, {404}},
      {"TileNoExtension", {get("/tiles/0/0/0")}, {404}},
      {"TileLeadingPlus", {get("/tiles/+1/0/0.mvt")}, {400}},
      {"TileFractionalZoom", {get("/tiles/1.5/0/0.mvt")}, {400}},
      {"TileUnknownLayer", {get("/tiles/0/0/0.mvt?layers=nope")}, {400}},
      {"TileEmptyLayers", {get("/tiles/0/0/0.mvt?layers=")}, {200}},
      {"TileTraversalInName", {get("/tiles/0/0/..%2F..%2Fetc%2Fpasswd")}, {404}},
      {"TileExtraSegment", {get("/tiles/0/0/0/0.mvt")}, {404}},
      {"TilePost", {post_json("/tiles/0/0/0.mvt", "{}")}, {405}},
      {"TileJsonHonest", {get("/tiles.json")}, {200}},
      {"TileJsonUnknownLayer", {get("/tiles.json?layers=nope")}, {400}},
      {"TileJsonAcceptsXml", {get("/tiles.json", "Accept: application/xml\r\n")}, {200}},
  };
}

std::vector<Case> ogc_cases() {
  return {
      {"OgcLanding", {get("/ogc")}, {200}},
      {"OgcConformance", {get("/ogc/conformance")}, {200}},
      {"OgcCollections", {get("/ogc/collections")}, {200}},
      {"OgcUnknownCollection", {get("/ogc/collections/nope")}, {404}},
      {"OgcUnknownCollectionItems", {get("/ogc/collections/nope/items")}, {404}},
      {"OgcItemsLimitZero", {get("/ogc/collections/groups/items?limit=0")}, {400}},
      {"OgcItemsLimitNegative", {get("/ogc/collections/groups/items?limit=-5")}, {400}},
      {"OgcItemsLimitHuge", {get("/ogc/collections/groups/items?limit=99999999999999999999999")}, {200}},
      {"OgcItemsLimitNotANumber", {get("/ogc/collections/groups/items?limit=ten")}, {400}},
      {"OgcItemsOffsetNegative", {get("/ogc/collections/groups/items?offset=-1")}, {400}},
      {"OgcItemsOffsetHuge", {get("/ogc/collections/groups/items?offset=18446744073709551615")}, {200}},
      {"OgcItemsBboxThreeNumbers", {get("/ogc/collections/groups/items?bbox=1,2,3")}, {400}},
      {"OgcItemsBboxNaN", {get("/ogc/collections/groups/items?bbox=nan,1,2,3")}, {400}},
      {"OgcItemsBboxInverted", {get("/ogc/collections/groups/items?bbox=126,44,125,43")}, {400}},
      {"OgcItemsBboxText", {get("/ogc/collections/groups/items?bbox=a,b,c,d")}, {400}},
      {"OgcItemsBboxSixNumbers", {get("/ogc/collections/groups/items?bbox=125,43,0,126,44,100")}, {200}},
      {"OgcItemsBboxCrsUnknown", {get("/ogc/collections/groups/items?bbox=125,43,126,44&bbox-crs=urn:x")}, {400}},
      {"OgcItemsUnknownFormat", {get("/ogc/collections/groups/items?f=xlsx")}, {200}},
      {"OgcItemsHonest", {get("/ogc/collections/groups/items?limit=1")}, {200}},
      {"OgcItemUnknownFid", {get("/ogc/collections/groups/items/999999")}, {404}},
      {"OgcItemFidNotANumber", {get("/ogc/collections/groups/items/abc")}, {400}},
      {"OgcItemFidNegative", {get("/ogc/collections/groups/items/-1")}, {404}},
      {"OgcItemFidOverflow", {get("/ogc/collections/groups/items/99999999999999999999999")}, {400}},
      {"OgcItemsPost", {post_json("/ogc/collections/groups/items", "{}")}, {405}},
      {"OgcCollectionTraversal", {get("/ogc/collections/..%2F..%2Fetc")}, {404}},
  };
}

std::vector<Case> web_admin_cases() {
  return {
      {"WebIndex", {get("/")}, {200}},
      {"WebTraversal", {get("/../../etc/passwd")}, {400}},
      {"WebEncodedTraversal", {get("/%2e%2e/%2e%2e/etc/passwd")}, {400}},
      {"WebDoubleEncodedTraversal", {get("/%252e%252e/etc/passwd")}, {404}},
      {"WebBackslashTraversal", {get("/..\\..\\etc\\passwd")}, {400}},
      {"WebEncodedNul", {get("/index.html%00.js")}, {400}},
      {"WebDotFile", {get("/.git/config")}, {404}},
      {"WebLongPath", {get("/" + repeat("a/", 4000))}, {404}},
      {"WebPostToAFile", {post_json("/index.html", "{}")}, {405}},
      {"HealthzPost", {post_json("/healthz", "{}")}, {405}},
      {"MetricsHonest", {get("/metrics")}, {200}},
      {"AdminReloadDisabled", {post_json("/admin/reload", "")}, {403}},
      {"AdminReloadGet", {get("/admin/reload")}, {403}},
      {"AdminReloadWithBogusToken",
       {post("/admin/reload", "application/json", "", "Authorization: Bearer x\r\n")},
       {403}},
      {"AdminReloadBasicAuth", {post("/admin/reload", "application/json", "", "Authorization: Basic YTpi\r\n")}, {403}},
      {"UnknownApiPath", {get("/api/v2/locate")}, {404}},
      {"OptionsWithoutCors", {request("OPTIONS", "/api/v1/locate", "Host: t\r\nConnection: close\r\n")}, {405}},
  };
}

}  // namespace hostile
