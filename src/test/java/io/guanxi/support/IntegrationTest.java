package io.guanxi.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the database under test, with demo data. Every
 * integration test uses exactly this, so they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "guanxi.identity.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
            "guanxi.demo.enabled=true",
            "guanxi.demo.customers=300",
            "guanxi.demo.password=" + IntegrationTest.DEMO_PASSWORD,
            "spring.thymeleaf.cache=false"
        })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = {TestDatabase.class, TestMail.class})
@ExtendWith(TestEnvironment.class)
public @interface IntegrationTest {
    String ADMIN_PASSWORD = "admin-secret-123";
    String DEMO_PASSWORD = "demo-secret-123";
}
