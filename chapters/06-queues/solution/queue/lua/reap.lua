-- Takes back the jobs whose worker missed its deadline (it died, hung, or lost its connection).
-- KEYS: processing, deadlines, ready, dead, job hash prefix. ARGV: now (ms), visibility (ms), limit.
local now = tonumber(ARGV[1])
-- #exercise 6.2
-- A worker that died between its BLMOVE and its claim left an id in processing with no deadline: give it one.
for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if not redis.call('ZSCORE', KEYS[2], id) then redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id) end
end
local expired = redis.call('ZRANGE', KEYS[2], '-inf', now, 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('LREM', KEYS[1], 1, id)
  local key = KEYS[5] .. id
  local job = redis.call('HMGET', key, 'attempts', 'maxAttempts')
  if job[2] then
    if tonumber(job[1]) >= tonumber(job[2]) then
      -- The delivery counter says every delivery so far ended with a dead worker: stop feeding it to workers.
      redis.call('HSET', key, 'state', 'dead', 'finishedAt', now,
        'error', 'its worker stopped responding on each of ' .. job[1] .. ' deliveries')
      redis.call('LPUSH', KEYS[4], id)
    else
      redis.call('HSET', key, 'state', 'waiting')
      -- RPUSH puts it where workers take from next: it has waited once already.
      redis.call('RPUSH', KEYS[3], id)
    end
  end
end
return #expired
-- #starter
-- return redis.error_reply('Exercise 6.2 is not done yet: reap.lua')
-- #end
