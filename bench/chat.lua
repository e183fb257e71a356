-- wrk script: POST /api/chat with rotating questions from many distinct residents.
-- Optional argument (after --): a prefix for the resident ids, so that several wrk processes can each drive
-- their own residents (a balancer routing each resident to one instance) or share them (default "bench").
local questions = {
  "我家房子被淹了民生保险能赔多少", "低保咋申请", "老人吃饭的食堂在哪里", "免费培训班有交通补贴吗",
  "网格员是干什么的", "明天天气怎么样", "你好", "物业不管了怎么办", "慈善总会有哪些救助项目", "武昌人均收入多少"
}
local prefix = "bench"
init = function(args)
  if args[1] then prefix = args[1] end
end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"user":"%s-%d","text":"%s"}', prefix, n % 5000, questions[(n % #questions) + 1])
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, body)
end
