package org.latchkey.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page a browser test visits must pass, and the pictures it leaves: axe-core finds no serious or
 * critical accessibility violation (light and dark), every code field is one a phone fills from a text
 * message or a password manager from an app, and screenshots at desktop (1280×800) and phone (390×844)
 * sizes go to {@code target/screenshots/<flow>/}, numbered in the order the flow saw the pages.
 */
final class PageCheck {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	// a field with autofocus scrolls the page to it: screenshots show the page from its top, as it opens
	private static final String TOP = "window.scrollTo(0, 0)";

	private static final Set<String> BLOCKING = Set.of("serious", "critical");

	// answers each violation's rule, impact, help and the elements at fault, or why axe-core could not run
	private static final String AXE = """
			const done = arguments[arguments.length - 1];
			axe.run(document, Object.assign({resultTypes: ['violations']}, arguments[0])).then(
				results => done(results.violations.map(rule => ({id: rule.id, impact: rule.impact, help: rule.help,
					targets: rule.nodes.map(node => node.target.join(' '))}))),
				error => done(String(error)));
			""";

	private final Path directory;

	private int pages;

	/** Checks the pages of one flow, whose screenshots replace those of its last run. */
	PageCheck(String flow) {
		this.directory = SCREENSHOTS.resolve(flow);
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

	void page(ChromeDriver driver, String path) {
		codeFieldsSuitPhones(driver, path);
		noBlockingViolation(driver, path, Map.of());
		String name = String.format("%02d-%s", ++this.pages, slug(path));
		photograph(driver, name, TOP, null);
		Chromium.darkScheme(driver, true);
		// colours are what dark mode changes: check their contrast there too
		noBlockingViolation(driver, path + " (dark)", Map.of("runOnly", Map.of("type", "rule", "values",
				List.of("color-contrast"))));
		Chromium.phone(driver);
		save(driver, name + "-phone-dark", TOP, null);
		Chromium.darkScheme(driver, false);
		Chromium.desktop(driver);
	}

	/** Screenshots of the part of the page around {@code part}, as a person scrolls down to read it. */
	void part(ChromeDriver driver, String path, String name, WebElement part) {
		photograph(driver, String.format("%02d-%s-%s", this.pages, slug(path), name),
				"arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -96)", part);
	}

	private void photograph(ChromeDriver driver, String name, String scroll, WebElement element) {
		save(driver, name + "-desktop", scroll, element);
		Chromium.phone(driver);
		save(driver, name + "-phone", scroll, element);
		Chromium.desktop(driver);
	}

	private static void codeFieldsSuitPhones(ChromeDriver driver, String path) {
		for (WebElement code : driver.findElements(By.cssSelector("input[name=code]"))) {
			assertThat(code.getDomAttribute("autocomplete")).as("code field's autocomplete on %s", path)
				.isEqualTo("one-time-code");
			assertThat(code.getDomAttribute("inputmode")).as("code field's inputmode on %s", path).isEqualTo("numeric");
			assertThat(code.getDomAttribute("autofocus")).as("code field's autofocus on %s", path).isNotNull();
		}
	}

	/** Runs axe-core, which the browser loaded into the page, with {@code options} added to those of {@link #AXE}. */
	private static void noBlockingViolation(ChromeDriver driver, String path, Map<String, Object> options) {
		Object violations = driver.executeAsyncScript(AXE, options);
		assertThat(violations).as("axe-core ran on %s", path).isInstanceOf(List.class);
		List<String> blocking = ((List<?>) violations).stream()
			.map(Map.class::cast)
			.filter(rule -> BLOCKING.contains(rule.get("impact")))
			.map(rule -> rule.get("impact") + " " + rule.get("id") + ": " + rule.get("help") + " at " + rule.get("targets"))
			.toList();
		assertThat(blocking).as("serious or critical accessibility violations on %s", path).isEmpty();
	}

	private void save(ChromeDriver driver, String name, String scroll, WebElement element) {
		driver.executeScript(scroll, element);
		try {
			Files.createDirectories(this.directory);
			Files.write(this.directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String slug(String path) {
		String withoutQuery = path.replaceFirst("\\?.*", "");
		String slug = withoutQuery.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return slug.isEmpty() ? "home" : slug;
	}

}
