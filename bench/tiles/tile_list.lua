-- wrk script: each connection requests the tiles of $TILE_LIST ("z/x/y" lines)
-- in turn under the path prefix $TILE_PREFIX, starting at a different offset per thread.
local tiles = {}
local prefix = os.getenv("TILE_PREFIX") or "/tiles/vn_districts_pre2025/"
local suffix = os.getenv("TILE_SUFFIX") or ".mvt"
for line in io.lines(os.getenv("TILE_LIST")) do
  if line ~= "" then tiles[#tiles + 1] = line end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 97)
end

function init(args)
  index = offset or 0
end

function request()
  index = index % #tiles + 1
  return wrk.format("GET", prefix .. tiles[index] .. suffix)
end

function done(summary, latency, requests)
  local non_2xx = summary.errors.status
  io.write(string.format("requests=%d duration_s=%.2f rps=%.1f status_errors=%d\n", summary.requests,
                         summary.duration / 1e6, summary.requests / (summary.duration / 1e6), non_2xx))
end
