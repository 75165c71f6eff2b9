package io.guanxi.loyalty.web;

import io.guanxi.loyalty.domain.referral.ReferralProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The shareable address of a referral code: the configured base, or this server's {@code /r/{code}}. */
@Component
public class ReferralLinks {

    private final ReferralProperties properties;

    ReferralLinks(ReferralProperties properties) {
        this.properties = properties;
    }

    public String linkFor(String code) {
        if (code == null) {
            return null;
        }
        if (!properties.linkBase().isEmpty()) {
            return properties.linkBase() + code;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/r/{code}")
                .buildAndExpand(code)
                .toUriString();
    }
}
