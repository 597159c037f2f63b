package dev.pgapi.bench;

import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.ReadQueryParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The query string of a read, decoded and parsed ({@code QueryString} + {@code Grammar} via ReadQueryParser). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryParserBenchmark {

    /** The bench scenarios' query strings, plus a busy one with embedding, logic and JSON paths. */
    @Param({
            "id=eq.42",
            "select=id,title,published,author_id&id=gt.500&order=id&limit=20",
            "select=id,title,author:authors(name),readers(*)&or=(published.gte.1970-01-01,tags.cs.%7Bclassic%7D)"
                    + "&title=ilike.*earth*&data->>kind=eq.x&order=published.desc.nullslast,id&limit=50&offset=100"
    })
    public String query;

    @Benchmark
    public ReadQuery parse() {
        return ReadQueryParser.parse(QueryString.parse(query));
    }
}
