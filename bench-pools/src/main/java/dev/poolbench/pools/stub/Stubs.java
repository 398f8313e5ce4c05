package dev.poolbench.pools.stub;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLFeatureNotSupportedException;

/** What the stub statement and result set share: their proxies, and the answers every JDBC object gives. */
final class Stubs {

    private Stubs() {
    }

    /** The constructor of {@code type}'s proxy class, looked up once so that each statement costs one allocation. */
    static Constructor<?> proxyConstructor(Class<?> type) {
        Object sample = Proxy.newProxyInstance(Stubs.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> null);
        try {
            return sample.getClass().getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a proxy class without its InvocationHandler constructor", e);
        }
    }

    static Object instantiate(Constructor<?> proxy, InvocationHandler handler) {
        try {
            return proxy.newInstance(handler);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not make a stub JDBC object", e);
        }
    }

    /** {@code value} as the type a getter returns: getLong, getInt, getString, getObject. */
    static Object as(Class<?> type, Object value) {
        if (type == long.class) {
            return ((Number) value).longValue();
        }
        if (type == int.class) {
            return ((Number) value).intValue();
        }
        if (type == String.class) {
            return String.valueOf(value);
        }
        if (type == boolean.class) {
            return Boolean.TRUE;
        }
        return value;
    }

    /**
     * The calls with one obvious answer (warnings, tuning hints, identity); anything else is refused with
     * {@link SQLFeatureNotSupportedException} naming the call.
     */
    static Object answerCommon(Object proxy, Method method, Object[] args, String what)
            throws SQLFeatureNotSupportedException {
        switch (method.getName()) {
            case "getWarnings":
                return null;
            case "clearWarnings":
            case "clearParameters":
            case "clearBatch":
            case "setQueryTimeout":
            case "setFetchSize":
            case "setFetchDirection":
            case "setMaxRows":
            case "setMaxFieldSize":
            case "setEscapeProcessing":
            case "setPoolable":
            case "setCursorName":
            case "closeOnCompletion":
                return null;
            case "getQueryTimeout":
            case "getFetchSize":
            case "getMaxRows":
            case "getMaxFieldSize":
                return 0;
            case "getFetchDirection":
                return java.sql.ResultSet.FETCH_FORWARD;
            case "isPoolable":
            case "isCloseOnCompletion":
            case "isWrapperFor":
                return Boolean.FALSE;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "stub " + what;
            default:
                throw new SQLFeatureNotSupportedException("the stub driver's " + what + " does not support "
                        + method.getName());
        }
    }
}
