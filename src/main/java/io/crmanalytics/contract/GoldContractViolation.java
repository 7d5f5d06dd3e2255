package io.crmanalytics.contract;

/**
 * A job wrote rows that do not match {@link GoldContract}: a bug in the job or the contract, not in the user's data,
 * so not a {@code UserException}; its message is still the one line the CLI prints, naming the table and column.
 */
public final class GoldContractViolation extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GoldContractViolation(String message) {
        super(message);
    }
}
