package dev.poolbench.core.config;

/**
 * A bad setting: the message names the setting, the value it was given and what is accepted, in one
 * line, so the entry point can print it as it is and stop before any database work.
 */
public final class SettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    /** "{name} = '{value}' is not accepted: {accepted}". */
    public static SettingsException badValue(String name, Object value, String accepted) {
        return new SettingsException(name + " = '" + value + "' is not accepted: " + accepted);
    }
}
