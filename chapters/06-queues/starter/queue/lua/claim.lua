-- Claims jobs for one worker: the ids its BLMOVE already moved into processing, plus up to ARGV[1] more moved here.
-- Each claimed job gets a visibility deadline and one more delivery on its counter, in the same atomic step.
-- KEYS: ready, processing, deadlines, job hash prefix. ARGV: how many more to move, deadline (ms), ids already moved...
local ids = {}
for i = 3, #ARGV do ids[#ids + 1] = ARGV[i] end
-- #exercise 6.1: Fetch and acknowledge. Stuck? pnpm course hint 6.1
return redis.error_reply('Exercise 6.1 is not done yet: claim.lua')
-- #end
