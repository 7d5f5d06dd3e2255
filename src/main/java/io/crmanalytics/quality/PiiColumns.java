package io.crmanalytics.quality;

import io.crmanalytics.contract.Column;
import io.crmanalytics.contract.DataContract;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which column names count as personal data outside silver: every column the contract marks PII (and name,
 * email, phone in any case), plus the usual renamed copies of them such as {@code customer_email} or
 * {@code phone_number}. Names are matched whole, so {@code contacts_90d_email} (a count) is not PII.
 */
public final class PiiColumns {
    private static final Set<String> CONTRACT_PII = contractPii();
    private static final Set<String> RENAMED_COPIES = Set.of("customer_name", "customer_email", "customer_phone",
            "first_name", "last_name", "full_name", "email_address", "phone_number", "mobile", "mobile_phone");

    private PiiColumns() {
    }

    private static Set<String> contractPii() {
        Set<String> names = new TreeSet<>(List.of("name", "email", "phone"));
        DataContract.ENTITIES.forEach(entity -> entity.columns().stream().filter(Column::pii)
                .forEach(column -> names.add(column.name())));
        return Set.copyOf(names);
    }

    /** The contract's PII column names (plus name, email, phone), sorted. */
    public static Set<String> contractNames() {
        return new TreeSet<>(CONTRACT_PII);
    }

    public static boolean isPii(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return CONTRACT_PII.contains(lower) || RENAMED_COPIES.contains(lower);
    }

    /** The PII columns among {@code columns}, in their order. */
    public static List<String> find(String[] columns) {
        return Arrays.stream(columns).filter(PiiColumns::isPii).toList();
    }
}
