package io.ibasho.event.feed;

/** Where a session stands as the public feed shows it. */
public enum FeedStatus {
    PUBLISHED,
    /** Published, then changed; the entry's sequence tells calendar apps to replace their copy. */
    CHANGED,
    CANCELLED,
    /** Took place; stays in the feed so calendars keep the history. */
    COMPLETED
}
