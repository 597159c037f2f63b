package dev.pgapi.runtime.http;

/**
 * Hand-written work inside a request's transaction (see {@link ApiRuntime#transaction}). It returns the response
 * to send once the transaction has ended; an exception rolls the transaction back and is answered as PostgREST would.
 */
@FunctionalInterface
public interface RequestWork {
    Reply run(RequestContext ctx) throws Exception;
}
