package se.lefileka.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Chromium;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;

/**
 * The operator console in a real browser (headless Chromium): a batch's progress bar moves and
 * finishes, the online lane holds during a service window (a caseworker's query waiting in its
 * class of work), a file set aside shows with its
 * reason, and no person is named on the page or in its data. Saves a screenshot to
 * {@code target/console.png}.
 */
class ConsoleIT extends BundleTestSupport {

    /** A personnummer, with or without its century and dash. */
    private static final Pattern PERSONNUMMER = Pattern.compile("\\b(19|20)?\\d{6}[-+]?\\d{4}\\b");

    @TempDir
    Path browserProfile;
    private WebDriver browser;

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsABatchMovingToItsEndALaneHoldingAndAFileSetAsideWithItsReasonAndNoPerson() throws Exception {
        TestClock clock = TestClock.at(RunningBundle.OPEN_HOURS);
        sandbox.massWork(Duration.ofSeconds(6), Duration.ofSeconds(8));
        // the online service is in an announced service window for the next two hours
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "100",
                "lefi.online.service-windows", "2026-11-24T09:00/2026-11-24T12:00",
                "leka.notifications.first-fetch-millis", "600000"), clock);
        browser = Chromium.start(browserProfile);
        browser.get("http://127.0.0.1:" + bundle.httpPort() + "/console/");

        await().atMost(Duration.ofSeconds(20)).until(() -> laneRow("online").contains("holding"));
        assertThat(laneRow("online")).contains("service window");
        assertThat(laneRow("mass")).contains("running");

        Folders.drop(bundle.dir("inbox/online"), "broken.json", "{\"requestId\": \"broken\", \"personnummer\": ");
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), jms.createObjectMessage("not text"));
        }
        // a caseworker's query waits while the online lane holds: the console counts it in its class
        Folders.drop(bundle.dir("inbox/online"), "waiting.json", Queries.online("waiting-1", Persons.known(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> row("waiting", "interactive").contains("\t1\t"));
        assertThat(row("waiting", "interactive")).as("with the age of the oldest").matches("(?s).*\\d+ s.*");
        // every tenth row bad: answered REJECTED as soon as it is read, long before FK answers the others
        MassRows rows = MassRows.of(2000, 10);
        Folders.drop(bundle.dir("inbox/mass"), "kommun.csv", rows.csv());

        await().atMost(Duration.ofSeconds(30)).until(() -> progressOf("kommun") > 0 && progressOf("kommun") < 100);
        double partWay = progressOf("kommun");
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> progressOf("kommun") == 100
                    && batchRow("kommun").contains("done"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the batch row: " + batchRow("kommun") + "; status.json: "
                    + BundleHttp.get(bundle, "/console/status.json").body(), e);
        }
        assertThat(partWay).as("the bar moved from part way to the end").isLessThan(100);

        await().atMost(Duration.ofSeconds(30)).until(() -> text("setAside").contains("broken.json"));
        assertThat(setAsideRow("broken.json")).as("the file with its reason").contains("online").isNotBlank()
                .matches(row -> row.length() > "online broken.json".length() + 5);

        await().atMost(Duration.ofSeconds(30)).until(() -> !row("deadLettered", "online-jms").isEmpty());
        assertThat(row("deadLettered", "online-jms")).as("the message set aside with its reason").contains("text");

        Path screenshot = Path.of("target", "console.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(PERSONNUMMER.matcher(browser.findElement(By.tagName("body")).getText()).find())
                .as("a personnummer on the page").isFalse();
        String status = BundleHttp.get(bundle, "/console/status.json").body();
        assertThat(PERSONNUMMER.matcher(status).find()).as("a personnummer in status.json: %s", status).isFalse();
    }

    private String text(String id) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "return document.getElementById(arguments[0]).innerText", id));
    }

    private String laneRow(String lane) {
        return row("lanes", lane);
    }

    private String batchRow(String batch) {
        return row("batches", batch);
    }

    private String setAsideRow(String file) {
        return row("setAside", file);
    }

    /** The text of the table's first row that contains the text ("" when none), read at one instant. */
    private String row(String table, String first) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#' + arguments[0] + ' tr')].map(r => r.innerText)"
                        + ".find(t => t.includes(arguments[1])) || ''", table, first);
        return String.valueOf(found);
    }

    /** The width of the batch's progress bar, in per cent (-1 while the batch is not shown), read at one instant. */
    private double progressOf(String batch) {
        Object width = ((JavascriptExecutor) browser).executeScript(
                "const row = [...document.querySelectorAll('#batches tr')].find(r => r.innerText.startsWith(arguments[0]));"
                        + "return row ? row.querySelector('.bar > div').style.width : '';", batch);
        String percent = String.valueOf(width);
        return percent.endsWith("%") ? Double.parseDouble(percent.substring(0, percent.length() - 1)) : -1;
    }
}
