-- Rotates PUT requests over the writable rating sets listed in $WRITABLE
-- ("review rater" per line) with the 25-item body in $BODY.
local sets, body = {}, ""
local function load()
  for line in io.lines(os.getenv("WRITABLE")) do
    local r, k = line:match("(%S+)%s+(%S+)")
    if r then sets[#sets + 1] = "/v1/reviews/" .. r .. "/ratings/" .. k end
  end
  local f = io.open(os.getenv("BODY")); body = f:read("*a"); f:close()
end
load()
local i = 0
request = function()
  i = i % #sets + 1
  return wrk.format("PUT", sets[i], {["Content-Type"] = "application/json"}, body)
end
