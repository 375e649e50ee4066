"""Apple Podcasts' categories and their subcategories, as ``itunes:category`` names them.

Apple Podcasts recognizes only these (and only the first category a feed gives). In
``edition.toml`` a category is written ``"News"`` or, with a subcategory,
``"News > Daily News"`` (docs/architecture.md, "Feed").
"""

from __future__ import annotations

from typing import Any

SEPARATOR = " > "
"""Between a category and its subcategory in ``edition.toml``."""
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip


def split_category(value: str) -> tuple[str, str | None]:
    """``"News > Daily News"`` -> ``("News", "Daily News")``; ``"News"`` -> ``("News", None)``."""
    category, _, sub = value.partition(SEPARATOR.strip())
    return category.strip(), sub.strip() or None


def itunes_category(value: str) -> dict[str, str]:
    """The category as feedgen's ``itunes_category`` takes it (``cat``, and ``sub`` if any)."""
    category, sub = split_category(value)
    return {"cat": category, "sub": sub} if sub else {"cat": category}


def apple_category(value: Any) -> str | None:
    """``None`` for one of Apple's categories, optionally ``"Category > Subcategory"``."""
    category, sub = split_category(str(value))
    if category not in APPLE_CATEGORIES:
        return f"is not an Apple Podcasts category ({', '.join(APPLE_CATEGORIES)})"
    subs = APPLE_CATEGORIES[category]
    if sub is not None and sub not in subs:
        known = f"one of {', '.join(subs)}" if subs else "none"
        return f"is not a subcategory of {category} ({known})"
    return None
