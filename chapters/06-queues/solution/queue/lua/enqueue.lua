-- Adds a job unless a job with its id exists: enqueueing the same id twice adds it once.
-- KEYS: ready, delayed, job hash. ARGV: id, name, payload, maxAttempts, createdAt, runAt (0: now).
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local delayed = tonumber(ARGV[6]) > tonumber(ARGV[5])
redis.call('HSET', KEYS[3], 'name', ARGV[2], 'payload', ARGV[3], 'attempts', 0, 'maxAttempts', ARGV[4],
  'createdAt', ARGV[5], 'state', delayed and 'delayed' or 'waiting')
if delayed then
  redis.call('HSET', KEYS[3], 'runAt', ARGV[6])
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
else
  redis.call('LPUSH', KEYS[1], ARGV[1])
end
return 1
