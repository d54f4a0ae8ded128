"""A Redis lock store for several Rasa processes at once.

Rasa Open Source 3.6's RedisLockStore issues a ticket by reading the lock, adding the ticket in Python and writing
the lock back, and releases one the same way (RasaHQ/rasa#9213). Two processes doing that at the same moment can
both get the same ticket, or one can write away the other's: then two processes answer one person at once. Here
both steps run inside Redis as one script each, so they are atomic; reading and waiting stay as in Rasa. While a
process waits, Rasa also writes the lock back without its expired tickets (update_lock): that write, too, could
wipe out a ticket another process just got, and it is not needed (expired tickets are skipped when read and
dropped when the next ticket is given), so it is left out.
The stored lock keeps Rasa's own format, so processes of both kinds can be switched over one by one."""
from __future__ import annotations

import time
from typing import Any, Optional, Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# KEYS[1] the lock; ARGV: conversation id, now (s), lifetime (s). Drops expired tickets, adds the next one.
_GEEF_TICKET = """
local raw = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[2])
local tickets, last = {}, -1
if raw then
  for _, t in ipairs(cjson.decode(raw)['tickets'] or {}) do
    local ticket = cjson.decode(t)
    if ticket['expires'] > now then
      table.insert(tickets, t)
      last = ticket['number']
    end
  end
end
local number = last + 1
table.insert(tickets, cjson.encode({number = number, expires = now + tonumber(ARGV[3])}))
redis.call('SET', KEYS[1], cjson.encode({conversation_id = ARGV[1], tickets = tickets}))
return number
"""

# KEYS[1] the lock; ARGV[1] the ticket number. Removes that ticket; the lock goes when no ticket is left.
_GEEF_TERUG = """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local lock = cjson.decode(raw)
local kept = {}
for _, t in ipairs(lock['tickets'] or {}) do
  if cjson.decode(t)['number'] ~= tonumber(ARGV[1]) then table.insert(kept, t) end
end
if #kept == 0 then
  redis.call('DEL', KEYS[1])
else
  lock['tickets'] = kept
  redis.call('SET', KEYS[1], cjson.encode(lock))
end
return 1
"""


class AtomischRedisLockStore(RedisLockStore):
    """`lock_store: type: bot.sloten.AtomischRedisLockStore` with the settings of Rasa's `redis` lock store."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._geef_ticket = self.red.register_script(_GEEF_TICKET)
        self._geef_terug = self.red.register_script(_GEEF_TERUG)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return int(self._geef_ticket(keys=[self.key_prefix + conversation_id],
                                     args=[conversation_id, time.time(), lock_lifetime]))

    def update_lock(self, conversation_id: Text) -> None:
        """Nothing to write: see the module's docstring."""

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self._geef_terug(keys=[self.key_prefix + conversation_id], args=[ticket_number])
