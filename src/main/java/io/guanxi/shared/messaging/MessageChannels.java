package io.guanxi.shared.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every channel the application has, by name; a message for a missing channel is not sent. */
@Component
public class MessageChannels {

    private final Map<String, MessageChannel> channels;
    private final Clock clock;

    MessageChannels(List<MessageChannel> channels, Clock clock) {
        this.channels = channels.stream()
                .collect(Collectors.toMap(c -> c.name().toUpperCase(Locale.ROOT), Function.identity()));
        this.clock = clock;
    }

    public Delivery send(String channel, Message message) {
        MessageChannel target = channels.get(channel.toUpperCase(Locale.ROOT));
        if (target == null) {
            return Delivery.notSent("no " + channel + " channel is configured", clock.instant());
        }
        return target.send(message);
    }
}
