#include "server/api/api_protobuf.hpp"

#include "layoutd_api.pb.h"
#include "server/api/answer_fields.hpp"
#include "server/http/json_response.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace server {
namespace {

namespace pb = layoutd::api::v1;
namespace gpb = google::protobuf;

// The protobuf fields of the answer schema (answer_fields.hpp), looked up by name once: a schema
// field the .proto lacks, or of another type, is a programming error that fails every protobuf
// answer and the schema test, rather than a field silently left out.
template <std::size_t N>
std::array<const gpb::FieldDescriptor*, N> fields_of(const gpb::Descriptor& message,
                                                      const std::array<AnswerField, N>& schema) {
  std::array<const gpb::FieldDescriptor*, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    const gpb::FieldDescriptor* field = message.FindFieldByName(std::string(schema[i].name));
    const auto expected =
        schema[i].type == FieldType::Text ? gpb::FieldDescriptor::CPPTYPE_STRING : gpb::FieldDescriptor::CPPTYPE_INT64;
    if (field == nullptr || field->cpp_type() != expected || field->is_repeated()) {
      throw std::logic_error(message.full_name() + " has no field '" + std::string(schema[i].name) +
                             "' of the type answer_fields.hpp gives it");
    }
    out[i] = field;
  }
  return out;
}

template <std::size_t N>
void fill_fields(gpb::Message& message, const std::array<const gpb::FieldDescriptor*, N>& fields,
                 const std::array<AnswerField, N>& schema, const layers::Feature& feature) {
  const gpb::Reflection& reflection = *message.GetReflection();
  for (std::size_t i = 0; i < N; ++i) {
    if (schema[i].type == FieldType::Text) {
      reflection.SetString(&message, fields[i], std::string(feature.attributes.text(schema[i].attribute).value_or("")));
    } else {
      reflection.SetInt64(&message, fields[i],
                          static_cast<std::int64_t>(feature.attributes.number(schema[i].attribute).value_or(0)));
    }
  }
}

void fill(pb::FeatureRef& out, const layers::Snapshot& snapshot, std::uint32_t layer, std::uint32_t feature_index,
          double distance_m) {
  static const auto fields = fields_of(*pb::FeatureRef::descriptor(), kMatchFields);
  const layers::Layer& l = snapshot.layers()[layer];
  const layers::Feature& f = l.features()[feature_index];
  out.set_layer(l.id());
  out.set_id(f.id);
  fill_fields(out, fields, kMatchFields, f);
  out.set_distance_m(distance_m);
}

}  // namespace

std::string locate_protobuf(const layers::Snapshot& snapshot, const layers::query::LocateResult& result) {
  pb::LocateResponse message;
  message.mutable_site()->set_lon(result.site.lon);
  message.mutable_site()->set_lat(result.site.lat);
  if (result.county != nullptr) {
    static const auto fields = fields_of(*pb::Admin::descriptor(), kAdminFields);
    fill_fields(*message.mutable_admin(), fields, kAdminFields, *result.county);
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
