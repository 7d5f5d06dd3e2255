package io.crmanalytics.rootcause;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LevelCounter} over encoded units wherever they are kept: the job's Spark cache ({@link EncodedUnits})
 * or a plain list in a test. Turns candidate itemsets into packed keys, runs one {@link LevelTally} over all units,
 * and turns the summed slots back into itemsets.
 */
final class EncodedLevelCounter implements LevelCounter {
    /** Runs a tally over every unit and returns the sum of its arrays. */
    interface Units {
        long[] tally(LevelTally tally);
    }

    private final TermDictionary dictionary;
    private final Reasons reasons;
    private final Units units;

    EncodedLevelCounter(TermDictionary dictionary, Reasons reasons, Units units) {
        if (reasons.size() > 63) {
            throw new IllegalArgumentException("at most 63 complaint reasons per run, got " + reasons.size());
        }
        this.dictionary = dictionary;
        this.reasons = reasons;
        this.units = units;
    }

    @Override
    public GroupCounts totals() {
        long[] counts = units.tally(new LevelTally(0, new long[0], dictionary.size(), dictionary.bitsPerCode(),
                reasons.size()));
        return group(counts, 0);
    }

    @Override
    public Map<Itemset, GroupCounts> count(int level, Set<Itemset> candidates) {
        long[] keys;
        if (level == 1) {
            keys = new long[dictionary.size()];
            for (int code = 0; code < keys.length; code++) {
                keys[code] = code;
            }
        } else {
            keys = candidates.stream().mapToLong(dictionary::key).filter(k -> k >= 0).toArray();
        }
        LevelTally tally = new LevelTally(level, keys, dictionary.size(), dictionary.bitsPerCode(), reasons.size());
        long[] counts = units.tally(tally);
        long[] sorted = tally.sortedKeys();
        Map<Itemset, GroupCounts> result = new HashMap<>();
        for (int slot = 0; slot < sorted.length; slot++) {
            GroupCounts group = group(counts, slot);
            if (group.shipments() > 0) {
                result.put(dictionary.itemset(sorted[slot], level), group);
            }
        }
        return result;
    }

    private GroupCounts group(long[] counts, int slot) {
        int width = 1 + reasons.size();
        long[] complaints = new long[reasons.size()];
        System.arraycopy(counts, slot * width + 1, complaints, 0, complaints.length);
        return new GroupCounts(counts[slot * width], complaints);
    }
}
