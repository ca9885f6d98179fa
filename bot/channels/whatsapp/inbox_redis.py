"""The inbox in Redis: one Lua script per message makes insert-if-absent and queueing atomic.

Durability is Redis's own: configure ``appendonly yes`` (``appendfsync everysec`` or
``always``) for the acknowledged-means-recorded promise to survive a Redis restart.
"""

from __future__ import annotations

import json

import redis

from bot.channels.whatsapp.inbox import DEFAULT_LEASE_SECONDS, Inbox, inbound_time
from bot.channels.whatsapp.parsing import InboundMessage, StatusUpdate

# KEYS: message record, pending zset, payload hash, sequence, last-inbound hash, sender index,
#       claim owner hash, claim deadline hash
# ARGV: message id, payload, sender id, inbound time, ttl seconds, owner, claim deadline
_ACCEPT = """
if redis.call('SET', KEYS[1], 'received', 'NX') then
  local seq = redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[2], seq, ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  redis.call('HSET', KEYS[7], ARGV[1], ARGV[6])
  redis.call('HSET', KEYS[8], ARGV[1], ARGV[7])
  redis.call('SADD', KEYS[6], ARGV[1])
  redis.call('EXPIRE', KEYS[6], ARGV[5])
  local current = tonumber(redis.call('HGET', KEYS[5], ARGV[3]) or '0')
  if tonumber(ARGV[4]) > current then redis.call('HSET', KEYS[5], ARGV[3], ARGV[4]) end
  return 1
end
return 0
"""
# KEYS: message record, pending zset, payload hash, claim owner hash, claim deadline hash
# ARGV: message id, state, ttl seconds
_MARK = """
if redis.call('GET', KEYS[1]) == 'received' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[4], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[1])
end
return 0
"""
# KEYS: pending zset, claim owner hash, claim deadline hash
# ARGV: owner, now, new deadline, "1" to include the owner's own claims
# Returns the pending ids, oldest first, that this call claimed for the owner.
_CLAIM = """
local mine = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local owner = redis.call('HGET', KEYS[2], id)
  local deadline = tonumber(redis.call('HGET', KEYS[3], id) or '0')
  local own = owner == ARGV[1] and ARGV[4] == '1'
  if (not owner) or own or deadline < tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[2], id, ARGV[1])
    redis.call('HSET', KEYS[3], id, ARGV[3])
    table.insert(mine, id)
  end
end
return mine
"""
# KEYS: message record, claim owner hash, claim deadline hash; ARGV: id, owner, new deadline
_CONFIRM = """
if redis.call('GET', KEYS[1]) == 'received' and redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2]
then
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
  return 1
end
return 0
"""


