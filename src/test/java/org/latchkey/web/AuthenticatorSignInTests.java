package org.latchkey.web;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's "Configure 2FA" with an authenticator app, through HTTP: the QR code and key on the page, the
 * confirming code computed here from the key the page shows, the sign-out that follows, the sign-in that
 * then asks for a token, and the refusal of a replayed code.
 */
@LatchkeyTest
@StorageInvariants
class AuthenticatorSignInTests extends MailScenarios {

	@BeforeEach
	void usersMayTurnTwoFactorOnForThemselves() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
	}

	@Test
	void configuringAnAppSignsTheUserOutAndTheNextSignInAsksForItsCode() throws Exception {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		Browser otherDevice = signedIn(alice);

		Page setup = browser.get("/account/authenticator").form("form[action$=/start]").submit().follow();
		String secret = setup.document().selectFirst("code.secret").text().replace(" ", "");
		String uri = setup.document().select("code.secret").get(1).text();
		assertThat(decodeQr(setup.document().selectFirst("img.qr").attr("src"))).isEqualTo(uri);
		assertThat(uri).startsWith("otpauth://totp/Latchkey:" + alice.login() + "?secret=" + secret);

		Page confirmed = setup.form("form[action$=/confirm]").set("code", Totp.code(secret, this.clock)).submit();

		assertThat(confirmed.location()).isEqualTo("/login?ended=two_factor_configured");
		assertThat(confirmed.follow().text()).contains("Two-factor authentication is now on for your account");
		assertThat(otherDevice.get("/").location()).startsWith("/login");
		assertThat(Mailbox.text(this.mailbox.next(alice.businessEmail()))).contains("authenticator app");

		this.clock.advance(Duration.ofSeconds(30));
		Page step1 = browser.signIn(alice.login(), People.PASSWORD);
		assertThat(step1.location()).isEqualTo("/login/verify");
		Page ask = browser.get("/login/verify");
		assertThat(ask.text()).contains("Enter the code from your authenticator app");
		Page signedIn = ask.form("form[action$=/login/verify/app]").set("code", Totp.code(secret, this.clock)).submit();
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.list()).containsExactly("AUTHENTICATOR_APP");
	}

	@Test
	void acceptedCodeIsRefusedAtTheNextSignIn() {
		Account alice = People.alice(this.accounts);
		String secret = configure(alice);
		this.clock.advance(Duration.ofSeconds(30));
		String code = Totp.code(secret, this.clock);
		Browser first = new Browser(this.port);
		first.signIn(alice.login(), People.PASSWORD);
		assertThat(submitAppCode(first, code).location()).isEqualTo("/");

		Browser second = new Browser(this.port);
		second.signIn(alice.login(), People.PASSWORD);
		Page replay = submitAppCode(second, code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.text()).contains("This code was already used");
		assertThat(second.get("/").location()).isEqualTo("/login/verify");
	}

	@Test
	void wrongConfirmationCodeConfiguresNothingAndKeepsTheKeyOnScreen() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		Page setup = browser.get("/account/authenticator").form("form[action$=/start]").submit().follow();
		String secret = setup.document().selectFirst("code.secret").text().replace(" ", "");
		String wrong = Totp.code(secret, this.clock).equals("000000") ? "111111" : "000000";

		Page refused = setup.form("form[action$=/confirm]").set("code", wrong).submit();

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#code-error").text()).contains("This is not the code the app shows");
		assertThat(refused.document().selectFirst("code.secret").text().replace(" ", "")).isEqualTo(secret);
		assertThat(browser.get("/").status()).isEqualTo(200);
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void confirmationCodeOfTheWrongShapeIsATypingMistakeNeverATry() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		Page setup = browser.get("/account/authenticator").form("form[action$=/start]").submit().follow();
		String secret = setup.document().selectFirst("code.secret").text().replace(" ", "");

		for (int i = 0; i < 5; i++) {
			Page shape = setup.form("form[action$=/confirm]").set("code", "12345").submit();
			assertThat(shape.status()).isEqualTo(400);
			assertThat(shape.document().select("#code-error").text())
				.isEqualTo("A security code is six digits. Check what you typed and try again.");
		}
		Page confirmed = setup.form("form[action$=/confirm]").set("code", Totp.code(secret, this.clock)).submit();

		assertThat(confirmed.status()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_account_id = :id AND outcome = 'FAILURE'")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void appCannotBeConfiguredWhileTwoFactorIsOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String csrf = browser.get("/").csrf();

		Page page = browser.get("/account/authenticator");
		Page started = browser.post("/account/authenticator/start", Map.of("_csrf", csrf)).follow();

		assertThat(page.text()).contains("Two-factor authentication is off for your organisation");
		assertThat(page.document().select("form[action$=/start]")).isEmpty();
		assertThat(started.document().select("img.qr")).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id")
			.param("id", alice.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void keyIsNeverShownAgainOnceConfirmed() {
		Account alice = People.alice(this.accounts);
		String secret = configure(alice);
		this.clock.advance(Duration.ofSeconds(30));
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		submitAppCode(browser, Totp.code(secret, this.clock));

		Page page = browser.get("/account/authenticator");

		assertThat(page.body()).doesNotContain(secret);
		assertThat(page.text()).contains("An authenticator app is set up");
	}

	@Test
	void userWithAnAppMayAskForAnEmailCodeInstead() {
		Account alice = People.alice(this.accounts);
		configure(alice);
		this.jdbc.sql("INSERT INTO email_factor (account_id, address, verified_at) VALUES (:id, :address, :now)")
			.param("id", alice.id())
			.param("address", alice.businessEmail())
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.update();
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page email = browser.get("/login/verify").form("form[action$=/login/verify/resend]").submit().follow();
		Page signedIn = email.form("form[action$=/login/verify]")
			.set("code", this.mailbox.nextCode(alice.businessEmail()))
			.submit();

		assertThat(signedIn.location()).isEqualTo("/");
	}

	private String configure(Account account) {
		String secret = Totp.enrol(signedIn(account), this.clock);
		this.mailbox.next(account.businessEmail());
		return secret;
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private static Page submitAppCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify/app]").set("code", code).submit();
	}

	/**
	 * Reads the drawn code as the pure barcode it is. Without that hint ZXing looks for finder patterns as in a
	 * photograph, and a random key's data fools that search in about 4 of 1,000 drawn codes.
	 */
	private static String decodeQr(String dataUri) throws Exception {
		byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
		var image = ImageIO.read(new ByteArrayInputStream(png));
		return new QRCodeReader()
			.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
					Map.of(DecodeHintType.PURE_BARCODE, true))
			.getText();
	}

}
