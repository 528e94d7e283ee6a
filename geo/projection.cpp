#include "geo/projection.hpp"

#include "geo/error.hpp"
#include "geo/operations.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <utility>

namespace geo {
namespace {

std::string context_error(PJ_CONTEXT* context) {
  const int code = proj_context_errno(context);
  const char* text = proj_context_errno_string(context, code);
  return text != nullptr ? std::string(text) : "PROJ error " + std::to_string(code);
}

}  // namespace

Transformer::Transformer(std::string_view source, std::string_view target)
    : source_(source), target_(target), context_(proj_context_create()) {
  if (context_ == nullptr) throw ProjectionError("cannot create a PROJ context");
  // Never reach for network grids: the service must work offline and answer deterministically.
  proj_context_set_enable_network(context_, 0);
  PJ* raw = proj_create_crs_to_crs(context_, source_.c_str(), target_.c_str(), nullptr);
  if (raw == nullptr) {
    const std::string reason = context_error(context_);
    reset();
    throw ProjectionError("cannot transform " + source_ + " to " + target_ + ": " + reason);
  }
  transform_ = proj_normalize_for_visualization(context_, raw);
  proj_destroy(raw);
  if (transform_ == nullptr) {
    const std::string reason = context_error(context_);
    reset();
    throw ProjectionError("cannot normalise axis order for " + source_ + " to " + target_ + ": " + reason);
  }
}

Transformer::Transformer(Transformer&& other) noexcept
    : source_(std::move(other.source_)),
      target_(std::move(other.target_)),
      context_(std::exchange(other.context_, nullptr)),
      transform_(std::exchange(other.transform_, nullptr)) {}

Transformer& Transformer::operator=(Transformer&& other) noexcept {
  if (this != &other) {
    reset();
    source_ = std::move(other.source_);
    target_ = std::move(other.target_);
    context_ = std::exchange(other.context_, nullptr);
    transform_ = std::exchange(other.transform_, nullptr);
  }
  return *this;
}

Transformer::~Transformer() { reset(); }

void Transformer::reset() noexcept {
  if (transform_ != nullptr) proj_destroy(transform_);
  if (context_ != nullptr) proj_context_destroy(context_);
  transform_ = nullptr;
  context_ = nullptr;
}

XY Transformer::apply(XY point, PJ_DIRECTION direction) const {
  proj_errno_reset(transform_);
  const PJ_COORD out = proj_trans(transform_, direction, proj_coord(point.x, point.y, 0, 0));
  if (proj_errno(transform_) != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) {
    throw ProjectionError("cannot transform (" + std::to_string(point.x) + ", " + std::to_string(point.y) +
                          ") from " + (direction == PJ_FWD ? source_ : target_) + " to " +
                          (direction == PJ_FWD ? target_ : source_));
  }
  return {out.xy.x, out.xy.y};
}

XY Transformer::forward(XY point) const { return apply(point, PJ_FWD); }
XY Transformer::inverse(XY point) const { return apply(point, PJ_INV); }

void Transformer::forward(std::span<XY> points) const {
  for (auto& p : points) p = forward(p);
}

Geometry Transformer::apply(const Geometry& geometry, PJ_DIRECTION direction) const {
  return transform_xy(
      geometry,
      [&](double& x, double& y) {
        proj_errno_reset(transform_);
        const PJ_COORD out = proj_trans(transform_, direction, proj_coord(x, y, 0, 0));
        if (proj_errno(transform_) != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) return false;
        x = out.xy.x;
        y = out.xy.y;
        return true;
      },
      "transform " + (direction == PJ_FWD ? source_ + " to " + target_ : target_ + " to " + source_));
}

Geometry Transformer::forward(const Geometry& geometry) const { return apply(geometry, PJ_FWD); }
Geometry Transformer::inverse(const Geometry& geometry) const { return apply(geometry, PJ_INV); }

const Transformer& thread_transformer(std::string_view source, std::string_view target) {
  // Per-thread cache: PJ objects must not be shared between threads, and creating one costs a
  // proj.db lookup, so each thread keeps the few it uses.
  thread_local std::map<std::pair<std::string, std::string>, std::unique_ptr<Transformer>> cache;
  auto key = std::make_pair(std::string(source), std::string(target));
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(std::move(key), std::make_unique<Transformer>(source, target)).first;
  }
  return *it->second;
}

}  // namespace geo
