"""The inbox in Redis: one Lua script per message makes insert-if-absent and queueing atomic.

Durability is Redis's own: configure ``appendonly yes`` (``appendfsync everysec`` or
``always``) for the acknowledged-means-recorded promise to survive a Redis restart.
"""

from __future__ import annotations

import json
import logging

import redis

from bot.channels.whatsapp.identity import PHONE, Address, IdentityChange, kind_of
from bot.channels.whatsapp.inbox import DEFAULT_LEASE_SECONDS, Inbox, inbound_time
from bot.channels.whatsapp.parsing import InboundMessage, StatusUpdate

# Per sender (see the inbox module): `spending:<sender>` orders the pending messages (score:
# WhatsApp's timestamp; member: the arrival number, zero-padded, ':' and the id, so that equal
# timestamps keep arrival order), `senders` lists senders with pending messages, `lease:<sender>`
# names the holder (expiring by itself), `leases_of:<owner>` the holder's senders.
# `smember` and `ssender` map a message id to its member and sender.

# KEYS: message record, pending zset, payload hash, sequence, last-inbound hash, sender index,
#       claim owner hash, claim deadline hash, sender's pending zset, smember, ssender, senders
# ARGV: message id, payload, sender id, inbound time, ttl seconds, owner, claim deadline,
#       WhatsApp timestamp
_ACCEPT = """
if redis.call('SET', KEYS[1], 'received', 'NX') then
  local seq = redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[2], seq, ARGV[1])
  local member = string.format('%020d', seq) .. ':' .. ARGV[1]
  redis.call('ZADD', KEYS[9], tonumber(ARGV[8]), member)
  redis.call('HSET', KEYS[10], ARGV[1], member)
  redis.call('HSET', KEYS[11], ARGV[1], ARGV[3])
  redis.call('SADD', KEYS[12], ARGV[3])
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
# Takes a message out of its sender's pending set (KEYS: smember, ssender, senders;
# ARGV[1]: message id, ARGV[2]: key prefix). Used by _MARK and _ERASE.
_UNQUEUE = """
local function unqueue(smember, ssender, senders, id, prefix)
  local sender = redis.call('HGET', ssender, id)
  if sender then
    local queue = prefix .. 'spending:' .. sender
    redis.call('ZREM', queue, redis.call('HGET', smember, id) or '')
    if redis.call('ZCARD', queue) == 0 then redis.call('SREM', senders, sender) end
  end
  redis.call('HDEL', smember, id)
  redis.call('HDEL', ssender, id)
end
"""
# KEYS: message record, pending zset, payload hash, claim owner hash, claim deadline hash,
#       smember, ssender, senders
# ARGV: message id, state, ttl seconds, key prefix
_MARK = (
    _UNQUEUE
    + """
if redis.call('GET', KEYS[1]) == 'received' then
  unqueue(KEYS[6], KEYS[7], KEYS[8], ARGV[1], ARGV[4])
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[4], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[1])
end
return 0
"""
)
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

# The identity map's rules (`bot.channels.whatsapp.identity.choose_canonical`), atomically.
# KEYS: identifier -> canonical hash, identifier -> time mapped hash
# ARGV: phone, BSUID, now, key prefix of the per-conversation identifier sets
# Returns {canonical, 1 when the phone number and the BSUID were mapped apart}.
_RESOLVE = """
local phone, bsuid, now, members = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local by_bsuid = bsuid ~= '' and redis.call('HGET', KEYS[1], bsuid)
local by_phone = phone ~= '' and redis.call('HGET', KEYS[1], phone)
local canonical, conflict = nil, 0
if by_bsuid or by_phone then
  canonical = by_bsuid or by_phone
  if by_bsuid and by_phone and by_bsuid ~= by_phone then conflict = 1 end
elseif phone ~= '' and not (bsuid ~= '' and redis.call('EXISTS', members .. phone) == 1) then
  canonical = phone
elseif bsuid ~= '' then
  canonical = bsuid
else
  canonical = phone
end
for _, id in ipairs({bsuid, phone}) do
  if id ~= '' then
    if redis.call('HSETNX', KEYS[1], id, canonical) == 1 then
      redis.call('SADD', members .. canonical, id)
      redis.call('HSET', KEYS[2], id, now)
    end
  end
end
return {canonical, conflict}
"""

logger = logging.getLogger(__name__)


# KEYS: the sender's lease, the owner's lease set; ARGV: owner, sender, lease (ms)
_ACQUIRE = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
"""
# KEYS: the owner's lease set; ARGV: owner, key prefix, lease (ms) or "" to release, senders...
_LEASES = """
for i = 4, #ARGV do
  local key = ARGV[2] .. 'lease:' .. ARGV[i]
  if redis.call('GET', key) == ARGV[1] then
    if ARGV[3] == '' then redis.call('DEL', key) else redis.call('PEXPIRE', key, ARGV[3]) end
  end
  if ARGV[3] == '' then redis.call('SREM', KEYS[1], ARGV[i]) end
end
return 0
"""
# KEYS: senders set; ARGV: owner, key prefix, "1" to include the owner's own leases
# Returns the oldest pending member of each sender nobody holds.
_TO_TAKE = """
local heads = {}
for _, sender in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local holder = redis.call('GET', ARGV[2] .. 'lease:' .. sender)
  if (not holder) or (ARGV[3] == '1' and holder == ARGV[1]) then
    local head = redis.call('ZRANGE', ARGV[2] .. 'spending:' .. sender, 0, 0)[1]
    if head then table.insert(heads, head) else redis.call('SREM', KEYS[1], sender) end
  end
end
return heads
"""


