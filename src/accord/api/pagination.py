"""Page-numbered lists: `?page=2&page_size=100`.

A page size above the endpoint's maximum is lowered to it, so a script that
asks for everything gets the largest page, never an unbounded one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# A whole charter (a few hundred provisions) should fit in one page.
PROVISIONS_PAGE_SIZE = 500
PROVISIONS_MAX_PAGE_SIZE = 2000


class Pages(PaginationBase):
    """Ninja's page-number pagination, with the page and page size in the answer."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="1 for the first page.")
        page_size: int | None = Field(
            None, ge=1, description="Items per page; lowered to the endpoint's maximum."
        )

    class Output(Schema):
        count: int = Field(description="Items in the whole list, on all pages.")
        page: int
        page_size: int
        items: list[Any]

    def __init__(
        self,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_page_size: int = MAX_PAGE_SIZE,
        **kwargs: Any,
    ) -> None:
        self.page_size = page_size
        self.max_page_size = max_page_size
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page_size = min(pagination.page_size or self.page_size, self.max_page_size)
        offset = (pagination.page - 1) * page_size
        return {
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": page_size,
            "items": queryset[offset : offset + page_size],
        }
