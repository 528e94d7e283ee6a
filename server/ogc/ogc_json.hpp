#pragma once
// The documents of OGC API – Features 1.0 Core + GeoJSON: landing page, conformance, collections,
// feature collections (pages of items) and single features. Pure functions of the snapshot's data
// and the resource URLs, so tests can check them without HTTP.
#include "layers/model/snapshot.hpp"
#include "server/http/json_response.hpp"
#include "server/ogc/ogc_links.hpp"
#include "server/ogc/ogc_params.hpp"

#include <chrono>
#include <cstdint>
#include <span>

namespace server {

Json ogc_landing(const OgcUrls& urls);
Json ogc_conformance();
Json ogc_collection(const layers::Layer& layer, const OgcUrls& urls);
Json ogc_collections(const layers::Snapshot& snapshot, const OgcUrls& urls);

// One page of `selected` (positions in layer.features(), in order) as a GeoJSON FeatureCollection
// with numberMatched, numberReturned, timeStamp and self/next/prev links. `request_query` is the
// request's own query, repeated in the links so a client's other parameters (bbox, keys a proxy
// needs) survive paging.
struct ItemsPage {
  const layers::Layer& layer;
  std::span<const std::uint32_t> selected;
  ItemsQuery query;
  const QueryItems& request_query;
  std::chrono::system_clock::time_point now;
};
Json ogc_items(const ItemsPage& page, const OgcUrls& urls);

// One GeoJSON Feature (id = the store's integer fid) with self and collection links.
Json ogc_feature(const layers::Layer& layer, const layers::Feature& feature, const OgcUrls& urls);

}  // namespace server
