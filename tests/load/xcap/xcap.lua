-- wrk script of the XCAP benchmark (issue 17; tests/load/xcap_bench.py runs it). One script for every scenario, chosen
-- by the first argument after "--":
--   get-one      GET of one document (the URL given to wrk), again and again
--   get-many     GET of the resource-lists document of a user picked at random among sip:u0 .. sip:u<users-1>
--   put-new      PUT of a whole resource-lists document for a user never seen (each request its own user)
--   put-element  PUT of a new <entry> into the friends list of user u<k> (k cycles through the users), a real change
--   put-element-one  PUT of a new <entry> into the one document of the URL's user (its document grows)
-- Arguments: scenario, run (a tag that keeps users and entries of different runs apart), users (get-many, put-element),
-- user (put-element-one: the user whose document is changed), authorization (an Authorization header value, or "-").
-- At the end it prints one JSON line (requests, non-2xx, latency percentiles in microseconds) that the runner reads.
-- SimpleActors load suite; written for this project.

local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local root = "/xcap-root"
local lists_ns = "urn:ietf:params:xml:ns:resource-lists"

local function document_path(user)
  return root .. "/resource-lists/users/sip:" .. user .. "@example.com/index"
end

local function entry_path(user, entry)
  return document_path(user) ..
    "/~~/resource-lists/list%5b@name=%22friends%22%5d/entry%5b@uri=%22sip:" .. entry .. "@example.com%22%5d"
end

-- wrk.format uses the headers it is given instead of wrk.headers: these carry the Authorization set in init.
local function with_type(content_type)
  local headers = {}
  for k, v in pairs(wrk.headers) do
    headers[k] = v
  end
  headers["Content-Type"] = content_type
  return headers
end

function init(args)
  scenario = args[1] or "get-one"
  run = args[2] or "r"
  users = tonumber(args[3] or "10000")
  user = args[4] or "alice"
  local authorization = args[5]
  if authorization and authorization ~= "-" then
    wrk.headers["Authorization"] = authorization
  end
  math.randomseed(id * 7919 + os.time())
end

function request()
  counter = counter + 1
  if scenario == "get-many" then
    return wrk.format("GET", document_path("u" .. math.random(0, users - 1)))
  elseif scenario == "put-new" then
    local who = "n" .. run .. "t" .. id .. "c" .. counter
    local body = '<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="' .. lists_ns ..
      '"><list name="friends"><entry uri="sip:bob@example.com"/></list></resource-lists>'
    return wrk.format("PUT", document_path(who), with_type("application/resource-lists+xml"), body)
  elseif scenario == "put-element" or scenario == "put-element-one" then
    local entry = "e" .. run .. "t" .. id .. "c" .. counter
    local owner = user
    if scenario == "put-element" then
      owner = "u" .. ((id * 100003 + counter) % users)
    end
    local body = '<entry xmlns="' .. lists_ns .. '" uri="sip:' .. entry .. '@example.com"/>'
    return wrk.format("PUT", entry_path(owner, entry), with_type("application/xcap-el+xml"), body)
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
