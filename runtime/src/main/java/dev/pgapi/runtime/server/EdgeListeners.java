package dev.pgapi.runtime.server;

import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/** Tell each {@link EdgeConnection} where its current request is: Helidon calls them as it reads and writes. */
final class EdgeListeners {

    /** Request side: the headers are complete, and may ask to close the connection after the response. */
    static final Http1ConnectionListener RECEIVE = new Http1ConnectionListener() {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof EdgeContext edge) {
                edge.connection().headersRead(headers.containsToken(HeaderValues.CONNECTION_CLOSE));
            }
        }
    };

    /** Response side: the response starts, and may say it closes the connection (an error on a broken body). */
    static final Http1ConnectionListener SEND = new Http1ConnectionListener() {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof EdgeContext edge) {
                edge.connection().responseStarted(headers.containsToken(HeaderValues.CONNECTION_CLOSE));
            }
        }
    };

    private EdgeListeners() {}
}
