-- Acknowledges a finished job: out of processing, no deadline, its result kept for a while.
-- KEYS: processing, deadlines, job hash. ARGV: id, result (JSON), finishedAt (ms), retention (seconds).
-- #exercise 6.1
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], 'state', 'completed', 'result', ARGV[2], 'finishedAt', ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[4])
return 1
-- #starter
-- return redis.error_reply('Exercise 6.1 is not done yet: ack.lua')
-- #end
