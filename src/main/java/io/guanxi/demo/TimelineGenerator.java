package io.guanxi.demo;

import io.guanxi.customer.TimelineEntryPublished;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic timeline entries of the kinds other modules will publish (orders, points, visits,
 * calls, messages, campaigns, tickets, surveys), spread over a period, for the demo business and
 * for benchmarks. The same seed, customer and count give the same entries with the same source
 * references, so loading them again adds nothing.
 */
final class TimelineGenerator {

    /** Type, source module and how often it happens (out of 100). */
    private record Kind(String type, String module, int weight) {}

    private static final Kind[] KINDS = {
        new Kind("ORDER", "sales", 40),
        new Kind("POINTS", "loyalty", 25),
        new Kind("VISIT", "sales", 10),
        new Kind("CALL", "service", 8),
        new Kind("MESSAGE", "marketing", 7),
        new Kind("CAMPAIGN", "marketing", 5),
        new Kind("TICKET", "service", 3),
        new Kind("SURVEY", "service", 2)
    };

    private final long seed;
    private final boolean english;
    private final Instant from;
    private final Instant to;

    TimelineGenerator(long seed, boolean english, Instant from, Instant to) {
        this.seed = seed;
        this.english = english;
        this.from = from;
        this.to = to;
    }

    /** {@code count} entries for one customer, oldest first. */
    Iterator<TimelineEntryPublished> entries(long customerId, int count) {
        SplittableRandom random = new SplittableRandom(seed ^ (customerId * 0x9E3779B97F4A7C15L));
        long span = Duration.between(from, to).toSeconds();
        long step = Math.max(1, span / Math.max(1, count));
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public TimelineEntryPublished next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Instant at = from.plusSeconds(i * step + random.nextLong(step));
                Kind kind = pick(random.nextInt(100));
                String ref = "demo-" + seed + "-" + customerId + "-" + i;
                i++;
                return new TimelineEntryPublished(
                        customerId, kind.type(), at, title(kind, random), null, kind.module(), ref);
            }
        };
    }

    private static Kind pick(int roll) {
        int sum = 0;
        for (Kind kind : KINDS) {
            sum += kind.weight();
            if (roll < sum) {
                return kind;
            }
        }
        return KINDS[0];
    }

    private String title(Kind kind, SplittableRandom random) {
        String amount = BigDecimal.valueOf(random.nextInt(2_000, 300_000), 2).toPlainString();
        int points = random.nextInt(5, 500);
        return switch (kind.type()) {
            case "ORDER" -> (english ? "Order SO-" : "订单 SO-") + random.nextInt(100_000, 999_999) + " ¥" + amount;
            case "POINTS" -> english ? "Earned " + points + " points" : "获得积分 " + points;
            case "VISIT" -> english ? "Visited the store" : "到店消费";
            case "CALL" -> english ? "Follow-up call" : "电话回访";
            case "MESSAGE" -> english ? "Sent a WeChat message" : "发送微信消息";
            case "CAMPAIGN" -> english ? "Received the season offer" : "收到换季优惠活动";
            case "TICKET" -> english ? "Ticket: delivery question" : "工单：配送咨询";
            default -> english ? "Satisfaction survey: 5/5" : "满意度调查：5分";
        };
    }
}
