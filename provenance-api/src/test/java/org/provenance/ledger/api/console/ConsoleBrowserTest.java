package org.provenance.ledger.api.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.provenance.ledger.api.demo.DemoSupplyChain;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser on the demo data: one ledger and one browser for the class.
 * Every page a test visits is kept as a screenshot under target/console-screenshots/<test>/;
 * the screenshots of passing tests are removed, those of failing ones kept. The lot and flags
 * pages are also kept under target/console-screenshots/readme/ for the README.
 */
class ConsoleBrowserTest extends ApiTest {

    private static ChromeDriver browser;
    private static boolean demoLoaded;

    @Autowired
    DemoSupplyChain demo;

    private Path shots;
    private int shot;

    @RegisterExtension
    final TestWatcher keepScreenshotsOfFailures = new TestWatcher() {
        @Override
        public void testSuccessful(ExtensionContext context) {
            delete(shots);
        }
    };

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void demoAndCleanSession(TestInfo test) {
        if (!demoLoaded) {
            homeBloc();
            demo.load();
            demoLoaded = true;
        }
        shots = Browser.SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName());
        shot = 0;
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void lastPage() {
        page("last");
    }

    @Test
    void compliance_opens_the_myanmar_flag_sees_the_mine_in_the_lineage_and_reviews_it() {
        login(TestUsers.COMPLIANCE);
        open("/console/flags");
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("OPEN");
        new Select(browser.findElement(By.id("type"))).selectByVisibleText("NON_BLOC_ORIGIN");
        browser.findElement(By.id("filter")).click();
        WebElement row = waitFor(By.cssSelector("tr[data-flag='DEMO-T-06:NON_BLOC_ORIGIN']"));
        assertThat(row.getText()).contains("DEMO-OXIDE-2").contains("DEMO-MINE-MM (MM)").contains("OPEN");
        page("flags");
        Browser.screenshot(browser, Browser.SCREENSHOTS.resolve("readme/flags.png"));

        row.findElement(By.linkText("DEMO-OXIDE-2")).click();
        waitFor(By.cssSelector("#graph[data-render-ms]"));
        assertThat(script("return lineageGraph.getElementById('fac:DEMO-MINE-MM').hasClass('offending')"))
                .isEqualTo(true);
        assertThat(script("return lineageGraph.getElementById('fac:DEMO-MINE-AU').hasClass('offending')"))
                .isEqualTo(false);
        assertThat(browser.findElement(By.id("offending-list")).getText()).contains("DEMO-MINE-MM (MM) — offending");
        assertThat(browser.findElement(By.cssSelector(".legend")).getText()).contains("non-bloc origin: 30%");
        assertThat(browser.findElement(By.id("graph-status")).getText()).contains("lots and").contains("drawn in");
        page("lot");
        script("document.getElementById('lineage').scrollIntoView()");
        Browser.screenshot(browser, Browser.SCREENSHOTS.resolve("readme/lot.png"));

        open("/console/flags/DEMO-T-06:NON_BLOC_ORIGIN");
        browser.findElement(By.id("submit-review")).click();
        assertThat(waitFor(By.id("decision-error")).getText()).contains("required");
        browser.findElement(By.id("decision-ACCEPTED_RISK")).click();
        browser.findElement(By.id("note")).sendKeys("Myanmar share accepted for this shipment only");
        browser.findElement(By.id("submit-review")).click();
        WebElement history = waitFor(By.id("review-history"));
        assertThat(history.getText()).contains("ACCEPTED_RISK by " + TestUsers.COMPLIANCE.principal())
                                     .contains("Myanmar share accepted for this shipment only");
        assertThat(browser.findElement(By.id("flag-status")).getText()).isEqualTo("ACCEPTED_RISK");
        page("reviewed");
    }

