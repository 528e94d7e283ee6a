-- wrk script: a GET for a different random target per request, repeatable (seeded per thread).
-- The script's arguments choose the targets:
--   wrk ... -s random_requests.lua URL -- locate
--       /api/v1/locate for a site drawn uniformly from the metropolitan area's bounding box;
--   wrk ... -s random_requests.lua URL -- tiles TILE_LIST
--       /tiles/{z}/{x}/{y}.mvt for a tile drawn uniformly from TILE_LIST (z,x,y lines, as
--       bench/lib_tile_set.sh writes them).
-- Headers given with wrk -H (Accept-Encoding: gzip) go with every request.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

local function locate_target()
  local lon = 123.9 + math.random() * 3.2
  local lat = 42.6 + math.random() * 2.4
  return string.format("/api/v1/locate?lon=%.5f&lat=%.5f", lon, lat)
end

local function tile_targets(list)
  local tiles = {}
  for line in assert(io.open(list), "cannot read " .. list):lines() do
    local z, x, y = line:match("^(%d+),(%d+),(%d+)")
    if z then tiles[#tiles + 1] = string.format("/tiles/%s/%s/%s.mvt", z, x, y) end
  end
  assert(#tiles > 0, "no tiles in " .. list)
  return function() return tiles[math.random(#tiles)] end
end

function init(args)
  local draw
  if args[1] == "locate" then
    draw = locate_target
  elseif args[1] == "tiles" and args[2] then
    draw = tile_targets(args[2])
  else
    error("usage: wrk -s random_requests.lua URL -- locate | tiles TILE_LIST")
  end
  math.randomseed(seed)
  -- Drawn beforehand and walked in a loop: no Lua work per request beyond an index.
  targets = {}
  for i = 1, 16384 do targets[i] = draw() end
  index = 0
end

function request()
  index = index % #targets + 1
  return wrk.format("GET", targets[index])
end
