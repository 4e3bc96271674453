"""The Redis cache keeps one client per connection pool instead of one per call."""

from config.redis_cache import RedisCache


def test_cache_calls_share_one_client_per_pool():
    cache = RedisCache("redis://127.0.0.1:6379/1", {})
    reader = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is reader
    assert cache._cache.get_client("a", write=True) is cache._cache.get_client("c", write=True)
