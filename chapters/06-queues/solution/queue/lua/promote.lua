-- Moves the delayed jobs that are due into the ready list. One script, so two workers promoting at the same
-- moment cannot both push the same job.
-- KEYS: delayed, ready, job hash prefix. ARGV: now (ms), limit.
-- #exercise 6.3
local due = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HSET', KEYS[3] .. id, 'state', 'waiting')
  redis.call('LPUSH', KEYS[2], id)
end
return #due
-- #starter
-- return redis.error_reply('Exercise 6.3 is not done yet: promote.lua')
-- #end
