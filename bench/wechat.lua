-- wrk script: signed plaintext WeChat text messages, each with its own MsgId, from many residents.
-- The service accepts a (timestamp, nonce) pair with one body only (replay defence), so every request is signed
-- afresh, as the platform does: a new nonce, SHA-1 over the sorted token, timestamp and nonce (computed here in
-- LuaJIT, about a microsecond a request). WECHAT_TOKEN is the service's token.
-- DISTINCT=1: every question worded afresh (see questions.lua); otherwise the ten repeated questions.
local bit = require("bit")
local band, bor, bxor, bnot, rol, tobit, tohex = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.tobit, bit.tohex

local function sha1(msg)
  local h0, h1, h2, h3, h4 = tobit(0x67452301), tobit(0xEFCDAB89), tobit(0x98BADCFE), tobit(0x10325476), tobit(0xC3D2E1F0)
  local len = #msg
  msg = msg .. "\128" .. string.rep("\0", (55 - len) % 64)
  local bits = len * 8
  msg = msg .. string.char(0, 0, 0, 0, band(bit.rshift(bits, 24), 255), band(bit.rshift(bits, 16), 255),
    band(bit.rshift(bits, 8), 255), band(bits, 255))
  local w = {}
  for chunk = 1, #msg, 64 do
    for i = 0, 15 do
      local a, b, c, d = msg:byte(chunk + i * 4, chunk + i * 4 + 3)
      w[i] = bor(bit.lshift(a, 24), bit.lshift(b, 16), bit.lshift(c, 8), d)
    end
    for i = 16, 79 do
      w[i] = rol(bxor(w[i - 3], w[i - 8], w[i - 14], w[i - 16]), 1)
    end
    local a, b, c, d, e = h0, h1, h2, h3, h4
    for i = 0, 79 do
      local f, k
      if i < 20 then f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
      elseif i < 40 then f, k = bxor(b, c, d), 0x6ED9EBA1
      elseif i < 60 then f, k = bor(band(b, c), band(b, d), band(c, d)), 0x8F1BBCDC
      else f, k = bxor(b, c, d), 0xCA62C1D6 end
      local t = tobit(rol(a, 5) + f + e + k + w[i])
      e, d, c, b, a = d, c, rol(b, 30), a, t
    end
    h0, h1, h2, h3, h4 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d), tobit(h4 + e)
  end
  return tohex(h0) .. tohex(h1) .. tohex(h2) .. tohex(h3) .. tohex(h4)
end

local questions = dofile("bench/questions.lua")
local token = os.getenv("WECHAT_TOKEN") or "bench-token"
local counter = 0
questions.number_threads()
init = function(args)
  math.randomseed(os.time() * 1000 + thread_id)
end
local function signed_query()
  local ts = tostring(os.time())
  local nonce = string.format("b%d_%d_%d", thread_id or 0, counter, math.random(1, 1000000000))
  local parts = {token, ts, nonce}
  table.sort(parts)
  return "signature=" .. sha1(table.concat(parts)) .. "&timestamp=" .. ts .. "&nonce=" .. nonce .. "&openid=bench"
end
request = function()
  counter = counter + 1
  local id = (thread_id or 0) * 1000000000 + counter + (os.time() % 100000) * 10000
  local body = string.format(
    "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBench%s]]></FromUserName>" ..
    "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content>" ..
    "<MsgId>%d</MsgId></xml>", questions.resident(thread_id, counter), os.time(), questions.text(start, thread_id, counter), id)
  return wrk.format("POST", "/wechat?" .. signed_query(), {["Content-Type"] = "text/xml"}, body)
end
