"""Django's Redis cache, made to degrade: with Redis unreachable, the site runs uncached.

Every read becomes a miss and every write is skipped, and the outage is logged (at most once a
minute per process). Writes lost during an outage may include invalidations (caching.page_cache
replaces its generation token on publish), so when Redis answers again the first process to
notice clears it: stale pages cannot come back with it.

Built on the public methods of Django's RedisCache (each wrapped, none of its internals used).
django-redis was weighed and not taken: see "Kept hand-written" in docs/reliability.md.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60


def unreachable(backend):
    """Whether the last use of ``backend`` found it unreachable, so that a False from ``add``
    meant "could not ask", not "already there". Always False for other backends."""
    return getattr(backend, "in_outage", False)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.in_outage = False
        self.last_logged = 0.0

    def call(self, method, fallback, *args):
        """``method(*args)``, or ``fallback`` while Redis cannot be reached."""
        try:
            result = method(*args)
        except UNREACHABLE as error:
            self.note_outage(error)
            return fallback
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

    # Django's cache API, method by method. decr, get_or_set and incr_version come from
    # BaseCache, which builds them on these.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self.call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self.call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self.call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self.call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            result = super().incr(key, delta, version)
        except UNREACHABLE as error:
            self.note_outage(error)
            # Django's answer for a key that is not there, which callers already handle.
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error
        if self.in_outage:
            self.recover()
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.call(super().set_many, [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self.call(super().delete_many, None, keys, version)

    def clear(self):
        return self.call(super().clear, False)
