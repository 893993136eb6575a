"""Which way each feature points, and which kind of evidence it is.

The default model may use a feature only in the direction stated here: more of a suspicious signal
never lowers a score. A feature whose direction is not known from the domain (``0``) is not used
by the default model at all, so that it cannot learn a quirk of the worlds it was trained on.

Kinds group the features that say one thing about an account. Three kinds are evidence on their
own: acting with others (``coordination``), writing what others write (``copying``) and the
profile (``profile``). What any single person may do (comment a lot, quickly, at office hours, in
praise, repeating herself) is ``behaviour``: it can add to the other kinds but never flag an
account alone (see :class:`botwatch.models.BotClassifier`, ``kind_max``).
"""

from __future__ import annotations

__all__ = ["FEATURE_DIRECTIONS", "FEATURE_KINDS", "KIND_MAX", "WEAK_KINDS"]

# name -> (direction, kind): +1 higher is more suspicious, -1 lower is, 0 not used.
_TABLE: dict[str, tuple[int, str]] = {
    "n_comments_log": (1, "behaviour"),
    "n_posts_log": (1, "behaviour"),
    "n_pages": (0, "behaviour"),
    "top_page_share": (0, "behaviour"),
    "comments_per_post": (0, "behaviour"),
    "active_days_log": (0, "behaviour"),
    "delay_median_log": (-1, "behaviour"),
    "fast_share": (1, "behaviour"),
    "office_share": (1, "behaviour"),
    "night_share": (0, "behaviour"),
    "hour_entropy": (0, "behaviour"),
    "gap_cv": (0, "behaviour"),
    "burst_share": (1, "behaviour"),
    "chars_log": (0, "behaviour"),
    "empty_share": (1, "behaviour"),
    "emoji_only_share": (1, "behaviour"),
    "link_share": (1, "behaviour"),
    "self_repeat_share": (1, "behaviour"),
    "near_copy_share": (1, "copying"),
    "near_copy_accounts_log": (1, "copying"),
    "post_copy_share": (1, "copying"),
    "shared_phrase_share": (1, "behaviour"),
    "praise_share": (1, "behaviour"),
    "attack_share": (1, "behaviour"),
    "complaint_share": (0, "behaviour"),
    "question_share": (0, "behaviour"),
    "reply_share": (0, "behaviour"),
    "reply_to_critic_share": (1, "behaviour"),
    "mixed_script_share": (0, "behaviour"),
    "age_days_log": (-1, "profile"),
    "followers_log": (-1, "profile"),
    "following_log": (0, "profile"),
    "follow_ratio_log": (-1, "profile"),
    "posts_per_day_log": (0, "profile"),
    "posts_log": (-1, "profile"),
    "bio_chars_log": (-1, "profile"),
    "has_avatar": (-1, "profile"),
    "is_verified": (-1, "profile"),
    "handle_digits": (1, "profile"),
    "handle_vowel_share": (0, "profile"),
    "created_same_days_log": (0, "profile"),
    "created_burst_ratio": (1, "profile"),
    "id_neighbors_log": (1, "profile"),
    "co_comment_partners_log": (1, "coordination"),
    "co_comment_strength": (1, "coordination"),
    "lockstep_partners_log": (1, "coordination"),
    "co_post_partners_log": (1, "coordination"),
    "co_post_weak_partners_log": (1, "coordination"),
    "near_dup_partners_log": (1, "copying"),
    "near_dup_strength": (1, "copying"),
    "line_partners_log": (1, "copying"),
    "cluster_size_log": (1, "coordination"),
    "cluster_density": (1, "coordination"),
    "cluster_burst_share": (1, "coordination"),
}

FEATURE_DIRECTIONS: dict[str, int] = {name: d for name, (d, _) in _TABLE.items()}
"""+1 where more of the feature is more suspicious, -1 where less is, 0 where the default model
does not use it."""

FEATURE_KINDS: dict[str, str] = {name: k for name, (_, k) in _TABLE.items()}
"""The kind of evidence each feature belongs to."""

WEAK_KINDS: tuple[str, ...] = ("behaviour",)
"""Kinds that can never flag an account on their own, and never lower its score: what looks
ordinary in them (few comments, no praise words, a calm rhythm) is no evidence that an account is
genuine, since a word list covers few languages and a farm can keep any rhythm."""

KIND_MAX: dict[str, float] = {"behaviour": 0.3, "coordination": 0.9, "copying": 0.9, "profile": 0.9}
"""The highest score one kind of evidence can give an otherwise typical account: behaviour alone
stays below the default threshold, and a score of 0.99 or more needs two kinds at least."""
