package org.latchkey.signin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.FirstAdministrator;
import org.latchkey.factor.EmailFactors;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.sso.ProviderLinking;
import org.latchkey.sso.ProviderSettings;
import org.latchkey.sso.SecondFactorAfterSso;
import org.latchkey.sso.SsoProvider;
import org.latchkey.sso.SsoProviders;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.FirstLoginLinks;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionCookies;
import org.latchkey.testing.SharedServers;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.Totp;
import org.latchkey.testing.TwoNodes;
import org.latchkey.testing.TwoNodes.Node;
import org.latchkey.testing.UpstreamProvider;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.latchkey.signin.SingleUseRaces.assertExactlyOneAccepted;

/**
 * Two instances of Latchkey on one PostgreSQL database, as behind a load balancer: codes, links and temporary
 * passwords work once across the cluster, and failed sign-ins on either node add up to one lock that holds on both. Each is used with its steps alternating between the nodes, then
 * replayed on the node that accepted it and on the other one; and twenty concurrent submissions of one code,
 * split between the nodes, sign in once. A session's cookie opens it on both nodes; the id the database stores
 * for it opens nothing on either.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedServers.class)
class TwoNodeTests {

	private static final String NEW_PASSWORD = "marble orchard beneath seven lanterns";

	private static TwoNodes nodes;

	private static Node one;

	private static Node two;

	private static AccountManagement accounts;

	private static OrganisationPolicy policy;

	private static Mailbox mailbox;

	@BeforeAll
	static void startTwoNodes() {
		nodes = TwoNodes.start(FirstLoginLinks.PUBLIC_ADDRESS);
		one = nodes.first();
		two = nodes.second();
		accounts = one.bean(AccountManagement.class);
		policy = one.bean(OrganisationPolicy.class);
		mailbox = nodes.mailbox();
	}

	@AfterAll
	static void stopTwoNodes() {
		nodes.close();
	}

	/** Runs first: the setup link exists only while no administrator does. */
	@Test
	@Order(1)
	void setupLinkCreatesTheFirstAdministratorOnceAcrossNodes() {
		String token = one.bean(FirstAdministrator.class).openSetup();
		Page early = two.browser().get("/setup?token=" + token);
		String login = People.unique("root");

		Page created = setup(one.browser().get("/setup?token=" + token), token, login);
		Page replaySameNode = setup(one.browser().get("/login"), token, login + "x");
		Page replayOtherNode = setup(early, token, login + "y");

		assertThat(created.location()).startsWith("/login");
		assertThat(replaySameNode.status()).isEqualTo(404);
		assertThat(replayOtherNode.status()).isEqualTo(404);
		assertThat(two.browser().get("/setup?token=" + token).status()).isEqualTo(404);
		assertThat(accounts.findByLogin(login)).isPresent();
		assertThat(accounts.findByLogin(login + "x")).isEmpty();
		assertThat(accounts.findByLogin(login + "y")).isEmpty();
	}

	/** Posts the setup form with the CSRF token of the page the browser holds. */
	private static Page setup(Page page, String token, String login) {
		return page.browser().post("/setup", Map.of("_csrf", page.csrf(), "token", token, "login", login,
				"displayName", "Root", "businessEmail", login + "@example.com", "password", NEW_PASSWORD));
	}

	@Test
	void failuresOnBothNodesAddUpToOneLockThatHoldsOnBoth() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Account alice = People.alice(accounts);
		for (int attempt = 0; attempt < 5; attempt++) {
			Node node = (attempt % 2 == 0) ? one : two;
			assertThat(node.browser().signIn(alice.login(), "not the password of anyone here").location())
				.isEqualTo("/login?error");
		}

		Page lockedOnOne = one.browser().signIn(alice.login(), People.PASSWORD);
		Page lockedOnTwo = two.browser().signIn(alice.login(), People.PASSWORD);
		nodes.clock().advance(Duration.ofSeconds(61));
		Page afterTheLock = two.browser().signIn(alice.login(), People.PASSWORD);

		assertThat(lockedOnOne.location()).isEqualTo("/login?error");
		assertThat(lockedOnTwo.location()).isEqualTo("/login?error");
		assertThat(afterTheLock.location()).isEqualTo("/");
	}

	@Test
	void appCodeWorksOnceAcrossNodes() {
		modeOnBothNodes(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(accounts);
		Browser owner = one.browser();
		owner.signIn(alice.login(), People.PASSWORD);
		String secret = Totp.enrol(owner.at(two.port()), nodes.clock());
		nodes.clock().advance(Duration.ofSeconds(30));
		String code = Totp.code(secret, nodes.clock());

		Browser browser = one.browser();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		Page used = submitAppCode(browser.at(two.port()), code);
		Page replaySameNode = submitAppCode(passwordStep(two, alice), code);
		Page replayOtherNode = submitAppCode(passwordStep(one, alice), code);

		assertThat(used.location()).isEqualTo("/");
		assertThat(replaySameNode.status()).isEqualTo(400);
		assertThat(replaySameNode.text()).contains("This code was already used");
		assertThat(replayOtherNode.status()).isEqualTo(400);
		assertThat(replayOtherNode.text()).contains("This code was already used");
	}

	@Test
	void emailedCodeWorksOnceAcrossNodes() {
		modeOnBothNodes(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(one.bean(EmailFactors.class), People.alice(accounts));
		Browser browser = one.browser();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		String code = mailbox.nextCode(SignIns.twoFactorAddress(alice));

		Page used = SignIns.submitCode(browser.at(two.port()), code);
		// the same browser signs in again: the code it was sent is the one it may try, and it is spent
		assertThat(browser.at(two.port()).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		Page replaySameNode = SignIns.submitCode(browser.at(two.port()), code);
		Page replayOtherNode = SignIns.submitCode(browser.at(one.port()), code);

		assertThat(used.location()).isEqualTo("/");
		assertThat(replaySameNode.status()).isEqualTo(400);
		assertThat(replaySameNode.text()).contains("already used");
		assertThat(replayOtherNode.status()).isEqualTo(400);
		assertThat(replayOtherNode.text()).contains("already used");
		assertThat(browser.at(one.port()).get("/").location()).isEqualTo("/login/verify");
	}

	@Test
	void firstLoginLinkWorksOnceAcrossNodes() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Account ivan = People.ivan(accounts);
		one.browser().get("/first-login").form("form[action=/first-login]").set("identifier", ivan.login()).submit();
		String link = FirstLoginLinks.pathIn(mailbox.next(ivan.businessEmail()));
		Page openedEarly = two.browser().get(link).follow();

		Browser browser = two.browser();
		Page used = chooseFirstPassword(browser.get(link).follow().browser().at(one.port()).get("/first-login/start"),
				"ivan-" + ivan.login() + "@example.org");
		Page replaySameNode = one.browser().get(link);
		Page replayOtherNode = two.browser().get(link);
		Page replayOpenedEarly = chooseFirstPassword(openedEarly, "mallory-" + ivan.login() + "@example.org");

		assertThat(used.location()).isEqualTo("/login/verify");
		assertThat(replaySameNode.status()).isEqualTo(410);
		assertThat(replayOtherNode.status()).isEqualTo(410);
		assertThat(replayOpenedEarly.status()).isEqualTo(410);
	}

	private static Page chooseFirstPassword(Page form, String email) {
		return form.form("form[action=/first-login/start]").set("password", NEW_PASSWORD).set("email", email).submit();
	}

	@Test
	void resetLinkWorksOnceAcrossNodes() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Account alice = People.alice(accounts);
		one.browser().get("/password-reset").form("form[action$=/password-reset]").set("login", alice.login()).submit();
		String link = pathOf(SignIns.nextLink(mailbox, alice.businessEmail()));
		Page openedEarly = one.browser().get(link);

		Page used = two.browser().get(link).form("form[action$=/password-reset/choose]")
			.set("password", NEW_PASSWORD)
			.submit();
		Page replaySameNode = two.browser().get(link);
		Page replayOtherNode = one.browser().get(link);
		Page replayOpenedEarly = openedEarly.form("form[action$=/password-reset/choose]")
			.set("password", "another long passphrase of mallory")
			.submit();

		assertThat(used.location()).isEqualTo("/login?reset");
		assertThat(replaySameNode.status()).isEqualTo(404);
		assertThat(replayOtherNode.status()).isEqualTo(404);
		assertThat(replayOpenedEarly.status()).isEqualTo(404);
		assertThat(one.browser().signIn(alice.login(), NEW_PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void temporaryPasswordWorksOnceAcrossNodes() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Browser admin = one.browser();
		assertThat(admin.signIn(People.ada(accounts).login(), People.PASSWORD).location()).isEqualTo("/");
		Account alice = People.alice(accounts);
		String password = admin.get("/admin/users/" + alice.id())
			.form("form[action$=/password-reset/temporary]")
			.submit()
			.document()
			.select("#temporary-password")
			.text();

		Page used = two.browser().signIn(alice.login(), password);
		Page replaySameNode = two.browser().signIn(alice.login(), password);
		Page replayOtherNode = one.browser().signIn(alice.login(), password);

		assertThat(used.location()).isEqualTo("/login/new-password");
		assertThat(replaySameNode.location()).isEqualTo("/login?error");
		assertThat(replayOtherNode.location()).isEqualTo("/login?error");
	}

	@Test
	void sessionCookieWorksOnBothNodesButAStoredIdOpensNothingOnEither() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Account alice = People.alice(accounts);
		Browser browser = one.browser();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String storedId = two.jdbc()
			.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :login")
			.param("login", alice.login())
			.query(String.class)
			.single();

		assertThat(browser.at(two.port()).get("/account").status()).isEqualTo(200);
		assertThat(browser.at(one.port()).get("/account").status()).isEqualTo(200);
		assertThat(storedId).isNotEqualTo(SessionCookies.secretIn(SessionCookies.of(browser)));
		for (Node node : List.of(one, two)) {
			Browser thief = node.browser().setCookie(SessionCookies.NAME, SessionCookies.carrying(storedId));
			assertThat(thief.get("/account").location()).startsWith("/login");
		}
	}

	@Test
	void twentyConcurrentSubmissionsOfOneEmailedCodeSplitBetweenNodesSignInOnce() throws Exception {
		modeOnBothNodes(TwoFactorMode.REQUIRED);
		assertExactlyOneAccepted(races().emailCode());
	}

	@Test
	void twentyConcurrentSubmissionsOfOneAppCodeSplitBetweenNodesSignInOnce() throws Exception {
		modeOnBothNodes(TwoFactorMode.OPTIONAL);
		assertExactlyOneAccepted(races().authenticatorCode());
	}

	@Test
	void policyChangedOnOneNodeIsObeyedByTheOther() {
		modeOnBothNodes(TwoFactorMode.OFF);
		Account alice = SignIns.withTwoFactorEmail(one.bean(EmailFactors.class), People.alice(accounts));
		// node two has read the policy, and keeps it
		assertThat(two.browser().signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		awaitPolicyOn(two, TwoFactorMode.REQUIRED);
		Page onTwo = two.browser().signIn(alice.login(), People.PASSWORD);

		two.bean(OrganisationPolicy.class).changeTwoFactorMode(TwoFactorMode.OFF);
		awaitPolicyOn(one, TwoFactorMode.OFF);
		Page onOne = one.browser().signIn(alice.login(), People.PASSWORD);

		assertThat(onTwo.location()).isEqualTo("/login/verify");
		assertThat(onOne.location()).isEqualTo("/");
	}

	@Test
	void applicationDisabledOnOneNodeIsUnknownToTheOther() {
		OidcClients clients = one.bean(OidcClients.class);
		RegisteredApplication app = clients.register(new NewClient("Wiki", true, true, "https://wiki.example.com/cb",
				"https://wiki.example.com/signed-out", Set.of("openid")));
		RegisteredClientRepository onTwo = two.bean(RegisteredClientRepository.class);
		// node two has read the client, and keeps it
		assertThat(onTwo.findByClientId(app.client().clientId())).isNotNull();
		assertThat(onTwo.findById(app.client().id())).isNotNull();

		clients.disable(app.client().id());

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(onTwo.findByClientId(app.client().clientId())).isNull());
		assertThat(onTwo.findById(app.client().id())).isNull();
	}

	@Test
	void identityProviderDisabledOnOneNodeLeavesTheOthersSignInPage() {
		String secret = "two-node-upstream-secret-4Hw2";
		Secrets.seen(secret);
		try (UpstreamProvider upstream = new UpstreamProvider()) {
			SsoProviders providers = one.bean(SsoProviders.class);
			SsoProvider contoso = providers.add(upstream.issuer(), new ProviderSettings("Contoso",
					"Sign in with Contoso", "latchkey", secret, "openid email", "email",
					ProviderLinking.LINK_EXISTING, SecondFactorAfterSso.TRUST_PROVIDER, List.of()));
			SsoProviders onTwo = two.bean(SsoProviders.class);
			// node two has read the enabled providers, and keeps them
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(onTwo.enabled()).contains(contoso));

			providers.setEnabled(contoso.id(), false);

			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(onTwo.enabled()).doesNotContain(contoso));
		}
	}

	/**
	 * Sets the two-factor mode on node one and waits until node two obeys it too: a node hears of a change made
	 * on another when PostgreSQL delivers the commit's notification, a few milliseconds later.
	 */
	private static void modeOnBothNodes(TwoFactorMode mode) {
		policy.changeTwoFactorMode(mode);
		awaitPolicyOn(two, mode);
	}

	private static void awaitPolicyOn(Node node, TwoFactorMode mode) {
		OrganisationPolicy its = node.bean(OrganisationPolicy.class);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(its.current().twoFactorMode()).isEqualTo(mode));
	}

	private static SingleUseRaces races() {
		return new SingleUseRaces(List.of(one.port(), two.port()), accounts, one.bean(EmailFactors.class), policy,
				mailbox, one.jdbc(), nodes.clock());
	}

	private static Browser passwordStep(Node node, Account account) {
		Browser browser = node.browser();
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		return browser;
	}

	private static Page submitAppCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify/app]").set("code", code).submit();
	}

	/** The path and query of a link an email carries, whatever address it names: the test picks the node. */
	private static String pathOf(String link) {
		return link.replaceFirst("^https?://[^/]+", "");
	}

}
