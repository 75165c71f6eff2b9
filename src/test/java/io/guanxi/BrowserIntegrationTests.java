package io.guanxi;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The UI in a real headless Chromium (Debian's {@code chromium}; Playwright never downloads a
 * browser here): sign in, switch language, open every module, search with htmx, create a customer
 * whose name is a script, page, filter and add to a customer's timeline, and use the menu on a
 * phone-sized screen.
 */
@IntegrationTest
class BrowserIntegrationTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("guanxi.test.chromium", "/usr/bin/chromium"));

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    CustomerApi customers;

    @Autowired
    io.guanxi.order.OrderApi orderApi;

    @Autowired
    io.guanxi.loyalty.domain.PointsLedger ledger;

    @Autowired
    io.guanxi.loyalty.CouponApi coupons;

    @BeforeAll
    static void launch() {
        String missing = "the browser test needs Debian's chromium at " + CHROMIUM + " (apt-get install chromium)";
        if (!TestEnvironment.requireAll()) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), missing);
        }
        assertThat(CHROMIUM).as(missing).exists();
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page signIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/login"));
        page.fill("#username", "admin");
        page.fill("#password", IntegrationTest.ADMIN_PASSWORD);
        page.click("#login-submit");
        assertThat(page).hasURL(java.util.regex.Pattern.compile("^http://localhost:" + port + "/(\\?continue)?$"));
        return page;
    }

    @Test
    void signsInSwitchesLanguageAndOpensEveryModule() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page login = context.newPage();
            login.navigate(url("/login"));
            assertThat(login.locator("h1")).hasText("登录关系 Guanxi");
            login.close();
            Page page = signIn(context);
            assertThat(page.locator("h1")).containsText("欢迎");
            assertThat(page.locator("nav.nav")).containsText("客户");

            page.click("#lang-en");
            assertThat(page.locator("h1")).containsText("Welcome");
            assertThat(page.locator("nav.nav")).containsText("Customers");

            Map<String, String> modules = Map.of(
                    "Customers", "Customers",
                    "Loyalty", "Loyalty",
                    "Sales", "Sales",
                    "Service", "Service",
                    "Marketing", "Marketing",
                    "Analytics", "Analytics",
                    "Imports", "Imports",
                    "Users", "Users",
                    "Stores", "Stores and teams",
                    "Audit log", "Audit log");
            for (Map.Entry<String, String> module : modules.entrySet()) {
                page.navigate(url("/"));
                Response response = page.waitForNavigation(() -> page.locator("nav.nav")
                        .getByText(
                                module.getKey(), new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true))
                        .click());
                assertThat(response.status()).as(module.getKey()).isEqualTo(200);
                assertThat(page.locator("h1")).hasText(module.getValue());
            }

            page.navigate(url("/admin/audit"));
            page.click("#lang-zh");
            assertThat(page.locator("h1")).hasText("审计日志");
        }
    }

    @Test
    void searchesCustomersAsYouType() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en"))) {
            Page page = signIn(context);
            page.navigate(url("/customers"));
            String before = page.locator("#results p.muted").textContent();
            page.locator("#customer-search").pressSequentially("+86 13");
            assertThat(page.locator("#results p.muted")).not().hasText(before);
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*q=.*"));
            page.locator("#customer-search").fill("no such customer anywhere");
            assertThat(page.locator("#results")).containsText("No customers match.");
        }
    }

    @Test
    void showsAScriptInAUserFieldAsText() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en"))) {
            Page page = signIn(context);
            AtomicBoolean dialog = new AtomicBoolean();
            page.onDialog(d -> {
                dialog.set(true);
                d.dismiss();
            });
            page.navigate(url("/customers/new"));
            page.fill("#displayName", "<script>alert(1)</script>");
            page.fill("#phone", "139 1234 5678");
            page.click("#customer-save");
            assertThat(page.locator("#customer-name")).hasText("<script>alert(1)</script>");
            assertThat(page.locator("dd").first()).isVisible();
            assertThat(page.content()).contains("139****5678").doesNotContain("+8613912345678");
            page.click("#customer-reveal"); // contact details in full, on request (audited)
            assertThat(page.locator("#customer-revealed")).isVisible();
            assertThat(page.content()).contains("+8613912345678");
            assertThat(dialog).isFalse();
        }
    }

    @Test
    void importsAFileThenReviewsADuplicateAndMergesIt() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en"))) {
            Page page = signIn(context);
            page.navigate(url("/imports"));
            String csv = "会员号,姓名,手机,生日\n"
                    + "D-1,复核测试,137 7777 0001,1990-02-03\n"
                    + "D-2,,13777770009,\n"
                    + "D-3,复核测试,13777770001,1990/2/3\n";
            page.setInputFiles(
                    "#import-file",
                    new com.microsoft.playwright.options.FilePayload(
                            "duplicates.csv", "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.fill("#import-source", "browser-test");
            page.click("#import-upload-submit");
            assertThat(page.locator("#import-file-facts")).containsText("UTF-8");
            assertThat(page.locator("#import-mapping select").first()).hasValue("externalId");
            page.click("#import-dry-run");
            assertThat(page.locator("#import-state")).hasText("Finished");
            assertThat(page.locator("#count-created")).hasText("2");
            assertThat(page.locator("#count-rejected")).hasText("1");
            assertThat(page.locator("#import-report tbody tr")).hasCount(1);
            assertThat(page.locator("#import-report tbody tr td").nth(0)).hasText("3");
            assertThat(page.locator("#import-report tbody tr td").nth(1)).hasText("姓名");
            page.click("#import-commit");
            assertThat(page.locator("#import-committed")).isVisible();
            assertThat(page.locator("#count-created")).hasText("2");
            screenshot(page, "import-committed");

            page.navigate(url("/customers/duplicates"));
            page.click("#duplicates-scan");
            Locator pair = page.locator(".pair");
            for (int attempt = 0; attempt < 40; attempt++) {
                page.navigate(url("/customers/duplicates?q=复核测试"));
                if (pair.count() > 0) {
                    break;
                }
                page.waitForTimeout(250);
            }
            assertThat(pair).hasCount(1);
            assertThat(pair.locator(".tag")).hasText("Certain (auto-merge)");
            pair.locator("button.merge").first().click();
            assertThat(page.locator("#customer-name")).hasText("复核测试");
            assertThat(page.locator("p.flash.ok")).containsText("merged");
            screenshot(page, "customer-after-merge");
            page.navigate(url("/customers?q=复核测试"));
            assertThat(page.locator("#results p.muted")).hasText("1 customers");
        }
    }

    /** Keeps a picture of a page under target/screenshots, for people reviewing the UI. */
    private static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(Path.of("target/screenshots"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/" + name + ".png"))
                .setFullPage(true));
    }

    @Test
    void pagesFiltersAndAddsToTheTimelineInPlace() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en"))) {
            Page page = signIn(context);
            page.navigate(url("/customers/new"));
            page.fill("#familyName", "时");
            page.fill("#givenName", "间线");
            page.fill("#phone", "137 2026 1123");
            page.click("#customer-save");
            assertThat(page.locator("#customer-name")).hasText("时间线");
            long id = Long.parseLong(page.url().replaceAll(".*/customers/(\\d+).*", "$1"));
            Instant start = Instant.parse("2025-05-01T02:00:00Z");
            customers.publishTimeline(IntStream.range(0, 25)
                    .mapToObj(i -> new TimelineEntryPublished(
                            id, "ORDER", start.plusSeconds(86_400L * i), "Order SO-" + i, null, "sales", "b" + id + i))
                    .iterator());
            page.reload();
            Locator entries = page.locator("#timeline-entries li.entry");
            assertThat(entries).hasCount(20);
            assertThat(entries.first()).containsText("Customer created");
            assertThat(entries.nth(1)).containsText("Order SO-24");

            page.click("#timeline-more a");
            assertThat(entries).hasCount(26);
            assertThat(page.locator("#timeline-more")).hasCount(0);
            assertThat(entries.last()).containsText("Order SO-0");

            page.selectOption("#timeline-note select[name=kind]", "CALL");
            page.fill("#timeline-note textarea", "Asked about the spring collection");
            page.click("#timeline-note button");
            assertThat(entries.first()).containsText("Asked about the spring collection");
            assertThat(entries.first().locator(".tag")).hasText("Call");

            page.locator("#timeline-filter input[value=CALL]").check();
            assertThat(entries).hasCount(1);
            assertThat(page.locator("#timeline-filter label.chip.on")).containsText("Call");
            Files.createDirectories(Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(Path.of("target/screenshots/customer-timeline.png")));
            page.locator("#timeline-filter a.chip").click();
            assertThat(entries).hasCount(20);
        }
    }

    @Test
    void sellsAtThePointOfSaleWithPointsAndACouponThenRefunds() throws Exception {
        String sku = "BR-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        orderApi.addProduct(new io.guanxi.order.NewProduct(
                sku, "Ceramic coating", "SERVICE", null, io.guanxi.shared.Money.yuan("1200.00")));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en"))) {
            Page page = signIn(context);
            page.navigate(url("/customers/new"));
            page.fill("#familyName", "收");
            page.fill("#givenName", "银台");
            page.fill("#phone", "137 2026 0606");
            page.click("#customer-save");
            assertThat(page.locator("#customer-name")).hasText("收银台");
            long id = Long.parseLong(page.url().replaceAll(".*/customers/(\\d+).*", "$1"));
            ledger.adjust(id, 3000, "browser test", "admin");
            long template = coupons.createTemplate(
                            new io.guanxi.loyalty.NewCouponTemplate(
                                    "Browser 100 off " + sku,
                                    io.guanxi.loyalty.CouponKind.AMOUNT_OFF,
                                    new java.math.BigDecimal("100"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    30,
                                    null,
                                    null,
                                    true),
                            "admin")
                    .id();
            String coupon = coupons.issueToCustomers(template, java.util.List.of(id), null, "admin")
                    .get(0)
                    .code();

            page.navigate(url("/orders"));
            page.click("#order-new");
            // htmx is a deferred script: keys typed before the page's load event would reach no listener
            page.waitForLoadState();
            // typed as pinyin: characters entered without key events would not trigger the search
            page.locator("#pos-customer-search").pressSequentially("shouyintai");
            Locator match = page.locator("#pos-customers a[href$='customerId=" + id + "']");
            assertThat(match).hasCount(1);
            match.click();
            page.waitForLoadState();
            assertThat(page.locator("#pos-tier")).containsText("Standard");
            assertThat(page.locator("#pos-points")).hasText("3000");

            page.locator("#pos-product-search").pressSequentially(sku);
            assertThat(page.locator("#pos-products option[value='" + sku + "']"))
                    .hasCount(1);
            page.fill("#pos-sku-0", sku);
            page.fill("#pos-qty-0", "2");
            page.fill("#pos-redeem", "2000");
            page.fill("#pos-coupon", coupon);
            page.selectOption("#pos-payment", "CARD");
            page.click("#pos-preview");
            // 2 × 1200, less the 100 coupon, less 2000 points worth 20
            assertThat(page.locator("#pos-quote-payable")).hasText("2280.00 CNY");
            page.click("#pos-place");

            assertThat(page.locator("p.flash.ok")).containsText("placed");
            assertThat(page.locator("#order-payable")).hasText("2280.00 CNY");
            assertThat(page.locator("#order-coupon")).containsText(coupon);
            assertThat(page.locator("#order-points-used")).containsText("(2000)");
            assertThat(page.locator("#order-points-earned")).hasText("2280");
            screenshot(page, "order-placed");

            page.fill("#refund-qty-1", "1");
            page.fill("#refund-reason", "one car only");
            page.click("#refund-some");
            assertThat(page.locator("p.flash.ok")).containsText("refund");
            assertThat(page.locator("#order-status")).hasText("Partly refunded");
            assertThat(page.locator("#order-refunded")).hasText("1140.00");

            page.navigate(url("/customers/" + id));
            assertThat(page.locator("#membership-tier")).hasText("Silver");
            assertThat(page.locator("#membership-history")).containsText("Upgrade");
            assertThat(page.locator("#membership-ledger")).containsText("Redeemed");
            screenshot(page, "customer-membership");
        }
    }

    @Test
    void foldsTheMenuOnAPhone() throws Exception {
        try (BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setLocale("en").setViewportSize(390, 844))) {
            Page page = signIn(context);
            assertThat(page.locator("nav.nav")).isHidden();
            page.locator("details.menu summary").click();
            assertThat(page.locator("nav.nav")).isVisible();
            Files.createDirectories(Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/phone-home.png")));
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no sideways scrolling on a phone")
                    .isEqualTo(true);
        }
    }
}
