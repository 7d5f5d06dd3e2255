package io.crmanalytics.core;

import java.util.Locale;

/**
 * A job option out of its domain, reported in the domain's words ({@code "fdr must be between 0 and 1, got 2"}):
 * an options record knows its fields, not how a front end spells them. The CLI rewrites the message with its flag
 * ({@link #messageFor}: {@code "--fdr must be between 0 and 1, got 2"}).
 */
public final class InvalidOption extends UserException {
    private static final long serialVersionUID = 1L;
    /** Where the option's name goes in a message template. */
    public static final String OPTION = "{option}";

    private final String option;
    private final String template;

    /**
     * @param option   the options record's component, e.g. {@code serviceLevelSeconds}
     * @param template the message with {@link #OPTION} where the option's name goes
     */
    public InvalidOption(String option, String template) {
        super(template.replace(OPTION, words(option)));
        this.option = option;
        this.template = template;
    }

    /** The options record's component the message is about. */
    public String option() {
        return option;
    }

    /** The message with the option named as the caller spells it (a CLI flag, a config key). */
    public String messageFor(String name) {
        return template.replace(OPTION, name);
    }

    /** {@code serviceLevelSeconds} as {@code service level seconds}. */
    static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
