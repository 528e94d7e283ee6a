-- wrk script of the reload-under-load test (tests/e2e_reload_test.cpp): every connection cycles
-- through locates of sites whose plan position the test knows and the tiles a map of 长春 shows at
-- zooms 0-8, so both the query path and the tile path run while snapshots are swapped.
local paths = {
  "/api/v1/locate?lon=125.6646&lat=43.5253", -- 双阳区: 长吉组团 and 长辽组团
  "/tiles/0/0/0.mvt",
  "/api/v1/locate?lon=125.3245&lat=43.9070", -- 长春站
  "/tiles/3/6/2.mvt",
  "/api/v1/locate?lon=126.5496&lat=43.8378", -- 吉林市
  "/tiles/5/27/11.mvt",
  "/api/v1/locate?lon=124.3504&lat=43.1664", -- 四平市
  "/tiles/6/54/23.mvt",
  "/api/v1/locate?lon=125.1437&lat=42.8880", -- 辽源市
  "/tiles/7/108/46.mvt",
  "/tiles/8/217/93.mvt",
}
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
