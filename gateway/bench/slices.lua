-- wrk script for the start-up phase: post.lua's request and result line, and the 200 answers
-- counted per second of the wall clock (os.time), printed as one more line prefixed with
-- BENCHSLICES: {"<epoch second>":<answers>,...}. One thread (-t1) or more.
dofile(os.getenv("BENCH_LUA_DIR") .. "/post.lua")
local post_done = done
local threads = {}
counts = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status == 200 then
    local second = os.time()
    counts[second] = (counts[second] or 0) + 1
  end
end

function done(summary, latency, requests)
  post_done(summary, latency, requests)
  local merged, parts = {}, {}
  for _, thread in ipairs(threads) do
    for second, answers in pairs(thread:get("counts")) do
      merged[second] = (merged[second] or 0) + answers
    end
  end
  for second, answers in pairs(merged) do
    table.insert(parts, string.format('"%d":%d', second, answers))
  end
  io.write("BENCHSLICES {" .. table.concat(parts, ",") .. "}\n")
end
