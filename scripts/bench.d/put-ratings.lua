-- Rotates PUT requests over the writable rating sets listed in $WRITABLE
-- ("review rater" per line) with the 25-item body in $BODY. With RATE and
-- CONNS set, each connection waits CONNS/RATE seconds between requests, so
-- the whole run offers about RATE requests per second (wrk itself has no
-- rate option; this is closed-loop pacing, exact while latency << delay).
local sets, body = {}, ""
for line in io.lines(os.getenv("WRITABLE")) do
  local r, k = line:match("(%S+)%s+(%S+)")
  if r then sets[#sets + 1] = "/v1/reviews/" .. r .. "/ratings/" .. k end
end
local f = io.open(os.getenv("BODY")); body = f:read("*a"); f:close()
local rate, conns = tonumber(os.getenv("RATE") or ""), tonumber(os.getenv("CONNS") or "")
local i = 0
function setup(thread) thread:set("offset", math.random(1, #sets)) end
function request()
  i = i + 1
  local path = sets[(i + (offset or 0)) % #sets + 1]
  return wrk.format("PUT", path, {["Content-Type"] = "application/json", ["If-Match"] = "*"}, body)
end
if rate and conns then
  function delay() return math.floor(1000 * conns / rate) end
end
