-- Records a failed delivery: the job is retried later (retryAt) or, with retryAt empty, dead-lettered.
-- KEYS: processing, deadlines, delayed, dead, job hash. ARGV: id, error, now (ms), retryAt (ms, or '').
-- A job no longer in processing was taken back by the reaper and may be running elsewhere: leave it alone.
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[4] == '' then
  -- #exercise 6.4
  redis.call('HSET', KEYS[5], 'state', 'dead', 'error', ARGV[2], 'finishedAt', ARGV[3])
  redis.call('LPUSH', KEYS[4], ARGV[1])
  -- #starter
  -- return redis.error_reply('Exercise 6.4 is not done yet: the dead branch of fail.lua')
  -- #end
else
  -- #exercise 6.3
  redis.call('HSET', KEYS[5], 'state', 'delayed', 'error', ARGV[2], 'runAt', ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
  -- #starter
  -- return redis.error_reply('Exercise 6.3 is not done yet: the retry branch of fail.lua')
  -- #end
end
return 1
