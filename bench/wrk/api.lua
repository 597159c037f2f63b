-- One wrk script for every scenario; the scenario, tokens and data size come from the environment:
--   SCENARIO  single | custom | filter20 | rpc | anon | embed | insert | graphql
--   TOKENS    space-separated JWTs, picked at random per request (a few users: the token cache stays hot)
--   MAX_ID    highest book id
--   MAX_AUTHOR highest author id
--   PGAPI_READ optional Pgapi-Read header value (primary: reads stay on the primary although replicas are configured)
-- done() prints one machine-readable RESULT line for bench/run.sh.

local scenario = os.getenv("SCENARIO") or "single"
local max_id = tonumber(os.getenv("MAX_ID") or "100000")
local max_author = tonumber(os.getenv("MAX_AUTHOR") or "10000")
local read_from = os.getenv("PGAPI_READ")
local tokens = {}
for t in string.gmatch(os.getenv("TOKENS") or "", "%S+") do
  tokens[#tokens + 1] = t
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(seed * 7919 + os.time())
end

local function read_header(headers)
  if read_from and read_from ~= "" then
    headers["Pgapi-Read"] = read_from
  end
  return headers
end

local function auth(headers)
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  end
  return read_header(headers)
end

local graphql = '{"query":"query($id:Int!){bookById(id:$id){id title authorId published tags}}","variables":{"id":%d}}'

function request()
  if scenario == "single" then
    return wrk.format("GET", "/books?id=eq." .. math.random(max_id), auth({}))
  elseif scenario == "anon" then
    return wrk.format("GET", "/books?id=eq." .. math.random(max_id), read_header({}))
  elseif scenario == "custom" then
    return wrk.format("GET", "/lookup/books/" .. math.random(max_id), auth({}))
  elseif scenario == "filter20" then
    return wrk.format("GET", "/books?select=id,title,published,author_id&id=gt." .. math.random(max_id - 20)
      .. "&order=id&limit=20", auth({}))
  elseif scenario == "rpc" then
    return wrk.format("POST", "/rpc/add", auth({["Content-Type"] = "application/json"}),
      '{"a":' .. math.random(max_id) .. ',"b":2}')
  elseif scenario == "embed" then
    return wrk.format("GET", "/authors?select=id,name,books(id,title)&id=eq." .. math.random(max_author), auth({}))
  elseif scenario == "insert" then
    return wrk.format("POST", "/books", auth({["Content-Type"] = "application/json", ["Prefer"] = "return=representation"}),
      '{"title":"Bench book","author_id":' .. math.random(max_author) .. '}')
  elseif scenario == "graphql" then
    return wrk.format("POST", "/graphql", auth({["Content-Type"] = "application/json"}),
      string.format(graphql, math.random(max_id)))
  end
  error("unknown SCENARIO " .. scenario)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
