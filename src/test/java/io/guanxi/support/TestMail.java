package io.guanxi.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real SMTP server (GreenMail) for the test JVM, started once on a free port; the shared test
 * application sends its email there. Tests read what arrived with {@link #server()} and tell their
 * messages apart by recipient.
 */
public class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail server;

    public static synchronized GreenMail server() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return server;
    }

    /** The messages that arrived for {@code address}. */
    public static java.util.List<jakarta.mail.internet.MimeMessage> to(String address) {
        return java.util.Arrays.stream(server().getReceivedMessages())
                .filter(m -> {
                    try {
                        return java.util.Arrays.stream(m.getRecipients(jakarta.mail.Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** A customer's email address as mail reaches it (stored encrypted). */
    public static String addressOf(
            io.guanxi.customer.domain.PersonalData personal,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            long customerId) {
        return personal.decrypt(
                io.guanxi.customer.domain.PersonalData.Field.EMAIL,
                jdbc.sql("SELECT email FROM customer WHERE id = ?")
                        .param(customerId)
                        .query(String.class)
                        .single());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port = server().getSmtp().getPort();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-mail",
                        Map.of(
                                "spring.mail.host", "127.0.0.1",
                                "spring.mail.port", port,
                                "guanxi.messaging.email-from", "care@guanxi.test")));
    }
}
