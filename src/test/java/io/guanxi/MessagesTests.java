package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.DataScope;
import io.guanxi.identity.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages carry every message the UI can ask for. */
class MessagesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        properties.forEach((k, v) ->
                assertThat(v.toString()).as("value of %s in %s", k, file).isNotBlank());
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> english() throws IOException {
        return keys("messages.properties");
    }

    private static Set<String> chinese() throws IOException {
        return keys("messages_zh_CN.properties");
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> en = english();
        Set<String> zh = chinese();
        assertThat(difference(en, zh)).as("keys missing in Chinese").isEmpty();
        assertThat(difference(zh, en)).as("keys missing in English").isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Pattern literal = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(difference(used, english()))
                .as("template keys missing in English")
                .isEmpty();
        assertThat(difference(used, chinese()))
                .as("template keys missing in Chinese")
                .isEmpty();
    }

    @Test
    void everyFlashMessageKeyExists() throws IOException {
        Pattern flash = Pattern.compile("addFlashAttribute\\(\"(?:message|error)\", \"([a-zA-Z0-9_.]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = flash.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(difference(used, english())).isEmpty();
        assertThat(difference(used, chinese())).isEmpty();
    }

    @Test
    void everyEnumShownInTheUiHasALabel() throws IOException {
        Map<String, Enum<?>[]> enums = Map.of(
                "role.", Role.values(),
                "scope.", DataScope.values(),
                "kind.", CustomerKind.values(),
                "party.", PartyType.values(),
                "gender.", Gender.values(),
                "source.", SourceChannel.values(),
                "timeline.type.", CustomerTimeline.NoteKind.values(),
                "care.moment.", io.guanxi.loyalty.domain.care.CareMoment.values(),
                "packages.kind.", io.guanxi.loyalty.domain.entitlement.ServicePackage.Kind.values());
        Set<String> needed = new TreeSet<>();
        enums.forEach((prefix, values) -> {
            for (Enum<?> value : values) {
                needed.add(prefix + value.name());
            }
        });
        assertThat(difference(needed, english())).isEmpty();
        assertThat(difference(needed, chinese())).isEmpty();
    }

    @Test
    void everyTimelineTypeAndTitleTheCodePublishesHasALabel() throws IOException {
        // new TimelineEntryPublished(customer, "TYPE", at, "TITLE", ...): the type is a filter chip on the
        // customer page, the title the entry's heading; both are looked up as messages.
        Pattern entry = Pattern.compile(
                "new TimelineEntryPublished\\(\\s*[^,]+,\\s*\"([A-Z_]+)\",\\s*[^,]+,\\s*(?:\"([A-Z_]+)\"\\s*,)?");
        Set<String> needed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = entry.matcher(Files.readString(file));
                while (m.find()) {
                    needed.add("timeline.type." + m.group(1));
                    if (m.group(2) != null) {
                        needed.add("timeline.event." + m.group(2));
                    }
                }
            }
        }
        assertThat(needed).contains("timeline.type.COUPON", "timeline.type.TIER", "timeline.event.BIRTHDAY_PACK");
        assertThat(difference(needed, english())).isEmpty();
        assertThat(difference(needed, chinese())).isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
