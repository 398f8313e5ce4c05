package dev.poolbench.pools.stub;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A statement of {@link StubConnection}'s, prepared or not: every query answers one row whose one column is the
 * first parameter set (or 1), so {@code SELECT ... WHERE id = ?} reads back its id. A dynamic proxy, made through a
 * constructor looked up once; the calls it answers are those a borrower and the pools' statement wrappers make.
 */
final class StubStatement implements InvocationHandler {

    private static final Constructor<?> PROXY = Stubs.proxyConstructor(PreparedStatement.class);

    private final Connection connection;
    private Object parameter = 1L;
    private boolean closed;

    private StubStatement(Connection connection) {
        this.connection = connection;
    }

    static PreparedStatement create(Connection connection) {
        return (PreparedStatement) Stubs.instantiate(PROXY, new StubStatement(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
        String name = method.getName();
        switch (name) {
            case "executeQuery":
                open(name);
                return StubResultSet.create((PreparedStatement) proxy, parameter);
            case "execute":
                open(name);
                return Boolean.TRUE;
            case "getResultSet":
                return StubResultSet.create((PreparedStatement) proxy, parameter);
            case "executeUpdate":
                open(name);
                return 1;
            case "getUpdateCount":
                return -1;
            case "getMoreResults":
                return Boolean.FALSE;
            case "close":
                closed = true;
                return null;
            case "isClosed":
                return closed;
            case "getConnection":
                return connection;
            default:
                break;
        }
        if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer) {
            if ((Integer) args[0] == 1) {
                parameter = args[1];
            }
            return null;
        }
        return Stubs.answerCommon(proxy, method, args, "statement");
    }

    private void open(String call) throws SQLException {
        if (closed) {
            throw new SQLException("this stub statement is closed: " + call);
        }
    }
}
