-- wrk script: POST /api/chat with rotating questions from many distinct residents (DISTINCT=1: every question
-- worded afresh, see questions.lua).
-- Optional argument (after --): a prefix for the resident ids, so that several wrk processes can each drive
-- their own residents (a balancer routing each resident to one instance) or share them (default "bench").
local questions = dofile("bench/questions.lua")
questions.number_threads()
local prefix = "bench"
init = function(args)
  if args[1] then prefix = args[1] end
end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"user":"%s-%s","text":"%s"}', prefix, questions.resident(thread_id, n),
    questions.text(start, thread_id, n))
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, body)
end
