package dev.pgapi.runtime.http;

/**
 * What a request does to its resource: a read, a call, or one of the write modes. Decides which preferences its
 * response honours ({@link Preferences#applied}) and, for an insert, the conflict handling.
 */
enum Operation {
    READ,
    CALL,
    /** {@code POST} without a usable {@code resolution=} (no conflict target). */
    INSERT,
    /** {@code POST} with {@code resolution=merge-duplicates}: {@code ON CONFLICT DO UPDATE}. */
    UPSERT_MERGE,
    /** {@code POST} with {@code resolution=ignore-duplicates}: {@code ON CONFLICT DO NOTHING}. */
    UPSERT_IGNORE,
    PUT,
    PATCH,
    DELETE;

    /** The insert mode {@code resolution} asks for, when the relation has a conflict target. */
    static Operation insert(Preferences.Resolution resolution, boolean hasConflictTarget) {
        if (resolution == null || !hasConflictTarget) {
            return INSERT;
        }
        return switch (resolution) {
            case MERGE_DUPLICATES -> UPSERT_MERGE;
            case IGNORE_DUPLICATES -> UPSERT_IGNORE;
        };
    }

    boolean writes() {
        return this != READ && this != CALL;
    }

    /** {@code resolution=} is honoured. */
    boolean resolves() {
        return this == UPSERT_MERGE || this == UPSERT_IGNORE;
    }

    /** {@code missing=} is honoured (PUT writes the one row it is given). */
    boolean fillsMissing() {
        return this == INSERT || resolves() || this == PATCH;
    }

    /** {@code max-affected} is honoured (with {@code handling=strict}). */
    boolean limitsAffected() {
        return this == PATCH || this == DELETE || this == CALL;
    }
}
