package dev.pgapi.runtime.query;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** PostgREST's filter operators and the SQL each one stands for. */
public enum Operator {
    EQ("eq", "=", true),
    NEQ("neq", "<>", false),
    GT("gt", ">", true),
    GTE("gte", ">=", true),
    LT("lt", "<", true),
    LTE("lte", "<=", true),
    LIKE("like", "LIKE", true),
    ILIKE("ilike", "ILIKE", true),
    MATCH("match", "~", true),
    IMATCH("imatch", "~*", true),
    IN("in", "= ANY", false),
    IS("is", "IS", false),
    ISDISTINCT("isdistinct", "IS DISTINCT FROM", false),
    FTS("fts", "to_tsquery", false),
    PLFTS("plfts", "plainto_tsquery", false),
    PHFTS("phfts", "phraseto_tsquery", false),
    WFTS("wfts", "websearch_to_tsquery", false),
    CS("cs", "@>", false),
    CD("cd", "<@", false),
    OV("ov", "&&", false),
    SL("sl", "<<", false),
    SR("sr", ">>", false),
    NXR("nxr", "&<", false),
    NXL("nxl", "&>", false),
    ADJ("adj", "-|-", false);

    private static final Map<String, Operator> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Operator::keyword, Function.identity()));

    private final String keyword;
    private final String sql;
    private final boolean quantifiable;

    Operator(String keyword, String sql, boolean quantifiable) {
        this.keyword = keyword;
        this.sql = sql;
        this.quantifiable = quantifiable;
    }

    /** The operator named in the URL. */
    public String keyword() {
        return keyword;
    }

    /** The SQL operator or function. */
    public String sql() {
        return sql;
    }

    /** Whether {@code (any)} / {@code (all)} may follow it. */
    public boolean quantifiable() {
        return quantifiable;
    }

    public boolean isFullTextSearch() {
        return this == FTS || this == PLFTS || this == PHFTS || this == WFTS;
    }

    public static Optional<Operator> byKeyword(String keyword) {
        return Optional.ofNullable(BY_NAME.get(keyword.toLowerCase(Locale.ROOT)));
    }
}
