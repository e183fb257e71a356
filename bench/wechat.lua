-- wrk script: signed plaintext WeChat text messages, each with its own MsgId, from many residents.
-- The signature covers token, timestamp and nonce only, so one signed query string serves every request.
local questions = {
  "我家房子被淹了民生保险能赔多少", "低保咋申请", "老人吃饭的食堂在哪里", "免费培训班有交通补贴吗",
  "网格员是干什么的", "明天天气怎么样", "你好", "物业不管了怎么办", "慈善总会有哪些救助项目", "武昌人均收入多少"
}
local query = os.getenv("WECHAT_QUERY")
local counter = 0
local thread_id = 0
setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local id = (thread_id or 0) * 1000000000 + counter + (os.time() % 100000) * 10000
  local body = string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench%d]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content>" ..
    "<MsgId>%d</MsgId></xml>", counter % 5000, os.time(), questions[(counter % #questions) + 1], id)
  return wrk.format("POST", "/wechat?" .. query, {["Content-Type"] = "text/xml"}, body)
end
