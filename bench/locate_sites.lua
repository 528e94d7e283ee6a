-- wrk script: GET /api/v1/locate for a different site per request, drawn uniformly from the
-- metropolitan area's bounding box (seeded per thread so runs are repeatable).
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(seed)
  sites = {}
  for i = 1, 4096 do
    local lon = 123.9 + math.random() * 3.2
    local lat = 42.6 + math.random() * 2.4
    sites[i] = string.format("/api/v1/locate?lon=%.5f&lat=%.5f", lon, lat)
  end
  index = 0
end
function request()
  index = index % #sites + 1
  return wrk.format("GET", sites[index])
end
