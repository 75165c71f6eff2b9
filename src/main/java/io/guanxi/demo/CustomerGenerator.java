package io.guanxi.demo;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic customers: the same seed gives the same people, so demo pages and benchmarks are
 * reproducible. Chinese names, mobile numbers and addresses by default; English names for the en
 * locale.
 */
final class CustomerGenerator {

    static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑",
            "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
            "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "欧阳", "司马");
    static final List<String> GIVEN_CHARS = List.of(
            "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚",
            "桂", "英", "华", "玉", "萍", "红", "建", "文", "辉", "力", "雪", "琳", "晨", "浩", "宇", "欣", "怡", "子", "涵", "梓", "轩",
            "思", "博", "嘉", "雨", "佳", "俊", "宁", "慧");
    static final List<String> EN_GIVEN = List.of(
            "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Grace", "Leo", "Emily",
            "Oscar", "Lily", "James", "Sophie", "Thomas", "Chloe", "William", "Ella", "Daniel", "Lucy", "Samuel",
            "Hannah");
    static final List<String> EN_FAMILY = List.of(
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "White",
            "Roberts",
            "Green",
            "Hall",
            "Wood",
            "Jackson",
            "Clarke");
    static final List<String> STREETS =
            List.of("人民路", "中山路", "解放路", "建设路", "南京路", "长江路", "和平路", "新华路", "文化路", "胜利路", "青年路", "花园路");
    static final List<String> EN_STREETS =
            List.of("Renmin Road", "Zhongshan Road", "Jiefang Road", "Jianshe Road", "Nanjing Road", "Changjiang Road");
    static final String[] MOBILE_PREFIXES = {
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "176",
        "177", "180", "181", "185", "186", "187", "188", "189"
    };
    static final String[] EMAIL_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com"};

    /** Where customers live, with the districts of each city. */
    record Place(String province, String city, String cityEn, String postcodePrefix, List<String> districts) {}

    static final List<Place> PLACES = List.of(
            new Place("上海市", "上海", "Shanghai", "200", List.of("浦东新区", "徐汇区", "静安区", "黄浦区", "长宁区")),
            new Place("北京市", "北京", "Beijing", "100", List.of("朝阳区", "海淀区", "东城区", "西城区", "丰台区")),
            new Place("广东省", "广州", "Guangzhou", "510", List.of("天河区", "越秀区", "海珠区", "白云区")),
            new Place("广东省", "深圳", "Shenzhen", "518", List.of("南山区", "福田区", "罗湖区", "宝安区")),
            new Place("四川省", "成都", "Chengdu", "610", List.of("锦江区", "武侯区", "青羊区", "成华区")),
            new Place("浙江省", "杭州", "Hangzhou", "310", List.of("西湖区", "上城区", "滨江区", "拱墅区")));

    /** A store to attach customers to, with the staff who may own them. */
    record Outlet(long storeId, int placeIndex, List<Long> ownerIds) {}

    private final SplittableRandom random;
    private final boolean english;
    private final List<Outlet> outlets;
    private final Instant start;
    private final long spanSeconds;

    CustomerGenerator(long seed, boolean english, List<Outlet> outlets, Instant start, Instant end) {
        this.random = new SplittableRandom(seed);
        this.english = english;
        this.outlets = List.copyOf(outlets);
        this.start = start;
        this.spanSeconds = Math.max(1, end.getEpochSecond() - start.getEpochSecond());
    }

