package dev.pgapi.runtime.server;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** The accepted connection as Helidon's HTTP/1 connection sees it, reading through {@link RequestStream}. */
final class EdgeContext implements ConnectionContext {

    private final ConnectionContext accepted;
    private final DataReader reader;
    private final EdgeConnection connection;

    EdgeContext(ConnectionContext accepted, DataReader reader, EdgeConnection connection) {
        this.accepted = accepted;
        this.reader = reader;
        this.connection = connection;
    }

    /** The connection this context belongs to, for the listeners Helidon calls with the context. */
    EdgeConnection connection() {
        return connection;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return accepted.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return accepted.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return accepted.dataWriter();
    }

    @Override
    public Router router() {
        return accepted.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return accepted.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return accepted.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return accepted.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return accepted.localPeer();
    }

    @Override
    public boolean isSecure() {
        return accepted.isSecure();
    }

    @Override
    public String socketId() {
        return accepted.socketId();
    }

    @Override
    public String childSocketId() {
        return accepted.childSocketId();
    }
}
