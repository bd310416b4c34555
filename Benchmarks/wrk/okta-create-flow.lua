-- Okta's create flow for wrk (README "Benchmarks", ci/bench-server.sh): per connection, the existence check
-- GET /Users?filter=userName eq "…"&startIndex=1&count=100, which must answer 200 with totalResults 0, then
-- POST /Users with Okta's body, which must answer 201 (okta-behavior.md §2.2, §2.4), with Okta's production
-- headers (§8; OktaHeaders.production). Every request uses a new userName. Only correct pairs count: the
-- summary reports them per second as users/s.
--
-- Run it with one connection per thread (wrk -t N -c N), so that each thread's Lua state drives exactly one
-- connection and its requests strictly alternate GET, POST, GET, ...
-- Arguments (after --): the bearer token, the run's label (makes userNames unique across runs on one database)
-- and whether to send the NinjaOne extension ("ninjaone" or "plain", for a server that does not know it).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  label = args[2] or "wrk"
  ninjaone = (args[3] or "ninjaone") == "ninjaone"
  counter = 0
  -- What this thread's connection sends next: "get" (the check of userName number `counter`) or "post" (its
  -- creation, once the check found nothing). Only response() moves it on: wrk calls request() once more than it
  -- sends (to verify the script), and again after a reconnection, which then repeats the same step.
  step = "get"
  pairs_done = 0
  failures = 0
  first_failure = ""
  get_headers = {
    ["Accept"] = "application/scim+json",
    ["Accept-Charset"] = "utf-8",
    ["User-Agent"] = "Okta SCIM Client 1.0.0",
    ["Authorization"] = "Bearer " .. token,
    ["Connection"] = "Keep-Alive",
  }
  post_headers = {
    ["Accept"] = "application/scim+json",
    ["Accept-Charset"] = "utf-8",
    ["Content-Type"] = "application/scim+json; charset=utf-8",
    ["User-Agent"] = "Okta SCIM Client 1.0.0",
    ["Authorization"] = "Bearer " .. token,
    ["Connection"] = "Keep-Alive",
  }
  if ninjaone then
    schemas = '["urn:ietf:params:scim:schemas:core:2.0:User",'
      .. '"urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User"]'
    extension = ',"urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User":'
      .. '{"userType":"endUser","organizationId":"All"}'
  else
    schemas = '["urn:ietf:params:scim:schemas:core:2.0:User"]'
    extension = ""
  end
end

local function user_name()
  return string.format("wrk-%s-%d-%d@example.com", label, id, counter)
end

function request()
  local name = user_name()
  if step == "get" then
    local encoded = name:gsub("@", "%%40")
    return wrk.format("GET", wrk.path .. "/Users?filter=userName%20eq%20%22" .. encoded
      .. "%22&startIndex=1&count=100", get_headers)
  end
  local body = '{"schemas":' .. schemas .. ',"userName":"' .. name .. '",'
    .. '"name":{"givenName":"Test","familyName":"User"},'
    .. '"emails":[{"primary":true,"value":"' .. name .. '","type":"work"}],'
    .. '"displayName":"Test User","locale":"en-US","externalId":"00u' .. label .. id .. 'x' .. counter .. '",'
    .. '"groups":[],"password":"1mz050nq","active":true' .. extension .. '}'
  return wrk.format("POST", wrk.path .. "/Users", post_headers, body)
end

-- Counts a wrong answer and starts a new pair with the next userName.
local function fail(status, body)
  failures = failures + 1
  if first_failure == "" then
    first_failure = string.format("%s %s answered %d: %s", step, user_name(), status, body:sub(1, 200))
  end
  step = "get"
  counter = counter + 1
end

function response(status, headers, body)
  if step == "get" then
    local total = body:match('"totalResults"%s*:%s*(%d+)')
    if status == 200 and total == "0" then step = "post" else fail(status, body) end
  elseif status == 201 and body:find('"userName"', 1, true) then
    pairs_done = pairs_done + 1
    step = "get"
    counter = counter + 1
  else
    fail(status, body)
  end
end

function done(summary, latency, requests)
  local users, bad, note = 0, 0, ""
  for _, thread in ipairs(threads) do
    users = users + thread:get("pairs_done")
    bad = bad + thread:get("failures")
    local first = thread:get("first_failure")
    if note == "" and first ~= "" then note = first end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("users %d failures %d seconds %.3f users/s %.1f\n", users, bad, seconds, users / seconds))
  if note ~= "" then io.write("first failure: " .. note .. "\n") end
end
