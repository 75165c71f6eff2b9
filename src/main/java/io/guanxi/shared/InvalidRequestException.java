package io.guanxi.shared;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A request that is well-formed but cannot be accepted; lists the offending fields. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> fieldProblems;

    private InvalidRequestException(String message, List<FieldProblem> fieldProblems) {
        super(message);
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static InvalidRequestException because(String message) {
        return new InvalidRequestException(message, List.of());
    }

    public static InvalidRequestException forField(String field, String message) {
        return new InvalidRequestException(field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public static InvalidRequestException forFields(List<FieldProblem> problems) {
        return new InvalidRequestException("Invalid fields", problems);
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** What went wrong, for a page: the fields and their problems, else the message of any error. */
    public static String describe(RuntimeException e) {
        if (e instanceof InvalidRequestException invalid && !invalid.fieldProblems.isEmpty()) {
            return invalid.fieldProblems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return e.getMessage();
    }

    /** One field that was rejected, with the reason. */
    public record FieldProblem(String field, String message) {}
}
