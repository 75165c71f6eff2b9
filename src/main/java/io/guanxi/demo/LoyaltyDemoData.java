package io.guanxi.demo;

import io.guanxi.customer.CustomerApi;
import io.guanxi.loyalty.CouponApi;
import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.CouponTemplateView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.loyalty.NewRewardItem;
import io.guanxi.loyalty.RewardKind;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Coupon templates, a repurchase rule, coupons for the first customers and a points catalogue, once,
 * after the demo business exists (runs after {@link DemoData}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class LoyaltyDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyDemoData.class);
    private static final String ACTOR = "demo";

    private final DemoProperties properties;
    private final CouponApi coupons;
    private final CustomerApi customers;

    LoyaltyDemoData(DemoProperties properties, CouponApi coupons, CustomerApi customers) {
        this.properties = properties;
        this.coupons = coupons;
        this.customers = customers;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || coupons.anyTemplate() || customers.count() == 0) {
            return;
        }
        boolean en = properties.english();
        CouponTemplateView welcome = coupons.createTemplate(
                template(en ? "Welcome ¥20 off" : "新客立减20元", CouponKind.AMOUNT_OFF)
                        .amountOff("20")
                        .days(30)
                        .perCustomer(1)
                        .build(),
                ACTOR);
        CouponTemplateView threshold = coupons.createTemplate(
                template(en ? "Spend ¥300, save ¥50" : "满300减50", CouponKind.THRESHOLD)
                        .amountOff("50")
                        .minSpend("300")
                        .days(60)
                        .total(1000)
                        .build(),
                ACTOR);
        CouponTemplateView percent = coupons.createTemplate(
                template(en ? "Service 15% off (max ¥60)" : "保养服务85折（最高减60）", CouponKind.PERCENT_OFF)
                        .percent("15")
                        .cap("60")
                        .categories("SERVICE")
                        .days(90)
                        .build(),
                ACTOR);
        CouponTemplateView repurchase = coupons.createTemplate(
                template(en ? "Come back: ¥30 off" : "复购券：立减30元", CouponKind.AMOUNT_OFF)
                        .amountOff("30")
                        .minSpend("100")
                        .days(14)
                        .build(),
                ACTOR);
        coupons.createTemplate(
                template(en ? "Free car wash" : "免费洗车一次", CouponKind.FREE_SERVICE)
                        .categories("SERVICE")
                        .days(30)
                        .build(),
                ACTOR);
        coupons.createTemplate(
                template(en ? "Gift: car air freshener" : "赠品：车载香薰", CouponKind.GIFT)
                        .benefit(en ? "Car air freshener" : "车载香薰一瓶")
                        .days(30)
                        .build(),
                ACTOR);
        coupons.addRule(CouponTrigger.ORDER_ABOVE, repurchase.id(), new BigDecimal("500"), ACTOR);
        List<Long> first = customers.oldestIds(20);
        int issued = coupons.issueToCustomers(welcome.id(), first, null, ACTOR).size()
                + coupons.issueToCustomers(
                                threshold.id(), first.subList(0, Math.min(10, first.size())), "DOUBLE11", ACTOR)
                        .size()
                + coupons.issueToCustomers(percent.id(), first.subList(0, Math.min(5, first.size())), null, ACTOR)
                        .size();
        coupons.addReward(new NewRewardItem(en ? "Umbrella" : "品牌雨伞", RewardKind.GIFT, 800L, null, 50, 1, true), ACTOR);
        coupons.addReward(
                new NewRewardItem(
                        en ? "Interior cleaning" : "内饰清洁服务", RewardKind.SERVICE, 1500L, null, null, null, true),
                ACTOR);
        coupons.addReward(
                new NewRewardItem(en ? "¥50 coupon" : "50元满减券", RewardKind.COUPON, 500L, threshold.id(), 200, 3, true),
                ACTOR);
        log.info("Demo coupons ready: 6 templates, {} coupons issued, 3 catalogue items", issued);
    }

    private static Template template(String name, CouponKind kind) {
        return new Template(name, kind);
    }

    /** A small builder so each demo template names only its own terms. */
    private static final class Template {
        private final String name;
        private final CouponKind kind;
        private BigDecimal amountOff;
        private BigDecimal percent;
        private BigDecimal cap;
        private BigDecimal minSpend;
        private String benefit;
        private List<String> categories = List.of();
        private Integer days;
        private Integer perCustomer;
        private Integer total;

        Template(String name, CouponKind kind) {
            this.name = name;
            this.kind = kind;
        }

        Template amountOff(String v) {
            amountOff = new BigDecimal(v);
            return this;
        }

        Template percent(String v) {
            percent = new BigDecimal(v);
            return this;
        }

        Template cap(String v) {
            cap = new BigDecimal(v);
            return this;
        }

        Template minSpend(String v) {
            minSpend = new BigDecimal(v);
            return this;
        }

        Template benefit(String v) {
            benefit = v;
            return this;
        }

        Template categories(String... v) {
            categories = List.of(v);
            return this;
        }

        Template days(int v) {
            days = v;
            return this;
        }

        Template perCustomer(int v) {
            perCustomer = v;
            return this;
        }

        Template total(int v) {
            total = v;
            return this;
        }

        NewCouponTemplate build() {
            return new NewCouponTemplate(
                    name,
                    kind,
                    amountOff,
                    percent,
                    cap,
                    minSpend,
                    benefit,
                    categories,
                    List.of(),
                    null,
                    null,
                    days,
                    perCustomer,
                    total,
                    true);
        }
    }
}
