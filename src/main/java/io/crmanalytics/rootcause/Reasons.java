package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.List;

/** The complaint reasons a run analyses, {@code all} first; indexes match {@link GroupCounts#complaints()}. */
public record Reasons(List<String> names) {
    public static final String ALL = "all";

    /** {@code all} followed by the given specific reasons. */
    public static Reasons allAnd(List<String> specific) {
        List<String> names = new ArrayList<>();
        names.add(ALL);
        specific.stream().filter(r -> !ALL.equals(r)).sorted().forEach(names::add);
        return new Reasons(List.copyOf(names));
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }
}
