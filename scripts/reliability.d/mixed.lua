-- Mixed read/write load for scripts/load-mixed (wrk 4.x).
--
-- Inputs (environment):
--   FIXTURES  file of lines "kind value..." written by load-mixed:
--               review <id>            finalised review (GET …/score)
--               site <id>              site (GET /v1/sites/{id})
--               region <id>            region (heatmap subtree)
--               set <review> <rater>   writable rating set (PUT)
--   BODY      25-item rating body {"items":[…]} (PUT)
--   SCOREBODY {"scale":…, "items":[…]} (POST /v1/score)
--   APIKEY    API key, sent on every request as Authorization: Bearer
--   WRITEPCT  share of writes in percent (default 20)
--
-- The mix per 100 requests, with WRITEPCT=20: 30 GET score, 20 GET review
-- list, 20 GET site, 10 GET heatmap, 15 PUT rating set (If-Match: *),
-- 5 POST /v1/score. Reads scale to (100-WRITEPCT), writes to WRITEPCT.
-- Non-2xx answers are counted by status, and the first few problem bodies
-- (whose "instance" names the path) are printed at the end.

local reviews, sites, regions, sets = {}, {}, {}, {}
for line in io.lines(os.getenv("FIXTURES")) do
  local kind, a, b = line:match("^(%S+)%s+(%S+)%s*(%S*)")
  if kind == "review" then reviews[#reviews + 1] = a
  elseif kind == "site" then sites[#sites + 1] = a
  elseif kind == "region" then regions[#regions + 1] = a
  elseif kind == "set" then sets[#sets + 1] = "/v1/reviews/" .. a .. "/ratings/" .. b
  end
end
local function slurp(name)
  local f = assert(io.open(os.getenv(name)), name); local s = f:read("*a"); f:close(); return s
end
local body, scorebody = slurp("BODY"), slurp("SCOREBODY")
local auth = "Bearer " .. assert(os.getenv("APIKEY"), "APIKEY")
local writepct = tonumber(os.getenv("WRITEPCT") or "20")

local read_hdr = {["Authorization"] = auth, ["Accept"] = "application/json"}
local put_hdr = {["Authorization"] = auth, ["Content-Type"] = "application/json", ["If-Match"] = "*"}
local post_hdr = {["Authorization"] = auth, ["Content-Type"] = "application/json"}

-- per-thread state (each wrk thread has its own Lua state); globals, so
-- done() can read them with thread:get()
local threads = {}
n = {score = 0, list = 0, site = 0, heatmap = 0, put = 0, post = 0}
statuses, samples = {}, {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

local function pick(t) return t[math.random(1, #t)] end

function request()
  local r = math.random() * 100
  if r < writepct then
    -- writes: three quarters rating-set saves, one quarter POST /v1/score
    if r < writepct * 0.75 then
      n.put = n.put + 1
      return wrk.format("PUT", pick(sets), put_hdr, body)
    end
    n.post = n.post + 1
    return wrk.format("POST", "/v1/score", post_hdr, scorebody)
  end
  r = (r - writepct) / (100 - writepct) * 100 -- 0..100 over the reads
  if r < 37.5 then
    n.score = n.score + 1
    return wrk.format("GET", "/v1/reviews/" .. pick(reviews) .. "/score", read_hdr)
  elseif r < 62.5 then
    n.list = n.list + 1
    return wrk.format("GET", "/v1/reviews?limit=50", read_hdr)
  elseif r < 87.5 then
    n.site = n.site + 1
    return wrk.format("GET", "/v1/sites/" .. pick(sites), read_hdr)
  end
  n.heatmap = n.heatmap + 1
  return wrk.format("GET", "/v1/reports/heatmap?subtree=" .. pick(regions), read_hdr)
end

function response(status, headers, rbody)
  if status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
    if #samples < 5 then samples[#samples + 1] = status .. " " .. (rbody or ""):sub(1, 400) end
  end
end

function done(summary, latency, requests)
  local tot = {score = 0, list = 0, site = 0, heatmap = 0, put = 0, post = 0}
  local st, sm = {}, {}
  for _, t in ipairs(threads) do
    local tn = t:get("n")
    for k, v in pairs(tn) do tot[k] = tot[k] + v end
    for code, c in pairs(t:get("statuses")) do st[code] = (st[code] or 0) + c end
    for _, s in ipairs(t:get("samples")) do if #sm < 5 then sm[#sm + 1] = s end end
  end
  io.write(string.format("MIX requests issued: GET score %d, GET list %d, GET site %d, GET heatmap %d, PUT ratings %d, POST score %d\n",
    tot.score, tot.list, tot.site, tot.heatmap, tot.put, tot.post))
  io.write(string.format("LAT p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
  io.write(string.format("SUM requests=%d duration_us=%d connect_err=%d read_err=%d write_err=%d status_err=%d timeout_err=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
  local any = false
  for code, c in pairs(st) do io.write(string.format("NON2XX %d %d\n", code, c)); any = true end
  if not any then io.write("NON2XX none\n") end
  for _, s in ipairs(sm) do io.write("SAMPLE " .. s:gsub("\n", " ") .. "\n") end
end
