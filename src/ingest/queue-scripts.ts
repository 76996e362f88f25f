/**
 * The Lua half of the update queue (update-queue.ts). Keys all start with the queue's prefix P:
 *   P:seen:<id:digest>  dedupe marker (24 h)     P:q:<chat>    the chat's updates, oldest first
 *   P:ready   zset chat -> not before (ms)       P:lease       zset chat -> lease expiry (ms)
 *   P:lock:<chat>  the lease holder's token (PX) P:tries/P:err hashes chat -> attempts / last error
 *   P:dead    parked updates (JSON)              P:depth       updates queued    P:wake  wake-ups
 * A chat is in `ready` or leased, never both, so one consumer at a time handles it; the head of
 * its list is removed only when handled (ack) or parked, so a crashed consumer loses nothing.
 */

/** ARGV: P, update json, chat, now, seen ttl (s), dedupe id. Returns 1 if queued, 0 if seen before. */
export const ENQUEUE = `
local P = ARGV[1]
if not redis.call('SET', P .. ':seen:' .. ARGV[6], '1', 'NX', 'EX', ARGV[5]) then return 0 end
redis.call('RPUSH', P .. ':q:' .. ARGV[3], ARGV[2])
redis.call('INCR', P .. ':depth')
if redis.call('EXISTS', P .. ':lock:' .. ARGV[3]) == 0 then
  redis.call('ZADD', P .. ':ready', 'NX', ARGV[4], ARGV[3])
end
redis.call('LPUSH', P .. ':wake', '1')
redis.call('LTRIM', P .. ':wake', 0, 63)
return 1`;

/** Moves one chat's head to the dead letters. */
const PARK = `
local function park(P, chat, err, tries, now)
  local head = redis.call('LPOP', P .. ':q:' .. chat)
  if head then
    redis.call('RPUSH', P .. ':dead', '{"chat":' .. cjson.encode(chat) .. ',"error":' .. cjson.encode(err) ..
      ',"attempts":' .. tries .. ',"at":' .. now .. ',"update":' .. head .. '}')
    redis.call('LTRIM', P .. ':dead', -1000, -1)
    redis.call('DECR', P .. ':depth')
    redis.call('INCR', P .. ':parked')
  end
  redis.call('HDEL', P .. ':tries', chat)
  redis.call('HDEL', P .. ':err', chat)
  redis.call('HDEL', P .. ':claims', chat)
end`;

/**
 * Frees chats whose lease ran out (their holder died), then leases the first ready chat. Returns
 * {chat, head json, attempt, claims} or {false, next ready ms}; claims counts every hand-out of the
 * head (a transient failure gives its attempt back, not this). A head already tried max times
 * without an answer (its handler kept dying) is parked here.
 */
const CLAIM_FN = `${PARK}
local function claim(P, now, lease, token, max)
  for _, chat in ipairs(redis.call('ZRANGEBYSCORE', P .. ':lease', '-inf', now, 'LIMIT', 0, 32)) do
    if redis.call('EXISTS', P .. ':lock:' .. chat) == 0 then
      redis.call('ZREM', P .. ':lease', chat)
      if redis.call('LLEN', P .. ':q:' .. chat) > 0 then redis.call('ZADD', P .. ':ready', 'NX', now, chat) end
    end
  end
  for _ = 1, 8 do
    local ready = redis.call('ZRANGEBYSCORE', P .. ':ready', '-inf', now, 'LIMIT', 0, 1)
    if #ready == 0 then
      local nxt = redis.call('ZRANGE', P .. ':ready', 0, 0, 'WITHSCORES')
      return {false, nxt[2] or false}
    end
    local chat = ready[1]
    redis.call('ZREM', P .. ':ready', chat)
    local tries = redis.call('HINCRBY', P .. ':tries', chat, 1)
    if tries > max then
      park(P, chat, redis.call('HGET', P .. ':err', chat) or 'the handler never finished', tries - 1, now)
      tries = redis.call('HINCRBY', P .. ':tries', chat, 1)
    end
    local head = redis.call('LINDEX', P .. ':q:' .. chat, 0)
    if head then
      redis.call('SET', P .. ':lock:' .. chat, token, 'PX', lease)
      redis.call('ZADD', P .. ':lease', now + lease, chat)
      return {chat, head, tries, redis.call('HINCRBY', P .. ':claims', chat, 1)}
    end
    redis.call('HDEL', P .. ':tries', chat)
    redis.call('HDEL', P .. ':claims', chat)
  end
  return {false, false}
end`;

