#include "server/api/batch_locate.hpp"

#include "layers/query/engine.hpp"
#include "layers/query/site.hpp"
#include "server/api/answer_fields.hpp"
#include "server/api/api_json.hpp"
#include "server/api/csv.hpp"
#include "server/http/negotiation.hpp"
#include "server/http/params.hpp"
#include "server/http/parse_number.hpp"
#include "server/http/request_body.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace server {
namespace {

// The sites of a request, and what to echo of each.
struct BatchInput {
  std::vector<geo::LonLat> sites;  // WGS84
  // CSV in: the header and the rows. GeoJSON in: the features (geometry and properties).
  CsvRow header;
  std::vector<CsvRow> rows;
  std::vector<Json> features;
};

[[noreturn]] void bad_batch(const std::string& detail) {
  throw HttpError(http::status::bad_request, "invalid_batch", detail);
}

void check_size(std::size_t n, const RequestLimits& limits) {
  if (n > limits.max_batch_sites) {
    throw LimitExceeded(Limit::BatchSites, http::status::payload_too_large, "too_many_sites",
                        std::to_string(n) + " sites in one request; the limit is " +
                            std::to_string(limits.max_batch_sites));
  }
}

geo::LonLat site_of(double lon, double lat, layers::query::InputCrs crs, const std::string& where) {
  try {
    return layers::query::to_wgs84(lon, lat, crs);
  } catch (const layers::query::InputError& e) {
    bad_batch(where + ": " + e.what());
  }
}

double csv_number(const std::string& text, const std::string& where, std::string_view column) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  const auto value = parse_number<double>(s);
  if (!value.ok()) bad_batch(where + ": " + std::string(column) + " '" + text + "' is not a number");
  return value.value;
}

std::size_t column_of(const CsvRow& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string h = header[i];
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (h == name) return i;
  }
  bad_batch("the CSV header has no '" + std::string(name) + "' column (it needs lon and lat)");
}

BatchInput read_csv(const Request& request, layers::query::InputCrs crs, const RequestLimits& limits) {
  BatchInput in;
  std::vector<CsvRow> records;
  try {
    records = parse_csv(request.body());
  } catch (const std::invalid_argument& e) {
    bad_batch(std::string("CSV ") + e.what());
  }
  if (records.empty()) bad_batch("the CSV is empty; it needs a header with lon and lat");
  in.header = std::move(records.front());
  const std::size_t lon = column_of(in.header, "lon");
  const std::size_t lat = column_of(in.header, "lat");
  check_size(records.size() - 1, limits);
  in.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  in.sites.reserve(in.rows.size());
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    const std::string where = "CSV record " + std::to_string(r + 1);
    if (in.rows[r].size() != in.header.size()) {
      bad_batch(where + ": " + std::to_string(in.rows[r].size()) + " fields, the header has " +
                std::to_string(in.header.size()));
    }
    in.sites.push_back(
        site_of(csv_number(in.rows[r][lon], where, "lon"), csv_number(in.rows[r][lat], where, "lat"), crs, where));
  }
  return in;
}

// "type": "NAME" (a member of another type is not that type, rather than an error of ours).
bool has_type(const Json& object, std::string_view name) {
  const auto it = object.find("type");
  return it != object.end() && it->is_string() && it->get_ref<const std::string&>() == name;
}

BatchInput read_geojson(const Request& request, layers::query::InputCrs crs, const RequestLimits& limits) {
  BatchInput in;
  Json body = json_body(request, limits.max_json_depth);
  if (!body.is_object() || !has_type(body, "FeatureCollection") || !body.contains("features") ||
      !body["features"].is_array()) {
    bad_batch("the body must be a GeoJSON FeatureCollection of Point features");
  }
  check_size(body["features"].size(), limits);
  in.features = std::move(body["features"].get_ref<Json::array_t&>());
  in.sites.reserve(in.features.size());
  for (std::size_t i = 0; i < in.features.size(); ++i) {
    const Json& f = in.features[i];
    const std::string where = "feature " + std::to_string(i);
    const Json* geometry = f.is_object() && f.contains("geometry") ? &f["geometry"] : nullptr;
    if (geometry == nullptr || !geometry->is_object() || !has_type(*geometry, "Point") ||
        !geometry->contains("coordinates") || !(*geometry)["coordinates"].is_array() ||
        (*geometry)["coordinates"].size() < 2 || !(*geometry)["coordinates"][0].is_number() ||
        !(*geometry)["coordinates"][1].is_number()) {
      bad_batch(where + ": needs a Point geometry with [lon, lat] coordinates");
    }
    in.sites.push_back(
        site_of((*geometry)["coordinates"][0].get<double>(), (*geometry)["coordinates"][1].get<double>(), crs, where));
  }
  return in;
}

