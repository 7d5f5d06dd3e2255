package io.crmanalytics.ingest;

import io.crmanalytics.contract.Column;
import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every present entity's header must hold the contract's required columns. All sources are checked before
 * anything is written, and all problems are reported at once, so a broken export changes no table.
 */
final class HeaderCheck {
    private HeaderCheck() {
    }

    static void requireColumns(List<RawInput> inputs) {
        List<String> problems = new ArrayList<>();
        for (RawInput input : inputs) {
            if (input.columns().isEmpty()) {
                continue; // an empty file has no header: zero rows, nothing to check
            }
            List<String> missing = input.source().entity().requiredColumns().stream().map(Column::name)
                    .filter(name -> !input.columns().contains(name)).toList();
            if (!missing.isEmpty()) {
                problems.add(input.source().label() + " (entity " + input.source().entity().name()
                        + ") lacks required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserException("input rejected, nothing was written: " + String.join("; ", problems));
        }
    }
}
