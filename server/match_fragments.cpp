#include "server/match_fragments.hpp"

#include "server/json_text.hpp"

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
      // The same members, in the same order, as api_json.cpp's match_json.
      std::string out = "{\"layer\":";
      append_json_string(out, layer.id());
      out += ",\"id\":";
      append_json_string(out, feature.id);
      append_member(out, "name_zh", feature, "name_zh");
      append_member(out, "name_en", feature, "name_en");
      append_member(out, "kind", feature, "kind");
      append_member(out, "plan_ref", feature, "plan_ref");
      append_member(out, "plan_text", feature, "plan_text");
      append_member(out, "precision", feature, "precision");
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
