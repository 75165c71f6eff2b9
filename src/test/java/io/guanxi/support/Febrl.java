package io.guanxi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Febrl synthetic person records in {@code ../shared/data/febrl}; records of one person share
 * the number in {@code rec-N-org} / {@code rec-N-dup-k}. Tests skip with a message when the data is
 * not beside the project.
 */
public final class Febrl {

    private static final Path DIRECTORY = Path.of("../shared/data/febrl");
    private static final DateTimeFormatter DOB =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private Febrl() {}

    /** One record; {@code street} joins the street number and name, the birthday is null when unparseable. */
    public record Person(
            String recordId,
            String entity,
            String givenName,
            String surname,
            String street,
            String address2,
            String suburb,
            String postcode,
            String state,
            LocalDate birthday,
            String socialSecurityId) {}

    public static List<Person> read(String file) throws IOException {
        Path path = DIRECTORY.resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "Febrl data not found at " + path.toAbsolutePath());
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream()
                .map(line -> {
                    String[] f = line.split(",", -1);
                    for (int i = 0; i < f.length; i++) {
                        f[i] = f[i].strip();
                    }
                    return new Person(
                            f[0],
                            f[0].split("-")[1],
                            f[1],
                            f[2],
                            (f[3] + " " + f[4]).strip(),
                            f[5],
                            f[6],
                            f[7],
                            f[8],
                            date(f[9]),
                            f[10]);
                })
                .toList();
    }

    /** An unparseable optional value is left out; the record keeps everything else. */
    private static LocalDate date(String value) {
        try {
            return value.isEmpty() ? null : LocalDate.parse(value, DOB);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
