#pragma once
// GCJ-02, the obfuscated datum of Chinese web maps (Amap/Gaode, Tencent; Baidu adds BD-09 on top).
// The forward formula is the widely published one; there is no closed-form inverse, so
// gcj02_to_wgs84 iterates the forward formula until it reproduces its input to < 1e-9°.
// Outside mainland China's rough bounding box the offset is not applied (as the web maps do).
#include "geo/coord.hpp"

namespace geo {

[[nodiscard]] bool gcj02_applies(LonLat wgs84) noexcept;
[[nodiscard]] LonLat wgs84_to_gcj02(LonLat wgs84) noexcept;
[[nodiscard]] LonLat gcj02_to_wgs84(LonLat gcj02) noexcept;

}  // namespace geo