    @Test
    void a_dfars_check_passes_before_2027_and_fails_after() {
        login(TestUsers.AUDITOR);
        open("/console/lots/DEMO-MAGNET-2");
        check("DFARS_252_225_7052", "2026-12-15");
        WebElement before = waitFor(By.cssSelector("#check-result .check[data-verdict]"));
        assertThat(before.getAttribute("data-verdict")).isEqualTo("PASS");
        assertThat(before.getText()).contains("Changes on 2027-01-01");
        page("before");
        check("DFARS_252_225_7052", "2027-01-02");
        // htmx replaces the result: look it up afresh until the new verdict is there
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> "FAIL".equals(d.findElement(By.cssSelector("#check-result .check"))
                                           .getAttribute("data-verdict")));
        assertThat(browser.findElement(By.id("check-result")).getText()).contains("DEMO-SEP-CN");
        // an auditor sees the raw events with their principals
        assertThat(waitFor(By.id("event-table")).getText()).contains("LotProduced").contains("Principal");
        page("after");
    }

    @Test
    void an_operator_records_a_transfer_and_a_refusal_names_the_field() {
        assertThat(http.post("/api/facilities", """
                {"id": "%s", "name": "Operator's mine", "kind": "MINE", "country": "AU"}"""
                .formatted(TestUsers.OPERATOR_MINE)).status()).isEqualTo(201);
        String buyer = facility("BUYER", "US");
        String lot = extract(TestUsers.OPERATOR_MINE, "250");
        login(TestUsers.OPERATOR);
        assertThat(browser.getCurrentUrl()).endsWith("/console/record");
        String transferId = id("T");

        fillTransfer(transferId, lot, "not an id!");
        WebElement error = waitFor(By.id("f-toFacilityId-transfer-error"));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("f-toFacilityId-transfer")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(http.get("/api/transfers/" + transferId).status()).isEqualTo(404);
        page("refused");

        fillTransfer(transferId, lot, buyer);
        assertThat(waitFor(By.id("recorded")).getText()).contains("Recorded transfer " + transferId);
        Http.Response recorded = http.get("/api/transfers/" + transferId);
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.text("toFacilityId")).isEqualTo(buyer);
        page("recorded");
    }

    @Test
    void local_users_sign_in_with_a_form_and_without_an_issuer_there_is_no_single_sign_on() {
        open("/console/flags");
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.id("username")).sendKeys(TestUsers.COMPLIANCE.name());
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();
        assertThat(waitFor(By.cssSelector(".problem")).getText()).contains("Wrong user name or password");
        assertThat(browser.findElements(By.id("sso"))).isEmpty();
        assertThat(anonymous().get("/oauth2/authorization/issuer").status()).isEqualTo(404);
        // every console form needs its CSRF token; the API's chain stays stateless, without sessions
        assertThat(anonymous().post("/console/record/transfers", "{}").status()).isEqualTo(403);
        assertThat(http.get("/api/flags").header("Set-Cookie")).isNull();
        login(TestUsers.COMPLIANCE);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.id("open-flags")).isDisplayed()).isTrue();
        // other test classes sharing this ledger add newer flags: the counts table lists every group
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("PRICE_BELOW_FLOOR DEMO-BUY-US-2")
                                                                    .contains("60 USD");
        page("overview");
        browser.findElement(By.id("nav-q")).sendKeys("DEMO-MINE-M");
        browser.findElement(By.cssSelector("form.search button")).click();
        waitFor(By.linkText("DEMO-MINE-MM Kachin Hills Mining")).click();
        assertThat(waitFor(By.id("evidence-flags")).getText()).contains("DEMO-T-06:NON_BLOC_ORIGIN");
        page("facility");
    }

    private void fillTransfer(String transferId, String lot, String to) {
        open("/console/record");
        type("f-id-transfer", transferId);
        type("f-lotId-transfer", lot);
        new Select(browser.findElement(By.id("f-fromFacilityId-transfer"))).selectByValue(TestUsers.OPERATOR_MINE);
        type("f-toFacilityId-transfer", to);
        browser.findElement(By.id("submit-transfer")).click();
    }

    private void check(String policy, String date) {
        new Select(waitFor(By.id("policy"))).selectByValue(policy);
        // a date input's typed format depends on the browser's locale; its value is always ISO
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                                                     browser.findElement(By.id("check-date")), date);
        browser.findElement(By.id("run-check")).click();
    }

    private void login(TestUsers.User user) {
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user.name());
        browser.findElement(By.id("password")).sendKeys(user.password());
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private WebElement waitFor(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private void page(String name) {
        Browser.screenshot(browser, shots.resolve(String.format("%02d-%s.png", ++shot, name)));
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
