package io.crmanalytics.rootcause;

import io.crmanalytics.core.UserException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Integer codes for the factor terms of one run. Codes follow the terms' canonical order (dimension name, then
 * value), so a unit's sorted codes list its terms in the order {@link Itemset} writes them, and an itemset of k
 * terms packs into one {@code long} of k codes of {@link #bitsPerCode()} bits each.
 */
final class TermDictionary {
    private final List<Itemset.Term> terms;
    private final Map<String, Integer> codes = new HashMap<>();
    private final int bitsPerCode;

    TermDictionary(Collection<Itemset.Term> distinctTerms) {
        List<Itemset.Term> sorted = new ArrayList<>(distinctTerms);
        sorted.sort(Comparator.comparing(Itemset.Term::dimension).thenComparing(Itemset.Term::value));
        this.terms = List.copyOf(sorted);
        for (int i = 0; i < terms.size(); i++) {
            codes.put(terms.get(i).key(), i);
        }
        this.bitsPerCode = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, terms.size() - 1)));
    }

    int size() {
        return terms.size();
    }

    int bitsPerCode() {
        return bitsPerCode;
    }

    Itemset.Term term(int code) {
        return terms.get(code);
    }

    /** The code of a term, or -1 when the run has no such term. */
    int code(Itemset.Term term) {
        return codes.getOrDefault(term.key(), -1);
    }

    /** Fails clearly when itemsets of {@code maxFactors} terms would not pack into a long. */
    void checkPackable(int maxFactors) {
        if ((long) maxFactors * bitsPerCode > 63) {
            throw new UserException("too many distinct factor values (" + terms.size() + ") for --max-factors "
                    + maxFactors + ": choose fewer --dimensions or a smaller --max-factors");
        }
    }

    /** The packed key of an itemset whose terms all have codes, or -1. */
    long key(Itemset itemset) {
        long key = 0;
        for (Itemset.Term term : itemset.terms()) {
            int code = code(term);
            if (code < 0) {
                return -1;
            }
            key = (key << bitsPerCode) | code;
        }
        return key;
    }

    Itemset itemset(long key, int size) {
        List<Itemset.Term> found = new ArrayList<>(size);
        long mask = (1L << bitsPerCode) - 1;
        for (int i = 0; i < size; i++) {
            found.add(terms.get((int) ((key >>> ((long) (size - 1 - i) * bitsPerCode)) & mask)));
        }
        return new Itemset(found);
    }
}
