"""Books the library owns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Book:
    id: str
    title: str
    author: str
    reference: bool = False  # reference books never leave the library


class Catalog:
    def __init__(self, books: list[Book] | None = None) -> None:
        self._books = {b.id: b for b in books or []}

    def add(self, book: Book) -> None:
        self._books[book.id] = book

    def get(self, book_id: str) -> Book:
        try:
            return self._books[book_id]
        except KeyError:
            raise KeyError(f"no book {book_id!r}") from None

    def search(self, text: str) -> list[Book]:
        text = text.lower()
        return sorted(
            (b for b in self._books.values() if text in b.title.lower() or text in b.author.lower()),
            key=lambda b: b.title,
        )
