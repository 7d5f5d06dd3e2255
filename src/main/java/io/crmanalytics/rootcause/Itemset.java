package io.crmanalytics.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A group of shipments described by factor terms {@code dimension=value}, kept in dimension-name order (then value)
 * so that one group has exactly one spelling. {@link #key()} is the internal form the Spark passes group by
 * (terms joined by a control character no data value contains); {@link #factors()} is the reported form.
 */
public record Itemset(List<Term> terms) {
    static final char SEPARATOR = '\u001F';
    private static final Comparator<Term> ORDER = Comparator.comparing(Term::dimension).thenComparing(Term::value);

    /** One factor term. */
    public record Term(String dimension, String value) {
        /** The item as the Spark passes carry it per shipment: {@code dimension=value}. */
        public String key() {
            return dimension + "=" + value;
        }

        static Term parse(String key) {
            int eq = key.indexOf('=');
            return new Term(key.substring(0, eq), key.substring(eq + 1));
        }
    }

    public Itemset {
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort(ORDER);
        terms = List.copyOf(sorted);
    }

    public static Itemset of(Term... terms) {
        return new Itemset(List.of(terms));
    }

    public static Itemset parseKey(String key) {
        List<Term> terms = new ArrayList<>();
        for (String part : key.split(String.valueOf(SEPARATOR))) {
            terms.add(Term.parse(part));
        }
        return new Itemset(terms);
    }

    public String key() {
        StringBuilder out = new StringBuilder();
        for (Term term : terms) {
            if (!out.isEmpty()) {
                out.append(SEPARATOR);
            }
            out.append(term.key());
        }
        return out.toString();
    }

    /** The reported form, e.g. {@code carrier=SwiftShip AND warehouse=WH-2}. */
    public String factors() {
        return String.join(" AND ", terms.stream().map(Term::key).toList());
    }

    public int size() {
        return terms.size();
    }

    /** The subsets with one term fewer: the "parts" a combination must beat. */
    public List<Itemset> parts() {
        List<Itemset> parts = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            List<Term> rest = new ArrayList<>(terms);
            rest.remove(i);
            parts.add(new Itemset(rest));
        }
        return parts;
    }

    /** Whether two terms share a dimension (a shipment with two categories has both, but no group is "A and B"). */
    boolean repeatsDimension() {
        for (int i = 1; i < terms.size(); i++) {
            if (terms.get(i).dimension().equals(terms.get(i - 1).dimension())) {
                return true;
            }
        }
        return false;
    }

    /** The union of two itemsets, or null when it is not one term larger or repeats a dimension. */
    Itemset join(Itemset other) {
        List<Term> union = new ArrayList<>(terms);
        for (Term term : other.terms) {
            if (!union.contains(term)) {
                union.add(term);
            }
        }
        if (union.size() != terms.size() + 1) {
            return null;
        }
        Itemset joined = new Itemset(union);
        return joined.repeatsDimension() ? null : joined;
    }
}
