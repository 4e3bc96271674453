"""A bounded in-process memo, for what pages keep in memory between requests (rendered
fragments and pages, comparison results, survey facts): look up by key, remember, and forget
the least recently used once past a budget (a count, or bytes with a weight function)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from threading import Lock


def _one(_value: object) -> int:
    return 1


class BoundedMemo[V]:
    def __init__(self, budget: int, weight: Callable[[V], int] = _one):
        self.budget = budget
        self._weight = weight
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = Lock()
        self.total = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.total -= self._weight(old)
            self._items[key] = value
            self.total += self._weight(value)
            while self.total > self.budget and self._items:
                _key, evicted = self._items.popitem(last=False)
                self.total -= self._weight(evicted)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.total = 0

    def values(self) -> Iterator[V]:
        return iter(list(self._items.values()))
