package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.error.Json;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.List;
import java.util.stream.Collectors;

/** Picks the relationship an embed {@code target!hint(...)} follows, with PostgREST's rules and errors. */
final class Relationships {

    private static final double SIMILAR = 0.5;

    private Relationships() {}

    /** The single matching relationship, else PGRST200 (none) or PGRST201 (several). */
    static RelationshipInfo find(RelationInfo origin, String target, String hint) {
        List<RelationshipInfo> matches = origin.relationships().stream()
                .filter(r -> matches(origin, r, target, hint))
                .toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            throw noRelationship(origin, target, hint);
        }
        throw ambiguous(origin, target, matches);
    }

    private static boolean matches(RelationInfo origin, RelationshipInfo r, String target, String hint) {
        if (r.computed() != null) {
            // a computed relationship is named by its function; PostgREST ignores a hint on it
            return target.equals(r.computed().function());
        }
        boolean self = r.targetSchema().equals(origin.schema()) && r.target().equals(origin.name());
        boolean m2m = r.cardinality() == RelationshipInfo.Cardinality.MANY_TO_MANY;
        boolean single = !m2m && r.columns().size() == 1;
        boolean toMany = r.cardinality() == RelationshipInfo.Cardinality.ONE_TO_MANY;
        boolean manyToOne = r.cardinality() == RelationshipInfo.Cardinality.MANY_TO_ONE;
        if (self) {
            if (hint == null) {
                // the table name gives the children, the key column the parent
                return target.equals(r.target()) && toMany
                        || single && target.equals(r.columns().getFirst()) && manyToOne;
            }
            return target.equals(r.target())
                    && toMany
                    && single
                    && hint.equals(r.targetColumns().getFirst());
        }
        if (hint == null) {
            return target.equals(r.target())
                    || !m2m && target.equals(r.constraint()) && !r.targetIsView()
                    || single && target.equals(r.columns().getFirst()) && !r.targetIsView();
        }
        return target.equals(r.target())
                && (!m2m && hint.equals(r.constraint())
                        || single && hint.equals(r.columns().getFirst())
                        || single && hint.equals(r.targetColumns().getFirst())
                        || m2m && hint.equals(r.junction().name()));
    }

    private static ApiError noRelationship(RelationInfo origin, String target, String hint) {
        String details = "Searched for a foreign key relationship between '" + origin.name() + "' and '" + target
                + (hint == null ? "" : "' using the hint '" + hint) + "' in the schema '" + origin.schema()
                + "', but no matches were found.";
        String suggestion = Names.closest(
                        target,
                        origin.relationships().stream()
                                .map(RelationshipInfo::target)
                                .distinct()
                                .filter(t -> !t.equals(target))
                                .toList(),
                        SIMILAR)
                .map(t -> "Perhaps you meant '" + t + "' instead of '" + target + "'.")
                .orElse(null);
        return ApiErrors.noRelationship(origin.name(), target, details, suggestion);
    }

    private static ApiError ambiguous(RelationInfo origin, String target, List<RelationshipInfo> matches) {
        String details = matches.stream()
                .map(r -> "{\"cardinality\":" + Json.quote(r.cardinality().label())
                        + ",\"embedding\":" + Json.quote(origin.name() + " with " + r.target())
                        + ",\"relationship\":" + Json.quote(describe(origin, r)) + "}")
                .collect(Collectors.joining(",", "[", "]"));
        String options = matches.stream()
                .map(r -> "'" + r.target() + "!"
                        + (r.junction() == null ? r.constraint() : r.junction().name()) + "'")
                .collect(Collectors.joining(", "));
        return ApiErrors.ambiguousRelationship(origin.name(), target, details, options);
    }

    private static String describe(RelationInfo origin, RelationshipInfo r) {
        if (r.junction() != null) {
            RelationshipInfo.Junction j = r.junction();
            return j.name() + " using " + j.sourceConstraint() + list(j.sourceColumns()) + " and "
                    + j.targetConstraint() + list(j.targetColumns());
        }
        return r.constraint() + " using " + origin.name() + list(r.columns()) + " and " + r.target()
                + list(r.targetColumns());
    }

    private static String list(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }
}