/** ARGV: P, now, lease ms, token, max tries. See CLAIM_FN. */
export const CLAIM = `${CLAIM_FN}
return claim(ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5]))`;

/** Gives the chat back: ready again at `at` when it has more, else free. */
const RELEASE = `
local function release(P, chat, at)
  redis.call('DEL', P .. ':lock:' .. chat)
  redis.call('ZREM', P .. ':lease', chat)
  if redis.call('LLEN', P .. ':q:' .. chat) > 0 then
    redis.call('ZADD', P .. ':ready', at, chat)
    redis.call('LPUSH', P .. ':wake', '1')
    redis.call('LTRIM', P .. ':wake', 0, 63)
  end
end`;

/** Removes the handled head and gives the chat back. Returns 1, or -1 if the lease was lost. */
const ACK_FN = `${RELEASE}
local function ack(P, chat, token, now)
  if redis.call('GET', P .. ':lock:' .. chat) ~= token then return -1 end
  redis.call('LPOP', P .. ':q:' .. chat)
  redis.call('DECR', P .. ':depth')
  redis.call('HDEL', P .. ':tries', chat)
  redis.call('HDEL', P .. ':err', chat)
  redis.call('HDEL', P .. ':claims', chat)
  release(P, chat, now)
  return 1
end`;

/** ARGV: P, chat, token, now. See ACK_FN. */
export const ACK = `${ACK_FN}
return ack(ARGV[1], ARGV[2], ARGV[3], ARGV[4])`;

/**
 * ARGV: P, chat, token, now, lease ms, new token, max tries. ACK, then CLAIM in the same step (a
 * consumer that finished an update takes its next one in one round trip): {ack's result, claim's...}.
 */
export const ACK_CLAIM = `${ACK_FN}${CLAIM_FN}
local acked = ack(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
local r = claim(ARGV[1], tonumber(ARGV[4]), ARGV[5], ARGV[6], tonumber(ARGV[7]))
table.insert(r, 1, acked)
return r`;

/**
 * ARGV: P, chat, token, now, retry delay ms, error text, counts (1|0), max tries. A failure that
 * counts and reaches max tries parks the head; one that does not count (a store was away) gives the
 * attempt back. Returns 1 when parked, 0 when it will be tried again, -1 if the lease was lost.
 */
export const FAIL = `${PARK}${RELEASE}
local P, chat, now = ARGV[1], ARGV[2], tonumber(ARGV[4])
if redis.call('GET', P .. ':lock:' .. chat) ~= ARGV[3] then return -1 end
if ARGV[7] == '0' then redis.call('HINCRBY', P .. ':tries', chat, -1) end
redis.call('HSET', P .. ':err', chat, ARGV[6])
local tries = tonumber(redis.call('HGET', P .. ':tries', chat) or '0')
if ARGV[7] == '1' and tries >= tonumber(ARGV[8]) then
  park(P, chat, ARGV[6], tries, now)
  release(P, chat, now)
  return 1
end
release(P, chat, now + tonumber(ARGV[5]))
return 0`;

/** ARGV: P, chat, token, now, lease ms. Extends a lease its holder still has. */
export const RENEW = `
local P, chat = ARGV[1], ARGV[2]
if redis.call('GET', P .. ':lock:' .. chat) ~= ARGV[3] then return 0 end
redis.call('PEXPIRE', P .. ':lock:' .. chat, ARGV[5])
redis.call('ZADD', P .. ':lease', 'XX', tonumber(ARGV[4]) + tonumber(ARGV[5]), chat)
return 1`;
