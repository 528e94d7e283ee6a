-- wrk script for bench/soak.sh: requests of one route, or of all four in turn, each drawn at
-- random (seeded per thread, so runs repeat) over the metropolitan area's bounding box:
--   locate    GET /api/v1/locate?lon=&lat=
--   tiles     GET /tiles/{z}/{x}/{y}.mvt, a tile of TILE_LIST (z,x,y lines, bench/lib_tile_set.sh)
--   ogc       GET /ogc/collections/{id}/items?bbox=&limit=10, a layer and a box of about 20 km
--   overlap   POST /api/v1/overlap, a square parcel of 1-4 km a side (GeoJSON Polygon)
--   mix       the four above in turn, one after the other on each connection
-- Usage: wrk ... -s soak_requests.lua URL -- locate|tiles|ogc|overlap|mix [TILE_LIST]
-- The requests are formatted beforehand and walked in a loop: no Lua work per request but an index.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

local min_lon, min_lat, span_lon, span_lat = 123.9, 42.6, 3.2, 2.4
local ogc_layers = { "admin", "groups", "belts", "transport", "water_veins", "protected_zones", "city_layouts", "nodes" }

local function site()
  return min_lon + math.random() * span_lon, min_lat + math.random() * span_lat
end

local function locate()
  local lon, lat = site()
  return wrk.format("GET", string.format("/api/v1/locate?lon=%.5f&lat=%.5f", lon, lat))
end

local function ogc()
  local lon, lat = site()
  local layer = ogc_layers[math.random(#ogc_layers)]
  return wrk.format("GET", string.format("/ogc/collections/%s/items?bbox=%.4f,%.4f,%.4f,%.4f&limit=10", layer,
    lon, lat, lon + 0.25, lat + 0.18))
end

local function overlap()
  local lon, lat = site()
  local side = 0.012 + math.random() * 0.036  -- degrees: about 1 to 4 km
  local body = string.format(
    '{"type":"Polygon","coordinates":[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]}',
    lon, lat, lon + side, lat, lon + side, lat + side, lon, lat + side, lon, lat)
  return wrk.format("POST", "/api/v1/overlap", { ["Content-Type"] = "application/json" }, body)
end

local function tiles_from(list)
  local tiles = {}
  for line in assert(io.open(list), "cannot read " .. list):lines() do
    local z, x, y = line:match("^(%d+),(%d+),(%d+)")
    if z then tiles[#tiles + 1] = string.format("/tiles/%s/%s/%s.mvt", z, x, y) end
  end
  assert(#tiles > 0, "no tiles in " .. list)
  return function() return wrk.format("GET", tiles[math.random(#tiles)]) end
end

function init(args)
  local route, list = args[1], args[2]
  local makers = { locate = locate, ogc = ogc, overlap = overlap }
  if (route == "tiles" or route == "mix") and list then makers.tiles = tiles_from(list) end
  local order
  if route == "mix" and makers.tiles then
    order = { makers.locate, makers.tiles, makers.ogc, makers.overlap }
  elseif makers[route] then
    order = { makers[route] }
  else
    error("usage: wrk -s soak_requests.lua URL -- locate|tiles|ogc|overlap|mix [TILE_LIST]")
  end
  math.randomseed(seed)
  requests = {}
  for i = 1, 16384 do requests[i] = order[(i - 1) % #order + 1]() end
  index = 0
end

function request()
  index = index % #requests + 1
  return requests[index]
end
