"""Django's Redis cache, made to degrade: with Redis unreachable, the site runs uncached.

Every read becomes a miss and every write is skipped, and the outage is logged (at most once a
minute per process). Writes lost during an outage may include invalidations (core.page_cache
replaces its generation token on publish), so when Redis answers again the first process to
notice clears it: stale pages cannot come back with it.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import compat

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60

# What each method returns when Redis cannot be reached ("get" returns the caller's default).
FALLBACKS = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_outage = False
        self.last_logged = 0.0

    def call(self, name, *args):
        try:
            result = getattr(super(), name)(*args)
        except UNREACHABLE as error:
            self.note_outage(error)
            return args[1] if name == "get" else FALLBACKS[name]
        if self.in_outage:
            self.recover()
        return result

    def note_outage(self, error):
        self.in_outage = True
        now = time.monotonic()
        if now - self.last_logged >= LOG_EVERY_SECONDS:
            self.last_logged = now
            logger.error("Cache unreachable, serving without it: %s", error)

    def recover(self):
        self.in_outage = False
        try:
            super().clear()
        except UNREACHABLE as error:
            self.note_outage(error)
            return
        logger.warning("Cache reachable again: cleared it, as writes during the outage were lost")

    def add(self, key, value, timeout):
        return self.call("add", key, value, timeout)

    def get(self, key, default):
        return self.call("get", key, default)

    def set(self, key, value, timeout):
        return self.call("set", key, value, timeout)

    def touch(self, key, timeout):
        return self.call("touch", key, timeout)

    def delete(self, key):
        return self.call("delete", key)

    def get_many(self, keys):
        return self.call("get_many", keys)

    def has_key(self, key):
        return self.call("has_key", key)

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNREACHABLE as error:
            self.note_outage(error)
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error

    def set_many(self, data, timeout):
        return self.call("set_many", data, timeout)

    def delete_many(self, keys):
        return self.call("delete_many", keys)

    def clear(self):
        return self.call("clear")


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        compat.use_redis_client(self, ResilientRedisCacheClient)
