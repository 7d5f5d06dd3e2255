package io.crmanalytics.cli;

import io.crmanalytics.core.InvalidOption;
import io.crmanalytics.core.UserException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Turns the domain's words back into the command's flags: an options record reports a bad value as an
 * {@link InvalidOption} naming its field ({@code maxRejectRate}); the command line shows it with the flag the user
 * typed ({@code --max-reject-rate}). A field's flag is its name in kebab case unless the command names another one
 * (a flag that carries a unit, such as {@code --future-tolerance-hours} for {@code futureTolerance}).
 */
final class OptionFlags {
    private OptionFlags() {
    }

    /** {@code build}, with an {@link InvalidOption} reworded with this command's flag when it has one. */
    static <T> T reworded(CommandSpec spec, Map<String, String> flagOfField, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidOption e) {
            String flag = flagOfField.getOrDefault(e.option(), kebab(e.option()));
            if (spec.findOption(flag) == null) {
                throw e;
            }
            throw new UserException(e.messageFor(flag), e);
        }
    }

    /** {@code maxRejectRate} as {@code --max-reject-rate}. */
    static String kebab(String field) {
        return "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
