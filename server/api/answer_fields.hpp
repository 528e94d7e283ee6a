#pragma once
// The one description of a query answer's fields. Every writer iterates these lists: the JSON
// tree (api_json), the pre-rendered JSON text (match_fragments, locate_text), protobuf
// (api_protobuf, by field name through the message's descriptor) and the batch CSV
// (batch_locate). Adding a field to an answer is one line here (plus, for protobuf, the field of
// the same name in proto/layoutd_api.proto); tests/server_answer_fields_test.cpp fails when a
// writer or the .proto disagrees with these lists.
#include "layers/model/schema.hpp"

#include <array>
#include <string_view>

namespace server {

enum class FieldType {
  Text,     // a text attribute: JSON string or null, protobuf string ("" when absent)
  Integer,  // a numeric attribute: JSON number or null, protobuf int64 (0 when absent)
};

struct AnswerField {
  std::string_view name;       // JSON member, protobuf field, CSV column
  std::string_view attribute;  // the feature attribute it is read from
  FieldType type = FieldType::Text;
  bool in_csv = false;  // a column of the batch CSV answer
};

// A match (a feature a site falls in, its nearest feature of a line layer, a parcel's hit):
// {"layer", "id", <these in this order>, "distance_m"}. layer, id and distance_m come from the
// match itself, not from an attribute. The batch CSV gives one column per layer holding the
// matches' kMatchLabel (the feature id where a feature has none).
inline constexpr std::array<AnswerField, 6> kMatchFields = {{
    {"name_zh", layers::schema::kNameZh},
    {"name_en", layers::schema::kNameEn},
    {"kind", layers::schema::kKind},
    {"plan_ref", layers::schema::kPlanRef},
    {"plan_text", layers::schema::kPlanText},
    {"precision", layers::schema::kPrecision},
}};
inline constexpr std::string_view kMatchLabel = layers::schema::kNameZh;

// The site's county unit, read from the admin layer's feature covering it; null (JSON), unset
// (protobuf) or empty cells (CSV) outside every county.
inline constexpr std::array<AnswerField, 4> kAdminFields = {{
    {"province", layers::schema::kProvince, FieldType::Text, true},
    {"city", layers::schema::kCity, FieldType::Text, true},
    {"county", layers::schema::kCounty, FieldType::Text, true},
    {"adcode", layers::schema::kAdcode, FieldType::Integer, false},
}};

}  // namespace server