std::string number_text(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// A match in a CSV cell: its label, or its id where it has none.
std::string label(const layers::Feature& feature) {
  const auto text = feature.attributes.text(kMatchLabel);
  return text ? std::string(*text) : feature.id;
}

// An admin field in a CSV cell (empty where the county has no such attribute).
std::string field_text(const layers::Feature& county, const AnswerField& field) {
  if (field.type == FieldType::Text) return std::string(county.attributes.text(field.attribute).value_or(""));
  const auto number = county.attributes.number(field.attribute);
  return number ? number_text(*number, 0) : "";
}

// Called after each site's part of an answer is written: the answer is refused (413) as soon as it
// outgrows --max-answer-mb, so what a batch can hold in memory is that limit, not sites × 6 KB, and
// the work stops (503/499) when the deadline passes or the client leaves.
void check_answer(const std::string& out, std::size_t site, std::size_t sites, const RequestContext& context,
                  std::string_view format) {
  if (out.size() > context.limits.max_answer_bytes) {
    throw LimitExceeded(Limit::AnswerBytes, http::status::payload_too_large, "answer_too_large",
                        "the " + std::string(format) + " answer passed " +
                            std::to_string(context.limits.max_answer_bytes >> 20U) + " MiB at site " +
                            std::to_string(site + 1) + " of " + std::to_string(sites) +
                            (format == "CSV" ? std::string("; send fewer sites per request")
                                             : std::string("; ask for CSV (Accept: text/csv, ~15× smaller) or "
                                                           "send fewer sites per request")));
  }
  if (site % 1024 == 0) context.budget.check();
}

// CSV out: input columns, then the answer spread over columns a spreadsheet can filter on.
std::string csv_answer(const RequestContext& context, const BatchInput& in, const layers::query::LocateBatch& results) {
  const layers::ServedSnapshot& snapshot = context.snapshot;
  const auto& all = snapshot.layers();
  const int admin = snapshot.index().admin_layer();
  const auto& line_layers = snapshot.index().line_layers();
  CsvRow header = in.header;
  if (header.empty()) header = {"lon", "lat"};  // GeoJSON in
  header.emplace_back("wgs84_lon");
  header.emplace_back("wgs84_lat");
  for (const AnswerField& field : kAdminFields) {
    if (field.in_csv) header.emplace_back(field.name);
  }
  for (std::size_t l = 0; l < all.size(); ++l) {
    if (static_cast<int>(l) != admin) header.push_back(all[l].id());
  }
  for (const auto l : line_layers) {
    header.push_back("nearest_" + all[l].id());
    header.push_back("nearest_" + all[l].id() + "_m");
  }
  std::string out;
  append_csv_row(out, header);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const layers::query::LocateView result = results[i];
    CsvRow row =
        in.rows.empty() ? CsvRow{number_text(in.sites[i].lon, 7), number_text(in.sites[i].lat, 7)} : in.rows[i];
    row.push_back(number_text(result.site.lon, 7));
    row.push_back(number_text(result.site.lat, 7));
    for (const AnswerField& field : kAdminFields) {
      if (field.in_csv) row.push_back(result.county != nullptr ? field_text(*result.county, field) : "");
    }
    for (std::size_t l = 0; l < all.size(); ++l) {
      if (static_cast<int>(l) == admin) continue;
      std::string names;
      for (const auto& m : result.matches) {
        if (m.layer != l) continue;
        if (!names.empty()) names += ';';
        names += label(all[l].features()[m.feature]);
      }
      row.push_back(std::move(names));
    }
    for (const auto l : line_layers) {
      const auto it =
          std::find_if(result.nearest.begin(), result.nearest.end(), [&](const auto& m) { return m.layer == l; });
      row.push_back(it == result.nearest.end() ? "" : label(all[l].features()[it->feature]));
      row.push_back(it == result.nearest.end() ? "" : number_text(it->distance_m, 2));
    }
    append_csv_row(out, row);
    check_answer(out, i, results.size(), context, "CSV");
  }
  return out;
}

// GeoJSON out: each input feature with its answer in properties.locate. Written as text feature
// by feature: a tree of the whole answer took ~30 bytes of heap for each byte of text.
std::string geojson_answer(const RequestContext& context, BatchInput& in, const layers::query::LocateBatch& results) {
  const layers::ServedSnapshot& snapshot = context.snapshot;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < results.size(); ++i) {
    Json feature;
    Json properties = Json::object();
    if (!in.features.empty()) {
      feature = std::move(in.features[i]);
      if (feature.contains("properties") && feature["properties"].is_object())
        properties = std::move(feature["properties"]);
    } else {
      feature = {{"type", "Feature"},
                 {"geometry", {{"type", "Point"}, {"coordinates", {in.sites[i].lon, in.sites[i].lat}}}}};
      for (std::size_t c = 0; c < in.header.size(); ++c) properties[in.header[c]] = in.rows[i][c];
    }
    properties["locate"] = locate_json(snapshot, results[i]);
    feature["properties"] = std::move(properties);
    if (i > 0) out += ',';
    // Replace rather than throw on invalid UTF-8 echoed from the input.
    out += feature.dump(-1, ' ', false, Json::error_handler_t::replace);
    check_answer(out, i, results.size(), context, "GeoJSON");
  }
  out += "]}";
  return out;
}

}  // namespace

Response handle_locate_batch(const RequestContext& context) {
  const Request& request = context.request;
  const std::string_view answer_type = negotiate(request, {"application/geo+json", "application/json", "text/csv"});
  const auto crs = input_crs_param(context.params);
  require_media_type(request, {"text/csv", "application/geo+json", "application/json"});
  const std::string type = media_type(request);
  BatchInput in =
      type == "text/csv" ? read_csv(request, crs, context.limits) : read_geojson(request, crs, context.limits);

  layers::query::LocateOptions options;
  options.layers = layer_positions(context.snapshot, list_param(context.params, "layers"));
  // Small batches on the connection's own thread; large ones on every core.
  const unsigned threads = in.sites.size() < 4096 ? 1U : 0U;
  const auto results = layers::query::locate_batch(context.snapshot, in.sites, options, threads, context.budget);

  if (answer_type == "text/csv") {
    return body_response(request, http::status::ok, csv_answer(context, in, results), "text/csv; charset=utf-8");
  }
  return body_response(request, http::status::ok, geojson_answer(context, in, results),
                       std::string(answer_type) + "; charset=utf-8");
}

}  // namespace server
