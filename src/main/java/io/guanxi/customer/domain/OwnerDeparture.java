package io.guanxi.customer.domain;

import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.UserDeactivated;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** When a user leaves, the customers they owned go back to the pool (公海) for others to claim. */
@Component
class OwnerDeparture {

    private static final Logger log = LoggerFactory.getLogger(OwnerDeparture.class);

    private final CustomerRepository customers;
    private final CustomerTimeline timeline;
    private final Clock clock;

    OwnerDeparture(CustomerRepository customers, CustomerTimeline timeline, Clock clock) {
        this.customers = customers;
        this.timeline = timeline;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(UserDeactivated event) {
        timeline.returningToPool(event.userId(), event.username());
        int released = customers.releaseOwnedBy(event.userId(), clock.instant());
        log.info("Returned {} customers of {} to the pool", released, event.username());
    }
}
