#pragma once
// Geometry operations used across the project, each a thin checked call of one GEOS _r function.
// Coordinates are whatever the inputs hold (lon/lat in EPSG:4326 in the catalogue): planar measures
// such as area() are only meaningful after projecting to an equal-area CRS (projection.hpp).
#include "geo/coord.hpp"
#include "geo/geometry.hpp"

#include <functional>
#include <span>
#include <vector>

namespace geo {

// Constructors.
Geometry make_point(double x, double y);
Geometry make_line(std::span<const XY> coordinates);
// A polygon from its exterior ring and optional holes; rings are closed if they are not already.
Geometry make_polygon(std::span<const XY> exterior, std::span<const std::vector<XY>> holes = {});
// Takes ownership of the parts: a Multi* when all parts share one basic type, else a collection.
Geometry make_collection(std::vector<Geometry> parts);

// Repair with GEOS MakeValid, "structure" method (rings are dissolved by area, collapsed parts
// dropped): the method that keeps polygon areas honest for self-intersecting admin outlines.
Geometry make_valid(const Geometry& geometry);
// The polygonal part of a geometry (a MultiPolygon, possibly empty): what survives of a polygon
// layer after make_valid() returns a collection with stray lines or points.
Geometry polygonal_part(const Geometry& geometry);

// The same geometry without consecutive duplicate vertices.
Geometry remove_repeated_points(const Geometry& geometry);

Geometry unary_union(const Geometry& geometry);
Geometry union_all(std::span<const Geometry> geometries);
Geometry intersection(const Geometry& a, const Geometry& b);
Geometry difference(const Geometry& a, const Geometry& b);
Geometry buffer(const Geometry& geometry, double distance, int quadrant_segments = 8);
Geometry point_on_surface(const Geometry& geometry);
Geometry centroid(const Geometry& geometry);  // planar, in the geometry's coordinates

bool intersects(const Geometry& a, const Geometry& b);
bool covers(const Geometry& a, const Geometry& b);
bool equals_exact(const Geometry& a, const Geometry& b, double tolerance);
double area(const Geometry& geometry);                  // planar, in squared CRS units
double length(const Geometry& geometry);                // planar, in CRS units
double distance(const Geometry& a, const Geometry& b);  // planar, in CRS units

// Applies `transform` to every vertex in place on a copy (used for reprojection and GCJ-02).
// The callback returns false to abort, which throws GeometryError naming `operation`.
Geometry transform_xy(const Geometry& geometry, const std::function<bool(double& x, double& y)>& transform,
                      std::string_view operation = "transform");

// The vertices of one Point, LineString or LinearRing into `out` (resized; reused across calls).
void read_coordinates(const GEOSGeometry* simple, std::vector<XY>& out);
// Every vertex of every part, in order (rings and parts concatenated): for tests and checks.
std::vector<XY> coordinates(const Geometry& geometry);

// The part of a geometry inside a rectangle (GEOS's fast rectangle clipping, boundary included).
Geometry clip_by_rect(const Geometry& geometry, const Envelope& rect);

// Calls visit(vertices) for each coordinate sequence of the geometry in order: every line string,
// every ring of every polygon (exterior first, then holes), and each point as a one-vertex
// sequence. `is_polygon_start` is true for the exterior ring of each polygon.
void for_each_part(const Geometry& geometry,
                   const std::function<void(std::span<const XY> vertices, bool is_polygon_start)>& visit);

}  // namespace geo
