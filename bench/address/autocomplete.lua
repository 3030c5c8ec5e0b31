-- wrk script: GET /places?q= for each line of $QUERIES in turn, with the
-- query percent-encoded. Prints the latency percentiles in milliseconds.
local queries = {}
local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("QUERIES")) do
  if line ~= "" and not line:match("^#") then queries[#queries + 1] = "/places?q=" .. encode(line) end
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 37)
end

function init(args)
  index = offset or 0
end

function request()
  index = index % #queries + 1
  return wrk.format("GET", queries[index])
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d rps=%.1f non_2xx=%d socket_errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
                         summary.requests, summary.requests / (summary.duration / 1e6), summary.errors.status,
                         summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
end