    Iterator<DatedCustomer> customers(long count) {
        return new Iterator<>() {
            long made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public DatedCustomer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                made++;
                return generate(made);
            }
        };
    }

    /** About one customer in a hundred is entered twice, the second time a little differently. */
    private static final int DUPLICATE_PERCENT = 1;

    private DatedCustomer previous;

    private DatedCustomer generate(long serial) {
        if (previous != null && random.nextInt(100) < DUPLICATE_PERCENT) {
            DatedCustomer twin = reenter(previous);
            previous = null;
            return twin;
        }
        previous = fresh(serial);
        return previous;
    }

    /**
     * The same person registered again at another counter: the phone typed with spaces or a new
     * number, the email left out, the street written without the house-number suffix.
     */
    private DatedCustomer reenter(DatedCustomer original) {
        CustomerDetails d = original.details();
        String phone = d.phone() == null || random.nextInt(3) == 0
                ? MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + (10_000_000 + random.nextInt(90_000_000))
                : d.phone().substring(0, 3) + " " + d.phone().substring(3, 7) + " "
                        + d.phone().substring(7);
        String street = d.street() == null ? null : d.street().replace("号", "");
        CustomerDetails twin = new CustomerDetails(
                d.partyType(),
                d.kind(),
                d.displayName(),
                d.familyName(),
                d.givenName(),
                d.gender(),
                d.birthday(),
                phone,
                null,
                d.province(),
                d.city(),
                d.district(),
                street,
                d.postcode(),
                d.idNumber(),
                SourceChannel.values()[random.nextInt(SourceChannel.values().length)],
                d.storeId(),
                d.ownerId());
        Instant later = original.createdAt().plusSeconds(86_400L * (1 + random.nextInt(200)));
        Instant end = start.plusSeconds(spanSeconds);
        return new DatedCustomer(twin, later.isAfter(end) ? end : later);
    }

    private DatedCustomer fresh(long serial) {
        Outlet outlet = outlets.get(random.nextInt(outlets.size()));
        Place place = PLACES.get(outlet.placeIndex() % PLACES.size());
        boolean organisation = random.nextInt(100) < 8;
        CustomerKind kind = organisation
                ? (random.nextBoolean()
                        ? CustomerKind.COMMERCIAL
                        : random.nextInt(3) == 0 ? CustomerKind.DEALER : CustomerKind.PROJECT)
                : CustomerKind.RETAIL;
        Gender gender = random.nextBoolean() ? Gender.FEMALE : Gender.MALE;
        String family;
        String given;
        String display = null;
        if (organisation) {
            family = null;
            given = null;
            String city = english ? place.cityEn() : place.city();
            display = english
                    ? city + " " + EN_FAMILY.get(random.nextInt(EN_FAMILY.size())) + " Trading Co. " + serial
                    : city + pick(GIVEN_CHARS) + pick(GIVEN_CHARS) + (random.nextBoolean() ? "装饰工程有限公司" : "商贸有限公司");
        } else if (english) {
            family = EN_FAMILY.get(random.nextInt(EN_FAMILY.size()));
            given = EN_GIVEN.get(random.nextInt(EN_GIVEN.size()));
        } else {
            family = pick(SURNAMES);
            given = random.nextInt(4) == 0 ? pick(GIVEN_CHARS) : pick(GIVEN_CHARS) + pick(GIVEN_CHARS);
        }
        String digits =
                Integer.toString(100_000_000 + random.nextInt(100_000_000)).substring(1);
        String phone = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + digits;
        String email = random.nextInt(3) == 0
                ? null
                : "u" + Long.toString(serial * 7919 + random.nextInt(1000), 36) + "@"
                        + EMAIL_DOMAINS[random.nextInt(EMAIL_DOMAINS.length)];
        LocalDate birthday = organisation || random.nextInt(5) == 0
                ? null
                : LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String district = place.districts().get(random.nextInt(place.districts().size()));
        String street = english
                ? (1 + random.nextInt(999)) + " " + EN_STREETS.get(random.nextInt(EN_STREETS.size()))
                : pick(STREETS) + (1 + random.nextInt(999)) + "号";
        List<Long> owners = outlet.ownerIds();
        Long owner = owners.isEmpty() || random.nextInt(10) == 0 ? null : owners.get(random.nextInt(owners.size()));
        SourceChannel source = SourceChannel.values()[random.nextInt(SourceChannel.values().length)];
        Instant created = start.plusSeconds((long) (Math.sqrt(random.nextDouble()) * spanSeconds));
        return new DatedCustomer(
                new CustomerDetails(
                        organisation ? PartyType.ORGANISATION : PartyType.PERSON,
                        kind,
                        display,
                        family,
                        given,
                        organisation ? null : gender,
                        birthday,
                        phone,
                        email,
                        english ? null : place.province(),
                        english ? place.cityEn() : place.city(),
                        english ? null : district,
                        street,
                        english ? null : place.postcodePrefix() + (100 + random.nextInt(900)),
                        null,
                        source,
                        outlet.storeId(),
                        owner),
                created);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
