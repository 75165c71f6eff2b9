package io.guanxi.customer.domain.duplicates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds likely duplicate pairs among customer records: blocking ({@link BlockingKeys}) proposes
 * candidate pairs, {@link PairScorer} scores them, and the thresholds sort them into bands.
 */
public final class DuplicateFinder {

    /** Where a scored pair lands. */
    public enum Band {
        /** So similar that merging needs no review. */
        AUTO,
        /** Likely the same customer; a person decides. */
        REVIEW
    }

    /** Thresholds of the bands; pairs below {@code review} are ignored. */
    public record Thresholds(double auto, double review, double minimumEvidence) {
        public static final Thresholds DEFAULT = new Thresholds(0.92, 0.45, 4.0);

        public Band band(PairScorer.Score score) {
            if (score.evidence() < minimumEvidence || score.value() < review) {
                return null;
            }
            return score.value() >= auto ? Band.AUTO : Band.REVIEW;
        }
    }

    /** A pair worth attention, lower id first. */
    public record Candidate(long left, long right, double score, Band band) {}

    /** What a run did, for progress reports and benchmarks. */
    public record Result(List<Candidate> candidates, long pairsCompared, int blocks, int oversizedBlocks) {}

    private final Thresholds thresholds;
    private final int maxBlockSize;

    public DuplicateFinder(Thresholds thresholds, int maxBlockSize) {
        this.thresholds = thresholds;
        this.maxBlockSize = maxBlockSize;
    }

    public Result find(List<MatchRecord> records) {
        Map<String, int[]> blocks = blocks(records);
        Map<Long, Candidate> found = new ConcurrentHashMap<>();
        LongAdder compared = new LongAdder();
        LongAdder oversized = new LongAdder();
        blocks.values().parallelStream().forEach(members -> {
            if (members.length > maxBlockSize) {
                oversized.increment();
                return;
            }
            for (int i = 0; i < members.length; i++) {
                MatchRecord a = records.get(members[i]);
                for (int j = i + 1; j < members.length; j++) {
                    MatchRecord b = records.get(members[j]);
                    long key = pairKey(members[i], members[j]);
                    if (found.containsKey(key)) {
                        continue;
                    }
                    compared.increment();
                    PairScorer.Score score = PairScorer.score(a, b);
                    Band band = thresholds.band(score);
                    if (band != null) {
                        long left = Math.min(a.id(), b.id());
                        long right = Math.max(a.id(), b.id());
                        found.putIfAbsent(key, new Candidate(left, right, score.value(), band));
                    }
                }
            }
        });
        List<Candidate> candidates = new ArrayList<>(found.values());
        candidates.sort((x, y) -> Double.compare(y.score(), x.score()));
        return new Result(candidates, compared.sum(), blocks.size(), oversized.intValue());
    }

    /** Every pair blocking proposes (as index pairs), to measure how many true pairs it keeps. */
    public java.util.Set<Long> candidatePairs(List<MatchRecord> records) {
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        for (int[] members : blocks(records).values()) {
            if (members.length > maxBlockSize) {
                continue;
            }
            for (int i = 0; i < members.length; i++) {
                for (int j = i + 1; j < members.length; j++) {
                    pairs.add(pairKey(members[i], members[j]));
                }
            }
        }
        return pairs;
    }

    private static Map<String, int[]> blocks(List<MatchRecord> records) {
        Map<String, int[]> blocks = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : BlockingKeys.of(records.get(i))) {
                int[] members = blocks.get(key);
                int size = sizes.getOrDefault(key, 0);
                if (members == null) {
                    members = new int[2];
                } else if (size == members.length) {
                    members = Arrays.copyOf(members, size * 2);
                }
                members[size] = i;
                blocks.put(key, members);
                sizes.put(key, size + 1);
            }
        }
        Map<String, int[]> trimmed = new HashMap<>(blocks.size() * 2);
        blocks.forEach((key, members) -> {
            int size = sizes.get(key);
            if (size > 1) {
                trimmed.put(key, Arrays.copyOf(members, size));
            }
        });
        return trimmed;
    }

    /** Index pair as one long, smaller index first. */
    public static long pairKey(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }
}
