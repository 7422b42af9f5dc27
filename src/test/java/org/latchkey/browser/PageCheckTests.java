package org.latchkey.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check every browser test runs on its pages fails on a page with what it looks for. */
@ExtendWith(ChromiumExtension.class)
class PageCheckTests {

	@Test
	void pageWithAnUnlabelledFieldAndFaintTextFailsTheCheck(Chromium chromium) {
		var browser = chromium.browser(0);
		browser.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><h1>t</h1>"
				+ "<input type=text><p style='color:%23999;background:%23aaa'>faint</p></main></html>");

		assertThatThrownBy(() -> new PageCheck("PageCheckTests").page(browser, "/unlabelled"))
			.hasMessageContaining("critical label")
			.hasMessageContaining("serious color-contrast");
	}

	@Test
	void codeFieldThatPhonesCannotFillFailsTheCheck(Chromium chromium) {
		var browser = chromium.browser(0);
		browser.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><h1>t</h1>"
				+ "<label for=code>Code</label><input id=code name=code type=text></main></html>");

		assertThatThrownBy(() -> new PageCheck("PageCheckTests").page(browser, "/code"))
			.hasMessageContaining("autocomplete");
	}

}
