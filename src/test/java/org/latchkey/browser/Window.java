package org.latchkey.browser;

import java.time.Duration;
import java.util.List;

import org.latchkey.testing.Secrets;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's browser window on the application, used as a person uses it: they open an address, find a
 * field by the label they read, type, press a button by its words, and read the page. Every page the window
 * arrives at is {@linkplain PageCheck checked and photographed} before the test goes on.
 */
final class Window {

	// a shared, busy CPU makes pages slow now and then: wait generously rather than flake
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final ChromeDriver driver;

	private final String origin;

	private final PageCheck check;

	private WebElement lastTouched;

	Window(ChromeDriver driver, String origin, PageCheck check) {
		this.driver = driver;
		this.origin = origin;
		this.check = check;
	}

	/** Types an address into the address bar: {@code path} on the application, or a full link from an email. */
	Window open(String pathOrUrl) {
		this.driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : this.origin + pathOrUrl);
		arrived();
		return this;
	}

	/** Types {@code text} into the field whose label reads {@code label}, replacing what it held. */
	Window type(String label, CharSequence text) {
		WebElement field = field(label);
		field.clear();
		field.sendKeys(text);
		this.lastTouched = field;
		return this;
	}

	/** Ticks the checkbox whose label reads {@code label}. */
	Window tick(String label) {
		WebElement box = field(label);
		if (!box.isSelected()) {
			box.click();
		}
		this.lastTouched = box;
		return this;
	}

	/**
	 * Presses the button or link whose words are {@code words}, and waits for the next page. Where a page has
	 * several (one "Save" per form), the person presses the one of the form they just filled.
	 */
	Window press(String words) {
		return leaveWith(() -> clickable(words).click());
	}

	/** Presses the keys on whatever has the focus, as a keyboard does. */
	Window keys(CharSequence... keys) {
		new Actions(this.driver).sendKeys(keys).perform();
		return this;
	}

	/** Presses Enter on the focused element, which submits its form, and waits for the next page. */
	Window enter() {
		return leaveWith(() -> keys(Keys.ENTER));
	}

	/** Scrolls down to the heading {@code words}, as a person does to read that part, which is photographed too. */
	Window scrollTo(String words) {
		List<WebElement> headings = this.driver.findElements(By.xpath("//*[self::h2 or self::h3][normalize-space(.)="
				+ literal(words) + "]"));
		assertThat(headings).as("one heading reads '%s' on %s", words, path()).hasSize(1);
		this.check.part(this.driver, path(), words.toLowerCase().replaceAll("[^a-z0-9]+", "-"), headings.get(0));
		return this;
	}

	/** The element that has the keyboard focus. */
	WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	/** The field whose label reads {@code label}: the element its {@code for} names, or the one it holds. */
	WebElement field(String label) {
		List<WebElement> labels = this.driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
		assertThat(labels).as("one label reads '%s' on %s", label, path()).hasSize(1);
		String target = labels.get(0).getDomAttribute("for");
		return (target != null) ? this.driver.findElement(By.id(target))
				: labels.get(0).findElement(By.cssSelector("input, select, textarea"));
	}

	/**
	 * The error shown for the field labelled {@code label}: the text right under the field, which the field
	 * names as its description so that a screen reader reads it with the field.
	 */
	String errorUnder(String label) {
		WebElement field = field(label);
		WebElement next = field.findElement(By.xpath("following-sibling::*[1]"));
		assertThat(next.getDomAttribute("class")).as("what follows the field '%s'", label).contains("field-error");
		assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(field.getDomAttribute("aria-describedby")).contains(next.getDomAttribute("id"));
		return next.getText();
	}

	/**
	 * Plugs a virtual authenticator (Chrome DevTools, Selenium's {@code HasVirtualAuthenticator}) into the browser,
	 * as a person would plug in a security key or turn on their laptop's fingerprint reader.
	 */
	VirtualAuthenticator authenticator(VirtualAuthenticatorOptions options) {
		return this.driver.addVirtualAuthenticator(options);
	}

	/** Unplugs the virtual authenticator, for the browser's next test. */
	void unplug(VirtualAuthenticator authenticator) {
		this.driver.removeVirtualAuthenticator(authenticator);
	}

	/** All the text the page shows. */
	String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/** The text of the one element {@code css} selects. */
	String read(String css) {
		return this.driver.findElement(By.cssSelector(css)).getText();
	}

	/** The path of the page shown, with its query. */
	String path() {
		String url = this.driver.getCurrentUrl();
		return url.startsWith(this.origin) ? url.substring(this.origin.length()) : url;
	}

	private WebElement clickable(String words) {
		List<WebElement> found = this.driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(words)
				+ "] | //a[normalize-space(.)=" + literal(words) + "]"));
		List<WebElement> visible = found.stream().filter(WebElement::isDisplayed).toList();
		if (visible.size() > 1 && this.lastTouched != null) {
			WebElement form = this.lastTouched.findElement(By.xpath("ancestor::form"));
			visible = visible.stream().filter(button -> button.findElements(By.xpath("ancestor::form")).contains(form)).toList();
		}
		assertThat(visible).as("one button or link reads '%s' on %s", words, path()).hasSize(1);
		return visible.get(0);
	}

	private Window leaveWith(Runnable action) {
		// the page being left carries a mark; the next one does not (comparing elements fails mid-navigation)
		this.driver.executeScript("window.latchkeyLeaving = true");
		action.run();
		this.lastTouched = null;
		arrived("return window.latchkeyLeaving === undefined && document.readyState === 'complete'");
		return this;
	}

	private void arrived() {
		arrived("return document.readyState === 'complete'");
	}

	private void arrived(String condition) {
		new WebDriverWait(this.driver, PATIENCE).ignoring(WebDriverException.class)
			.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(condition)));
		this.check.page(this.driver, path());
		rememberSecrets();
	}

	/** The session and device cookies and the forms' CSRF tokens this page gave: none may reach a log line. */
	private void rememberSecrets() {
		this.driver.manage().getCookies().forEach(cookie -> Secrets.cookie(cookie.getName(), cookie.getValue()));
		this.driver.findElements(By.cssSelector("input[name=_csrf]"))
			.forEach(token -> Secrets.csrfToken(token.getDomAttribute("value")));
	}

	private static String literal(String text) {
		return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
	}

}