class RedisInbox(Inbox):
    """Keys live under ``vigie:wa:``; a database number in the URL separates environments."""

    def __init__(
        self,
        url: str,
        ttl_seconds: float,
        prefix: str = "vigie:wa:",
        owner: str = "",
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
    ) -> None:
        super().__init__(ttl_seconds, threads=4, owner=owner, lease_seconds=lease_seconds)
        self._client = redis.Redis.from_url(url, decode_responses=True)
        self._prefix = prefix
        self._accept_script = self._client.register_script(_ACCEPT)
        self._mark_script = self._client.register_script(_MARK)
        self._claim_script = self._client.register_script(_CLAIM)
        self._confirm_script = self._client.register_script(_CONFIRM)

    def _key(self, *parts: str) -> str:
        return self._prefix + ":".join(parts)

    def _accept(self, messages: list[InboundMessage], now: float) -> list[InboundMessage]:
        accepted = []
        for message in messages:
            keys = [
                self._key("msg", message.message_id),
                self._key("pending"),
                self._key("payload"),
                self._key("seq"),
                self._key("last_inbound"),
                self._key("sender", message.sender_id),
                self._key("claim_owner"),
                self._key("claim_until"),
            ]
            args = [
                message.message_id,
                message.to_json(),
                message.sender_id,
                inbound_time(message, now),
                int(self.ttl_seconds),
                self.owner,
                repr(now + self.lease_seconds),
            ]
            if self._accept_script(keys=keys, args=args) == 1:
                accepted.append(message)
        return accepted

    def _mark(self, message_id: str, state: str, now: float) -> None:
        keys = [
            self._key("msg", message_id),
            self._key("pending"),
            self._key("payload"),
            self._key("claim_owner"),
            self._key("claim_until"),
        ]
        self._mark_script(keys=keys, args=[message_id, state, int(self.ttl_seconds)])

    def _claim_pending(self, now: float, include_own: bool) -> list[InboundMessage]:
        keys = [self._key("pending"), self._key("claim_owner"), self._key("claim_until")]
        args = [self.owner, repr(now), repr(now + self.lease_seconds), "1" if include_own else ""]
        ids = self._claim_script(keys=keys, args=args)
        if not ids:
            return []
        payloads = self._client.hmget(self._key("payload"), ids)
        return [InboundMessage.from_json(p) for p in payloads if p]

    def _pending(self) -> list[InboundMessage]:
        ids = self._client.zrange(self._key("pending"), 0, -1)
        if not ids:
            return []
        payloads = self._client.hmget(self._key("payload"), ids)
        return [InboundMessage.from_json(p) for p in payloads if p]

    def _confirm_claim(self, message_id: str, now: float) -> bool:
        keys = [self._key("msg", message_id), self._key("claim_owner"), self._key("claim_until")]
        args = [message_id, self.owner, repr(now + self.lease_seconds)]
        return self._confirm_script(keys=keys, args=args) == 1

    def _last_inbound(self, sender_id: str) -> int | None:
        value = self._client.hget(self._key("last_inbound"), sender_id)
        return None if value is None else int(value)

    def _record_statuses(self, statuses: list[StatusUpdate], now: float) -> None:
        pipe = self._client.pipeline(transaction=True)
        ttl = int(self.ttl_seconds)
        for status in statuses:
            key = self._key("status", status.message_id)
            pipe.rpush(key, json.dumps([status.status, status.timestamp, list(status.error_codes)]))
            pipe.expire(key, ttl)
            if status.recipient_id:
                index = self._key("sender_statuses", status.recipient_id)
                pipe.sadd(index, status.message_id)
                pipe.expire(index, ttl)
        pipe.execute()

    def _record_failed_send(
        self, recipient_id: str, body: str, code: int | None, reason: str, now: float
    ) -> None:
        key = self._key("failed", recipient_id)
        entry = json.dumps({"body": body, "code": code, "reason": reason, "at": now})
        pipe = self._client.pipeline(transaction=True)
        pipe.rpush(key, entry)
        pipe.expire(key, int(self.ttl_seconds))
        pipe.sadd(self._key("failed_recipients"), recipient_id)
        pipe.execute()

    def _erase_sender(self, sender_id: str, now: float) -> int:
        index = self._key("sender", sender_id)
        message_ids = self._client.smembers(index)
        status_index = self._key("sender_statuses", sender_id)
        status_ids = self._client.smembers(status_index)
        failed = self._client.llen(self._key("failed", sender_id))
        pipe = self._client.pipeline(transaction=True)
        for message_id in message_ids:
            # Keep the bare id until it expires, so a late redelivery stays a duplicate.
            pipe.set(self._key("msg", message_id), "erased", ex=int(self.ttl_seconds))
            pipe.zrem(self._key("pending"), message_id)
            pipe.hdel(self._key("payload"), message_id)
            pipe.hdel(self._key("claim_owner"), message_id)
            pipe.hdel(self._key("claim_until"), message_id)
        for message_id in status_ids:
            pipe.delete(self._key("status", message_id))
        pipe.delete(index, status_index, self._key("failed", sender_id))
        pipe.srem(self._key("failed_recipients"), sender_id)
        pipe.hdel(self._key("last_inbound"), sender_id)
        last_inbound = pipe.execute()[-1]
        return len(message_ids) + len(status_ids) + int(failed) + int(last_inbound)

    def _durability_problem(self) -> str | None:
        try:
            appendonly = self._client.config_get("appendonly").get("appendonly")
        except redis.RedisError as error:  # managed services often refuse CONFIG
            return f"cannot read Redis's appendonly setting ({error}); make sure it is yes"
        if appendonly != "yes":
            return (
                "Redis runs with appendonly no: acknowledged messages not yet processed are "
                "lost if Redis restarts; set appendonly yes"
            )
        return None

    def _purge_expired(self, now: float) -> None:
        # Records carry their own EXPIRE; nothing to sweep.
        return None

    def _close(self) -> None:
        self._client.close()

    def count_failed_sends(self) -> int:
        recipients = self._client.smembers(self._key("failed_recipients"))
        return sum(int(self._client.llen(self._key("failed", r))) for r in recipients)
