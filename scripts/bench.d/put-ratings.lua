-- Rotates PUT requests over the writable rating sets listed in $WRITABLE
-- ("review rater" per line) with the 25-item body in $BODY. With RATE set,
-- the run offers RATE requests per second in all: each of wrk's THREADS
-- threads (default 2, as scripts/bench runs wrk) hands out send times
-- RATE/THREADS apart, and a connection waits for the next free slot.
--
-- Why slots and not a fixed wait: the first version waited CONNS/RATE
-- seconds after every response, so a connection's cycle was that wait
-- plus the response time, and 16 connections could never offer 300/s
-- (with 8 ms responses at most 16/(53.3 + 8) ms = 261/s): the "achieved"
-- rate measured the pacing, not the service. Slots keep the offered rate
-- while responses take less than CONNS/RATE.
local sets, body = {}, ""
for line in io.lines(os.getenv("WRITABLE")) do
  local r, k = line:match("(%S+)%s+(%S+)")
  if r then sets[#sets + 1] = "/v1/reviews/" .. r .. "/ratings/" .. k end
end
local f = io.open(os.getenv("BODY")); body = f:read("*a"); f:close()
local rate, threads = tonumber(os.getenv("RATE") or ""), tonumber(os.getenv("THREADS") or "2")
local i = 0
function setup(thread) thread:set("offset", math.random(1, #sets)) end
function request()
  i = i + 1
  local path = sets[(i + (offset or 0)) % #sets + 1]
  return wrk.format("PUT", path, {["Content-Type"] = "application/json", ["If-Match"] = "*"}, body)
end
if rate then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } fidelity_timespec;
    int clock_gettime(int clk, fidelity_timespec *ts);
  ]]
  local ts = ffi.new("fidelity_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval = 1000 * threads / rate -- ms between this thread's sends
  local next_slot = nil
  function delay()
    local now = now_ms()
    if next_slot == nil or next_slot < now then next_slot = now end
    local wait = next_slot - now
    next_slot = next_slot + interval
    return math.floor(wait)
  end
end
