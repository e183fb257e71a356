-- Questions for the load scripts (dofile'd by wechat.lua and chat.lua).
-- Repeated set (default): the ten questions the benchmark has always used, so runs compare across versions.
-- Distinct set (DISTINCT=1): each request asks a question worded as no earlier request of this wrk process did
-- (20 questions x 24 openings x 10 fillers x 25 endings = 120,000 wordings, walked from a random start, the
-- threads half the space apart), so neither the embedding cache nor the recent-questions cache can serve it:
-- every message is segmented, classified, embedded and searched, as a resident's own wording would be.
local M = {}

M.repeated = {
  "我家房子被淹了民生保险能赔多少", "低保咋申请", "老人吃饭的食堂在哪里", "免费培训班有交通补贴吗",
  "网格员是干什么的", "明天天气怎么样", "你好", "物业不管了怎么办", "慈善总会有哪些救助项目", "武昌人均收入多少"
}

local questions = {
  "民生保险房子最多赔几多", "低保么样申请", "老人食堂在哪里", "培训班有冇得交通补贴", "网格员是搞么事的",
  "物业不管了么办", "慈善总会有哪些救助", "武昌人均收入是好多", "生病了屋里困难有么补助", "见义勇为受伤了赔不赔",
  "民生保险要自己交钱吗", "一户一策是么意思", "培训班管不管中饭", "培训完了帮不帮找工作", "老年食堂一餐几多钱",
  "火灾烧了房子能赔吗", "民生保险管哪些事", "社区服务中心能办么事", "网格员管几多户", "困难户有人帮扶吗"
}
local openings = {
  "", "请问", "你好 ", "问一下 ", "麻烦问下 ", "我想问 ", "师傅 ", "同志你好 ", "打扰一下 ", "请教一下 ",
  "喂 ", "那个 ", "我问哈 ", "帮我问下 ", "小助手 ", "您好 请问 ", "想咨询 ", "问个事 ", "劳驾 ", "我姆妈问 ",
  "我老头问 ", "我是武昌的 ", "街坊说 ", "不好意思 "
}
local fillers = {"", "就是", "到底", "具体", "想晓得", "听说", "现在", "我们这里", "一般", "请问下"}
local endings = {
  "", "啊", "呢", "?", "。", "!", "谢谢", "急", "在线等", "麻烦了", "哈", "嘛", "谢谢你", "多谢", "有人吗",
  "求回复", "搞不清楚", "帮帮忙", "谢了", "拜托", "等回复", "呀", "咧", "好吧", "急急急"
}

local size = #questions * #openings * #fillers * #endings

M.distinct = os.getenv("DISTINCT") == "1"

-- The text of request n (from 1) of thread t (from 0), given the process's random start.
function M.text(start, t, n)
  if not M.distinct then
    return M.repeated[(n % #M.repeated) + 1]
  end
  local i = (start + t * math.floor(size / 2) + n) % size
  local q = questions[(i % #questions) + 1]; i = math.floor(i / #questions)
  local o = openings[(i % #openings) + 1]; i = math.floor(i / #openings)
  local f = fillers[(i % #fillers) + 1]; i = math.floor(i / #fillers)
  local e = endings[(i % #endings) + 1]
  return o .. f .. q .. e
end

-- The resident sending request n of thread t: one of 5,000 who keep asking (repeated set), or, with DISTINCT=1,
-- a resident of their own per request. A resident whose question was handed to a person gets a short "a person
-- will answer" to every later message, without understanding it, so residents asking many distinct questions
-- would measure that reply, not the answer.
function M.resident(t, n)
  if not M.distinct then
    return tostring(n % 5000)
  end
  return string.format("%d-%d-%d", start, t, n)
end

-- Sets the globals thread_id and start in each thread's own Lua state. Globals, not locals: wrk runs setup() in
-- its main state and copies them into each thread's (a local would shadow them, and every thread would send the
-- same MsgIds, nonces and questions).
function M.number_threads()
  thread_id = 0
  math.randomseed(os.time())
  start = math.random(0, size - 1)
  setup = function(thread)
    thread:set("thread_id", thread_id)
    thread:set("start", start)
    thread_id = thread_id + 1
  end
end

return M
