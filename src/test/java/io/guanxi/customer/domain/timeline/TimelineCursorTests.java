package io.guanxi.customer.domain.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.shared.InvalidRequestException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineCursorTests {

    @Test
    void readsBackWhatItWrites() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("2026-11-23T10:15:30.123456Z"), 4711);
        assertThat(cursor.toString()).isEqualTo("2026-11-23T10:15:30.123456Z~4711");
        assertThat(TimelineCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(TimelineCursor.parse(null)).isNull();
        assertThat(TimelineCursor.parse(" ")).isNull();
        TimelineCursor order = new TimelineCursor(Instant.parse("2026-11-23T10:15:30Z"), "order", 12);
        assertThat(order.toString()).isEqualTo("2026-11-23T10:15:30Z~order~12");
        assertThat(TimelineCursor.parse(order.toString())).isEqualTo(order);
    }

    @Test
    void rejectsAnythingElseAsABadBeforeParameter() {
        for (String bad : List.of(
                "yesterday",
                "2026-11-23T10:15:30Z",
                "~12",
                "2026-11-23T10:15:30Z~x",
                "12~3",
                "2026-11-23T10:15:30Z~Order~1",
                "2026-11-23T10:15:30Z~order~",
                "2026-11-23T10:15:30Z~~1")) {
            assertThatThrownBy(() -> TimelineCursor.parse(bad))
                    .isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e)
                                    .fieldProblems()
                                    .get(0)
                                    .field())
                            .isEqualTo("before"));
        }
    }

    @Test
    void typesAreUpperCasedSplitOnCommasAndChecked() {
        assertThat(CustomerTimeline.types(Arrays.asList("order", "CALL,visit", " ", null, "ORDER")))
                .containsExactly("ORDER", "CALL", "VISIT");
        assertThat(CustomerTimeline.types(null)).isEmpty();
        assertThatThrownBy(() -> CustomerTimeline.types(List.of("drop table")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CustomerTimeline.types(List.of("T".repeat(33))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void longTextsAreCutAtTheColumnSizeWithoutSplittingACharacter() {
        assertThat(TimelineRow.cut("short", 10)).isEqualTo("short");
        assertThat(TimelineRow.cut("abcdefghijk", 10)).isEqualTo("abcdefghi…").hasSize(10);
        String emoji = "12345678😀😀";
        assertThat(TimelineRow.cut(emoji, 10)).isEqualTo("12345678…");
    }
}
