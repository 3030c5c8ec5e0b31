-- wrk script: POST /postcodes with {"geolocations": [...]} bodies of 100
-- points each, made from consecutive points of $POINTS ("lon,lat" lines), in turn.
local bodies = {}
local batch = {}
for line in io.lines(os.getenv("POINTS")) do
  local lon, lat = line:match("^([^,]+),([^,]+)$")
  if lon then
    batch[#batch + 1] = '{"lon":' .. lon .. ',"lat":' .. lat .. '}'
    if #batch == 100 then
      bodies[#bodies + 1] = '{"geolocations":[' .. table.concat(batch, ",") .. ']}'
      batch = {}
    end
  end
end
local headers = {["Content-Type"] = "application/json"}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 49)
end

function init(args)
  index = offset or 0
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", "/postcodes", headers, bodies[index])
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d rps=%.1f non_2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f\n",
                         summary.requests, summary.requests / (summary.duration / 1e6), summary.errors.status,
                         summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
