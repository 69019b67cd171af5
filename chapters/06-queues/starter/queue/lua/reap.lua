-- Takes back the jobs whose worker missed its deadline (it died, hung, or lost its connection).
-- KEYS: processing, deadlines, ready, dead, job hash prefix. ARGV: now (ms), visibility (ms), limit.
local now = tonumber(ARGV[1])
-- #exercise 6.2: Take back the jobs of dead workers. Stuck? pnpm course hint 6.2
return redis.error_reply('Exercise 6.2 is not done yet: reap.lua')
-- #end
