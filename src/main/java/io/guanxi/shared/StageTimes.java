package io.guanxi.shared;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.util.StopWatch;

/** One line naming each stage a {@link StopWatch} timed with its milliseconds, for debug logs of bulk work. */
public final class StageTimes {

    private StageTimes() {}

    public static String of(StopWatch watch) {
        return Arrays.stream(watch.getTaskInfo())
                        .map(task -> task.getTaskName() + " " + task.getTimeMillis() + " ms")
                        .collect(Collectors.joining(", "))
                + " (total " + watch.getTotalTimeMillis() + " ms)";
    }
}
