package dev.poolbench.core.pool;

import dev.poolbench.core.db.ForwardingConnection;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A physical connection lent to one borrower ({@code static} lends the same one to many, one lease each).
 * Its {@code close()} gives the connection back exactly once; afterwards every call fails, so a borrower
 * that kept a reference cannot use a connection that has meanwhile been lent to someone else.
 */
final class Lease extends ForwardingConnection {

    /** What a lease's owner does with the physical connection once it is given back. */
    interface GiveBack {
        void giveBack(Connection physical) throws SQLException;
    }

    private static final Connection RETURNED = (Connection) Proxy.newProxyInstance(
            Lease.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "isClosed": return true;
                    case "close": return null;
                    case "toString": return "returned connection";
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default: throw new SQLException("this connection has already been returned to the pool", "08003");
                }
            });

    private final GiveBack owner;

    Lease(Connection physical, GiveBack owner) {
        super(physical);
        this.owner = owner;
    }

    @Override
    public void close() throws SQLException {
        Connection physical = delegate;
        if (physical == RETURNED) {
            return;
        }
        delegate = RETURNED;
        owner.giveBack(physical);
    }
}
