-- Records a failed delivery: the job is retried later (retryAt) or, with retryAt empty, dead-lettered.
-- KEYS: processing, deadlines, delayed, dead, job hash. ARGV: id, error, now (ms), retryAt (ms, or '').
-- A job no longer in processing was taken back by the reaper and may be running elsewhere: leave it alone.
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[4] == '' then
  -- #exercise 6.4: Dead letters. Stuck? pnpm course hint 6.4
  return redis.error_reply('Exercise 6.4 is not done yet: the dead branch of fail.lua')
  -- #end
else
  -- #exercise 6.3: Retry with backoff and jitter. Stuck? pnpm course hint 6.3
  return redis.error_reply('Exercise 6.3 is not done yet: the retry branch of fail.lua')
  -- #end
end
return 1
