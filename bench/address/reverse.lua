-- wrk script: GET /postcodes?lon=&lat= for each point of $POINTS ("lon,lat"
-- lines) in turn. Each thread starts at a different offset, so the two
-- connections do not ask for the same point at the same time.
local points = {}
for line in io.lines(os.getenv("POINTS")) do
  local lon, lat = line:match("^([^,]+),([^,]+)$")
  if lon then points[#points + 1] = "/postcodes?lon=" .. lon .. "&lat=" .. lat end
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 4999)
end

function init(args)
  index = offset or 0
end

function request()
  index = index % #points + 1
  return wrk.format("GET", points[index])
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d rps=%.1f non_2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f\n",
                         summary.requests, summary.requests / (summary.duration / 1e6), summary.errors.status,
                         summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
