package io.guanxi.loyalty.web;

import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.shared.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The tier configuration form: the window, the grace period and five rows (a row without a code is unused). */
public class TierFormData implements java.io.Serializable {

    static final int ROWS = 5;

    private Integer windowMonths;
    private Integer graceDays;
    private List<Row> rows = new ArrayList<>();

    /** One tier as typed; 满减 written as 1000:50, 3000:200. */
    public static class Row implements java.io.Serializable {
        private String code;
        private String nameZh;
        private String nameEn;
        private BigDecimal minSpend;
        private Integer minOrders;
        private Long minPoints;
        private BigDecimal pointsMultiplier;
        private BigDecimal discountPercent;
        private String reductions;
        private String birthdayPack;
        private Long birthdayPoints;
        private Long birthdayCouponTemplateId;
        private String freeServices;
        private boolean priorityService;
        private boolean dedicatedAdvisor;

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public String getNameZh() {
            return nameZh;
        }

        public void setNameZh(String nameZh) {
            this.nameZh = nameZh;
        }

        public String getNameEn() {
            return nameEn;
        }

        public void setNameEn(String nameEn) {
            this.nameEn = nameEn;
        }

        public BigDecimal getMinSpend() {
            return minSpend;
        }

        public void setMinSpend(BigDecimal minSpend) {
            this.minSpend = minSpend;
        }

        public Integer getMinOrders() {
            return minOrders;
        }

        public void setMinOrders(Integer minOrders) {
            this.minOrders = minOrders;
        }

        public Long getMinPoints() {
            return minPoints;
        }

        public void setMinPoints(Long minPoints) {
            this.minPoints = minPoints;
        }

        public BigDecimal getPointsMultiplier() {
            return pointsMultiplier;
        }

        public void setPointsMultiplier(BigDecimal pointsMultiplier) {
            this.pointsMultiplier = pointsMultiplier;
        }

        public BigDecimal getDiscountPercent() {
            return discountPercent;
        }

        public void setDiscountPercent(BigDecimal discountPercent) {
            this.discountPercent = discountPercent;
        }

        public String getReductions() {
            return reductions;
        }

        public void setReductions(String reductions) {
            this.reductions = reductions;
        }

        public String getBirthdayPack() {
            return birthdayPack;
        }

        public void setBirthdayPack(String birthdayPack) {
            this.birthdayPack = birthdayPack;
        }

        public Long getBirthdayPoints() {
            return birthdayPoints;
        }

        public void setBirthdayPoints(Long birthdayPoints) {
            this.birthdayPoints = birthdayPoints;
        }

        public Long getBirthdayCouponTemplateId() {
            return birthdayCouponTemplateId;
        }

        public void setBirthdayCouponTemplateId(Long birthdayCouponTemplateId) {
            this.birthdayCouponTemplateId = birthdayCouponTemplateId;
        }

        public String getFreeServices() {
            return freeServices;
        }

        public void setFreeServices(String freeServices) {
            this.freeServices = freeServices;
        }

        public boolean isPriorityService() {
            return priorityService;
        }

        public void setPriorityService(boolean priorityService) {
            this.priorityService = priorityService;
        }

        public boolean isDedicatedAdvisor() {
            return dedicatedAdvisor;
        }

        public void setDedicatedAdvisor(boolean dedicatedAdvisor) {
            this.dedicatedAdvisor = dedicatedAdvisor;
        }

        boolean used() {
            return code != null && !code.isBlank();
        }

        TierView toTier(int rank, int index) {
            return new TierView(
                    code.strip().toUpperCase(java.util.Locale.ROOT),
                    rank,
                    strip(nameZh),
                    strip(nameEn),
                    minSpend,
                    minOrders,
                    minPoints,
                    pointsMultiplier == null ? BigDecimal.ONE : pointsMultiplier,
                    new TierBenefits(
                            discountPercent == null ? BigDecimal.ZERO : discountPercent.movePointLeft(2),
                            parseReductions(reductions, index),
                            strip(birthdayPack),
                            birthdayPoints == null ? 0 : birthdayPoints,
                            strip(freeServices),
                            priorityService,
                            dedicatedAdvisor,
                            birthdayCouponTemplateId));
        }

        static Row of(TierView tier) {
            Row row = new Row();
            row.code = tier.code();
            row.nameZh = tier.nameZh();
            row.nameEn = tier.nameEn();
            row.minSpend = tier.minSpend();
            row.minOrders = tier.minOrders();
            row.minPoints = tier.minPoints();
            row.pointsMultiplier = tier.pointsMultiplier().stripTrailingZeros();
            row.discountPercent =
                    tier.benefits().discountRate().movePointRight(2).stripTrailingZeros();
            row.reductions = tier.benefits().reductions().stream()
                    .map(r -> r.spendFrom().stripTrailingZeros().toPlainString() + ":"
                            + r.amountOff().stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(", "));
            row.birthdayPack = tier.benefits().birthdayPack();
            row.birthdayPoints = tier.benefits().birthdayPoints();
            row.birthdayCouponTemplateId = tier.benefits().birthdayCouponTemplateId();
            row.freeServices = tier.benefits().freeServices();
            row.priorityService = tier.benefits().priorityService();
            row.dedicatedAdvisor = tier.benefits().dedicatedAdvisor();
            return row;
        }
    }

    static List<TierBenefits.Reduction> parseReductions(String text, int index) {
        List<TierBenefits.Reduction> list = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return list;
        }
        for (String part : text.split("[,，;；\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] pair = part.split("[:：]");
            try {
                if (pair.length != 2) {
                    throw new NumberFormatException(part);
                }
                list.add(new TierBenefits.Reduction(new BigDecimal(pair[0].strip()), new BigDecimal(pair[1].strip())));
            } catch (NumberFormatException e) {
                throw InvalidRequestException.forField(
                        "tiers[" + index + "].reductions", "write spend:amount off, e.g. 1000:50, 3000:200");
            }
        }
        return list;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static TierFormData of(TierProgramme programme) {
        TierFormData form = new TierFormData();
        form.windowMonths = programme.windowMonths();
        form.graceDays = programme.graceDays();
        programme.tiers().forEach(t -> form.rows.add(Row.of(t)));
        form.pad();
        return form;
    }

    void pad() {
        while (rows.size() < ROWS) {
            rows.add(new Row());
        }
    }

    TierProgramme toProgramme() {
        List<TierView> tiers = new ArrayList<>();
        int index = 0;
        for (Row row : rows) {
            if (row.used()) {
                tiers.add(row.toTier(tiers.size() + 1, index));
            }
            index++;
        }
        if (tiers.isEmpty()) {
            throw InvalidRequestException.forField("tiers", "there must be 3 to 5 tiers");
        }
        return new TierProgramme(windowMonths == null ? 0 : windowMonths, graceDays == null ? -1 : graceDays, tiers);
    }

    public Integer getWindowMonths() {
        return windowMonths;
    }

    public void setWindowMonths(Integer windowMonths) {
        this.windowMonths = windowMonths;
    }

    public Integer getGraceDays() {
        return graceDays;
    }

    public void setGraceDays(Integer graceDays) {
        this.graceDays = graceDays;
    }

    public List<Row> getRows() {
        return rows;
    }

    public void setRows(List<Row> rows) {
        this.rows = rows;
    }
}
