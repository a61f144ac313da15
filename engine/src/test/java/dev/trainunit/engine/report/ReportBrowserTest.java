package dev.trainunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.EngineTestKitSupport;
import dev.trainunit.engine.fixtures.BrokenMissingMomentum;
import dev.trainunit.engine.fixtures.CorrectModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens the generated report in a real headless Chromium, as a person would, and checks that the
 * curves are drawn and the failing fixture's overlay marks where the runs part. Leaves a screenshot
 * at {@code target/report-screenshot.png}. Skipped, saying what to install, where the Debian
 * packages chromium and chromium-driver are missing.
 */
class ReportBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String INSTALL =
      "install Debian packages chromium and chromium-driver: apt-get install chromium chromium-driver";

  @TempDir Path output;

  @TempDir Path profile;

  @Test
  void theReportShowsCurvesAndMarksTheDivergenceInARealBrowser() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + "; " + INSTALL);
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + "; " + INSTALL);

    EngineTestKitSupport.run(output, BrokenMissingMomentum.class, CorrectModel.class);
    Path report = output.resolve("report").resolve("index.html");
    assertThat(report).exists();

    // The driver named explicitly, so Selenium Manager never looks anything up on the network.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,1500",
        "--hide-scrollbars");
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.get(report.toUri().toString());
      assertThat(driver.getTitle()).startsWith("TrainUnit report").contains("2 failed");

      // Every learning curve is a displayed path through several points.
      List<WebElement> curves =
          driver.findElements(
              By.cssSelector("figure.curve:not(.overlay-chart) .series.reference path.line"));
      assertThat(curves).hasSize(3 * 2);
      for (WebElement path : curves) {
        assertThat(path.isDisplayed()).isTrue();
        assertThat(path.getAttribute("d")).startsWith("M").contains(" L");
        assertThat(path.getAttribute("d").split(" L")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(path.getRect().getWidth()).isGreaterThan(100);
      }

      // The failing save-restore overlays the expected and the actual curve, with the divergence
      // marked.
      WebElement overlay =
          driver.findElement(
              By.cssSelector("tr.overlay-row.failed[data-check='save-restore'] .overlay"));
      assertThat(overlay.isDisplayed()).isTrue();
      List<WebElement> expected =
          overlay.findElements(By.cssSelector(".series.expected path.line"));
      List<WebElement> actual = overlay.findElements(By.cssSelector(".series.actual path.line"));
      assertThat(expected).isNotEmpty().allSatisfy(p -> assertThat(p.isDisplayed()).isTrue());
      assertThat(actual)
          .hasSameSizeAs(expected)
          .allSatisfy(p -> assertThat(p.isDisplayed()).isTrue());
      assertThat(actual.get(0).getAttribute("d")).isNotEqualTo(expected.get(0).getAttribute("d"));

      List<WebElement> markers = overlay.findElements(By.cssSelector(".divergence-marker"));
      assertThat(markers).hasSameSizeAs(expected);
      WebElement marker = markers.get(0);
      assertThat(marker.isDisplayed()).isTrue();
      assertThat(marker.getRect().getHeight()).isGreaterThan(50);
      String iteration = marker.getAttribute("data-iteration").replace(".0", "");
      WebElement label = marker.findElement(By.cssSelector("text.marker-label"));
      assertThat(label.isDisplayed()).isTrue();
      assertThat(label.getText()).isEqualTo("diverged at iteration " + iteration);
      assertThat(overlay.findElement(By.cssSelector(".legend")).getText())
          .contains("in the uninterrupted run", "after restore");

      // No section passed a failed check off as passed.
      assertThat(driver.findElements(By.cssSelector("section.has-failures"))).hasSize(1);

      driver.manage().window().setSize(new Dimension(1280, 1500));
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target = Path.of("target", "report-screenshot.png");
      Files.createDirectories(target.getParent());
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(target)).isGreaterThan(10_000);

      // And the whole page, for a person to look through.
      long height =
          ((Number) driver.executeScript("return document.documentElement.scrollHeight"))
              .longValue();
      driver.manage().window().setSize(new Dimension(1280, (int) Math.min(8000, height + 160)));
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target.resolveSibling("report-full-page.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      driver.quit();
    }
  }
}
