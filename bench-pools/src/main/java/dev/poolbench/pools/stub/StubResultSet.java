package dev.poolbench.pools.stub;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The canned answer of a {@link StubStatement}: one row, every column of it the same value. */
final class StubResultSet implements InvocationHandler {

    private static final Constructor<?> PROXY = Stubs.proxyConstructor(ResultSet.class);

    private final Statement statement;
    private final Object value;
    private int row;
    private boolean closed;

    private StubResultSet(Statement statement, Object value) {
        this.statement = statement;
        this.value = value;
    }

    static ResultSet create(Statement statement, Object value) {
        return (ResultSet) Stubs.instantiate(PROXY, new StubResultSet(statement, value));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
        String name = method.getName();
        switch (name) {
            case "next":
                open(name);
                return ++row == 1;
            case "close":
                closed = true;
                return null;
            case "isClosed":
                return closed;
            case "wasNull":
                return Boolean.FALSE;
            case "getStatement":
                return statement;
            case "findColumn":
                return 1;
            case "getType":
                return ResultSet.TYPE_FORWARD_ONLY;
            case "getConcurrency":
                return ResultSet.CONCUR_READ_ONLY;
            default:
                break;
        }
        if (name.startsWith("get") && args != null && args.length == 1) {
            open(name);
            if (row != 1) {
                throw new SQLException("the stub result set is not on its row: " + name);
            }
            return Stubs.as(method.getReturnType(), value);
        }
        return Stubs.answerCommon(proxy, method, args, "result set");
    }

    private void open(String call) throws SQLException {
        if (closed) {
            throw new SQLException("this stub result set is closed: " + call);
        }
    }
}
