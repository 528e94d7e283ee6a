#include "server/api/match_fragments.hpp"

#include "server/api/answer_fields.hpp"
#include "server/http/json_text.hpp"

namespace server {
namespace {

void append_member(std::string& out, std::string_view name, const layers::Feature& feature,
                   std::string_view attribute) {
  out.push_back(',');
  append_json_string(out, name);
  out.push_back(':');
  const auto text = feature.attributes.text(attribute);
  if (text) {
    append_json_string(out, *text);
  } else {
    out += "null";
  }
}

}  // namespace

MatchFragments::MatchFragments(const layers::Snapshot& snapshot) : version_(snapshot.version()) {
  for (const auto& layer : snapshot.layers()) {
    layer_begin_.push_back(prefixes_.size());
    for (const auto& feature : layer.features()) {
      // The members of api_json.cpp's match_json, in its order, up to the distance.
      std::string out = "{\"layer\":";
      append_json_string(out, layer.id());
      out += ",\"id\":";
      append_json_string(out, feature.id);
      for (const AnswerField& field : kMatchFields) append_member(out, field.name, feature, field.attribute);
      out += ",\"distance_m\":";
      prefixes_.push_back(std::move(out));
    }
  }
}

std::shared_ptr<const MatchFragments> MatchFragmentsCache::get(const layers::Snapshot& snapshot) const {
  std::shared_ptr<const MatchFragments> fragments;
  {
    const std::lock_guard lock(mutex_);
    fragments = current_;
  }
  if (fragments != nullptr && fragments->version() == snapshot.version()) return fragments;
  fragments = std::make_shared<const MatchFragments>(snapshot);  // built outside the lock
  const std::lock_guard lock(mutex_);
  current_ = fragments;
  return fragments;
}

}  // namespace server