def member_id(member: str) -> str:
    """The message id of a pending-set member (``<arrival number>:<id>``)."""
    return member.split(":", 1)[1]


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
        self._acquire_script = self._client.register_script(_ACQUIRE)
        self._leases_script = self._client.register_script(_LEASES)
        self._to_take_script = self._client.register_script(_TO_TAKE)
        self._resolve_script = self._client.register_script(_RESOLVE)

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
                self._key("spending", message.sender_id),
                self._key("smember"),
                self._key("ssender"),
                self._key("senders"),
            ]
            args = [
                message.message_id,
                message.to_json(),
                message.sender_id,
                inbound_time(message, now),
                int(self.ttl_seconds),
                self.owner,
                repr(now + self.lease_seconds),
                message.timestamp,
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
            self._key("smember"),
            self._key("ssender"),
            self._key("senders"),
        ]
        args = [message_id, state, int(self.ttl_seconds), self._prefix]
        self._mark_script(keys=keys, args=args)

    def _acquire_sender(self, sender_id: str, now: float) -> bool:
        keys = [self._key("lease", sender_id), self._key("leases_of", self.owner)]
        args = [self.owner, sender_id, int(self.lease_seconds * 1000)]
        return self._acquire_script(keys=keys, args=args) == 1

    def _next_pending(self, sender_id: str) -> InboundMessage | None:
        head = self._client.zrange(self._key("spending", sender_id), 0, 0)
        if not head:
            return None
        payload = self._client.hget(self._key("payload"), member_id(head[0]))
        return None if payload is None else InboundMessage.from_json(payload)

    def _leases(self, sender_ids: list[str], lease_ms: str) -> None:
        keys = [self._key("leases_of", self.owner)]
        self._leases_script(keys=keys, args=[self.owner, self._prefix, lease_ms, *sender_ids])

    def _release_sender(self, sender_id: str) -> None:
        self._leases([sender_id], "")

    def _renew_senders(self, sender_ids: list[str], now: float) -> None:
        self._leases(sender_ids, str(int(self.lease_seconds * 1000)))

    def _release_all_senders(self) -> None:
        self._leases(list(self._client.smembers(self._key("leases_of", self.owner))), "")

    def _senders_to_take(self, now: float, include_own: bool) -> list[InboundMessage]:
        args = [self.owner, self._prefix, "1" if include_own else ""]
        heads = self._to_take_script(keys=[self._key("senders")], args=args)
        if not heads:
            return []
        payloads = self._client.hmget(self._key("payload"), [member_id(h) for h in heads])
        return [InboundMessage.from_json(p) for p in payloads if p]

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

    def _resolve_sender(self, phone: str, user_id: str, now: float) -> str:
        keys = [self._key("identity"), self._key("identity_seen")]
        canonical, conflict = self._resolve_script(
            keys=keys, args=[phone, user_id, repr(now), self._key("identities", "")]
        )
        if int(conflict):
            logger.warning(
                "WhatsApp identity map: a phone number and a BSUID name two conversations; "
                "the BSUID's is kept"
            )
        return str(canonical)

    def _change_identity(self, change: IdentityChange, now: float) -> str | None:
        mapped = self._client.hmget(self._key("identity"), change.old)
        canonical = next((c for c in mapped if c), None)
        if canonical is None and change.old_phone:
            canonical = change.old_phone  # a conversation older than the identity map
        if canonical is None:
            return None
        members = self._key("identities", canonical)
        for old, owner in zip(change.old, mapped, strict=True):
            if owner == canonical:
                pipe = self._client.pipeline(transaction=True)
                pipe.hdel(self._key("identity"), old)
                pipe.hdel(self._key("identity_seen"), old)
                pipe.srem(members, old)
                pipe.execute()
        for new in change.new:
            if self._client.hsetnx(self._key("identity"), new, canonical):
                self._client.sadd(members, new)
                self._client.hset(self._key("identity_seen"), new, repr(now))
        return str(canonical)

    def _address(self, sender_id: str) -> Address:
        identifiers = sorted(self._client.smembers(self._key("identities", sender_id)))
        if not identifiers:
            return Address.of(sender_id)
        seen = self._client.hmget(self._key("identity_seen"), identifiers)
        latest = sorted(
            zip(identifiers, (float(s or 0) for s in seen), strict=True),
            key=lambda pair: -pair[1],
        )
        phones = [i for i, _ in latest if kind_of(i) == PHONE]
        bsuids = [i for i, _ in latest if kind_of(i) != PHONE]
        return Address(phone=phones[0] if phones else "", user_id=bsuids[0] if bsuids else "")

    def _identifiers(self, sender_id: str) -> list[str]:
        return sorted(self._client.smembers(self._key("identities", sender_id)))

    def _erase_sender(self, sender_id: str, now: float) -> int:
        identities = self._identifiers(sender_id)
        if identities:
            pipe = self._client.pipeline(transaction=True)
            pipe.hdel(self._key("identity"), *identities)
            pipe.hdel(self._key("identity_seen"), *identities)
            pipe.delete(self._key("identities", sender_id))
            pipe.execute()
        # Statuses name the address a message went to: any identifier of the user.
        addresses = sorted({sender_id, *identities})
        return len(identities) + sum(self._erase_records(a) for a in addresses)

    def _erase_records(self, sender_id: str) -> int:
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
            pipe.hdel(self._key("smember"), message_id)
            pipe.hdel(self._key("ssender"), message_id)
        pipe.delete(self._key("spending", sender_id), self._key("lease", sender_id))
        pipe.srem(self._key("senders"), sender_id)
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
