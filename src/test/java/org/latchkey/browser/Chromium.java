package org.latchkey.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.naming.OperationNotSupportedException;

import com.deque.html.axecore.providers.EmbeddedResourceAxeProvider;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium driven through its chromedriver, both found on the {@code PATH} (nothing is downloaded).
 * Each browser it starts is headless, has a fresh profile and makes no request of its own; the browsers are
 * started on first use and shared by every browser test of the run, as starting one costs seconds. Each loads
 * axe-core into every page it opens, for {@link PageCheck}: sending the script with each check cost more than
 * the check.
 */
final class Chromium implements AutoCloseable {

	private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
			"--disable-dev-shm-usage", "--lang=en-GB");

	private final Binaries binaries;

	private final List<ChromeDriver> drivers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	private Chromium(Binaries binaries) {
		this.binaries = binaries;
	}

	/** The browser and driver, or empty when this machine has not both. */
	static Optional<Chromium> find() {
		return Binaries.find().map(Chromium::new);
	}

	/** The {@code index}th browser of the run (0 or 1), started on first use, with no cookie left from a test before. */
	synchronized ChromeDriver browser(int index) {
		while (this.drivers.size() <= index) {
			this.drivers.add(start());
		}
		ChromeDriver driver = this.drivers.get(index);
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		return driver;
	}

	private ChromeDriver start() {
		Path profile = temporaryDirectory();
		this.profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(this.binaries.chromium().toFile());
		options.addArguments(FLAGS);
		options.addArguments("--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(this.binaries.chromedriver().toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axeCore()));
		desktop(driver);
		darkScheme(driver, false);
		// the shared CPU may be busy with other builds: give pages room rather than flake
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
		return driver;
	}

	/** Shows pages in a desktop browser's viewport, 1280×800. */
	static void desktop(ChromeDriver driver) {
		viewport(driver, 1280, 800, false);
	}

	/** Shows pages as a phone does, in a 390×844 viewport that honours the page's viewport settings. */
	static void phone(ChromeDriver driver) {
		viewport(driver, 390, 844, true);
	}

	/** Shows pages in the dark colour scheme that people choose in their system settings, or in the light one. */
	static void darkScheme(ChromeDriver driver, boolean dark) {
		driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
	}

	private static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	@Override
	public synchronized void close() {
		this.drivers.forEach(ChromeDriver::quit);
		this.drivers.clear();
		this.profiles.forEach(profile -> FileSystemUtils.deleteRecursively(profile.toFile()));
	}

	/** axe-core's script, as its Selenium package carries it. */
	private static String axeCore() {
		try {
			return new EmbeddedResourceAxeProvider().getScript();
		}
		catch (IOException | OperationNotSupportedException ex) {
			throw new IllegalStateException("axe-core's script is not on the class path", ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("latchkey-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where Debian installs the browser ({@code chromium}) and its driver ({@code chromium-driver}). */
	record Binaries(Path chromium, Path chromedriver) {

		static Optional<Binaries> find() {
			return onPath("chromium").flatMap(chromium -> onPath("chromedriver").map(driver -> new Binaries(chromium, driver)));
		}

		private static Optional<Path> onPath(String name) {
			String path = System.getenv().getOrDefault("PATH", "");
			return Stream.of(path.split(File.pathSeparator))
				.filter(directory -> !directory.isEmpty())
				.map(directory -> Path.of(directory, name))
				.filter(Files::isExecutable)
				.findFirst();
		}

	}

}
