-- wrk script for Benchmarks/load/run.sh: counts responses by status class (wrk's own
-- "Non-2xx or 3xx" count would let a redirect to /sign-in pass as a success) and prints one
-- machine-readable line with the exact figures (latencies in microseconds).
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    ok, redirect, other = 0, 0, 0
end

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok = ok + 1
    elseif status >= 300 and status < 400 then
        redirect = redirect + 1
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local s2, s3, sx = 0, 0, 0
    for _, t in ipairs(threads) do
        s2 = s2 + t:get("ok")
        s3 = s3 + t:get("redirect")
        sx = sx + t:get("other")
    end
    local e = summary.errors
    io.write(string.format(
        "WAYMARK_RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
        .. "s2xx=%d s3xx=%d sother=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, summary.bytes,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        s2, s3, sx, e.connect, e.read, e.write, e.status, e.timeout))
end
