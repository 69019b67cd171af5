-- Claims jobs for one worker: the ids its BLMOVE already moved into processing, plus up to ARGV[1] more moved here.
-- Each claimed job gets a visibility deadline and one more delivery on its counter, in the same atomic step.
-- KEYS: ready, processing, deadlines, job hash prefix. ARGV: how many more to move, deadline (ms), ids already moved...
local ids = {}
for i = 3, #ARGV do ids[#ids + 1] = ARGV[i] end
-- #exercise 6.1
for _ = 1, tonumber(ARGV[1]) do
  local id = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not id then break end
  ids[#ids + 1] = id
end
local claimed = {}
for _, id in ipairs(ids) do
  local key = KEYS[4] .. id
  local job = redis.call('HMGET', key, 'name', 'payload', 'maxAttempts')
  if job[1] then
    redis.call('ZADD', KEYS[3], ARGV[2], id)
    local attempts = redis.call('HINCRBY', key, 'attempts', 1)
    redis.call('HSET', key, 'state', 'active')
    for _, value in ipairs({ id, job[1], job[2], attempts, job[3] }) do claimed[#claimed + 1] = value end
  else
    -- The job's hash is gone (deleted by hand, or expired): there is nothing left to run.
    redis.call('LREM', KEYS[2], 1, id)
  end
end
return claimed
-- #starter
-- return redis.error_reply('Exercise 6.1 is not done yet: claim.lua')
-- #end
