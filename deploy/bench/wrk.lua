-- One wrk script for every scenario of deploy/bench/bench.sh.
--   BENCH_MODE=book   POST a booking for the next (token, session) line of BENCH_WORK; the lines are dealt out to the
--                     threads, each line once, then again from the start (a repeat is a 409 already-registered)
--   BENCH_MODE=get    GET the URL given to wrk (the public list of sessions); with BENCH_IF_NONE_MATCH set, each GET
--                     sends it as If-None-Match (a returning browser that kept the list: 304 while it is unchanged)
--   BENCH_PACE_MS=N   each connection waits N ms after an answer before its next request (a browser's pace rather
--                     than as fast as possible: 64 connections at 20 ms offer about 3,000 requests a second)
-- Every mode prints one machine-readable RESULT line with the status counts and the latency percentiles.
local mode = os.getenv("BENCH_MODE") or "get"
local pace_ms = tonumber(os.getenv("BENCH_PACE_MS") or "0")
if pace_ms > 0 then
    function delay()
        return pace_ms
    end
end
local prefix = os.getenv("BENCH_PREFIX") or "/api/registrations/sessions/"
local if_none_match = os.getenv("BENCH_IF_NONE_MATCH")
local threads = {}
local next_id = 0

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

function init(args)
    ok, conflict, limited, fivexx, other = 0, 0, 0, 0, 0
    work = {}
    position = 0
    if mode == "book" then
        local n = tonumber(os.getenv("BENCH_THREADS"))
        local line_no = 0
        for line in io.lines(os.getenv("BENCH_WORK")) do
            if line_no % n == id then
                local token, session = line:match("(%S+) (%S+)")
                table.insert(work, { token, session })
            end
            line_no = line_no + 1
        end
    end
end

function request()
    if mode ~= "book" then
        if if_none_match and if_none_match ~= "" then
            return wrk.format("GET", nil, { ["If-None-Match"] = if_none_match })
        end
        return wrk.format("GET")
    end
    position = position % #work + 1
    local item = work[position]
    return wrk.format("POST", prefix .. item[2] .. "/bookings",
        { ["Authorization"] = "Bearer " .. item[1], ["Content-Type"] = "application/json" },
        '{"nickname":"bench"}')
end

function response(status, headers, body)
    if status == 200 or status == 201 or status == 304 then
        ok = ok + 1
    elseif status == 409 then
        conflict = conflict + 1
    elseif status == 429 then
        limited = limited + 1
    elseif status >= 500 then
        fivexx = fivexx + 1
    else
        other = other + 1
    end
end

-- wrk 4.1 "corrects" its latency histogram for coordinated omission before done() sees it (stats_correct): each answer
-- that took n >= 2e µs adds made-up samples n-e, n-2e, ... down to e, where e = run time / (answers per connection),
-- the mean gap between two requests of one connection. At 30,000 answers a second e is about 2 ms, so one 300 ms stall
-- of a connection adds some 150 samples no request had: p50/p90/p99 are what a client sending at the mean rate, open
-- loop, would have seen, not what the answers took (round 16, branch edge2). wrk 4.1 gives a script no uncorrected
-- histogram; what it cannot hide is Little's law: with N connections always busy, the answers' real mean latency is
-- N x run time / answers (answer_mean_ms, with BENCH_CONNECTIONS set), against wrk's corrected mean (mean_ms).
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "0")

function done(summary, latency, requests)
    local total = { ok = 0, conflict = 0, limited = 0, fivexx = 0, other = 0 }
    for _, thread in ipairs(threads) do
        for key, _ in pairs(total) do
            total[key] = total[key] + thread:get(key)
        end
    end
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f ok=%d conflict=%d limited=%d fivexx=%d other=%d errors=%d p50=%.1f p90=%.1f p99=%.1f mean_ms=%.2f answer_mean_ms=%.2f\n",
        summary.requests, summary.duration / 1e6, total.ok, total.conflict, total.limited, total.fivexx, total.other,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
        summary.requests > 0 and connections * summary.duration / summary.requests / 1000 or 0))
end
