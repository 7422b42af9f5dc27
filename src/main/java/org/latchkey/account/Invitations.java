package org.latchkey.account;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.account.internal.Accounts;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.system.Masks;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first-login email of an invited account: a single-use link, valid for 24 hours, sent to the business
 * email, that opens the page where the account's owner chooses a password and a 2FA email. An administrator
 * sends it from the console; anyone may ask for it on the first-login page, which answers the same whether an
 * account matched or not. Sending a new link voids the earlier ones.
 */
@Service
public class Invitations {

	static final String TEMPLATE = "first-login";

	/** The page a link opens; the token rides in the query. */
	static final String LINK_PATH = "/first-login/start";

	/** Several invited accounts may share a business email; one request reaches no more than these. */
	static final int MATCHES_MAX = 10;

	private final Accounts accounts;

	private final AccountManagement management;

	private final AccountLinks links;

	private final MailQueue mail;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	Invitations(Accounts accounts, AccountManagement management, AccountLinks links, MailQueue mail,
			PublicUrl publicUrl, AuditLog audit) {
		this.accounts = accounts;
		this.management = management;
		this.links = links;
		this.mail = mail;
		this.publicUrl = publicUrl;
		this.audit = audit;
	}

	/**
	 * Creates an invited account and sends its first-login email, in one transaction: a refused field sends
	 * nothing and creates nothing.
	 * @throws InvalidAccountException when a field is refused
	 */
	@Transactional
	public Account inviteAndSend(NewAccount request, Locale locale) {
		Account account = this.management.invite(request);
		send(account, locale, "sent from the console");
		return account;
	}

	/**
	 * Sends a new first-login email to an invited account, which voids its earlier links.
	 * @return false when the account is not invited (it was initialised or disabled meanwhile)
	 * @throws AccountNotFoundException when there is no such account
	 */
	@Transactional
	public boolean send(long accountId, Locale locale) {
		Account account = this.accounts.findById(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
		if (account.status() != AccountStatus.INVITED) {
			return false;
		}
		send(account, locale, "sent again from the console");
		return true;
	}

	/**
	 * What the first-login page does with the login or business email a person typed: each invited account it
	 * names gets a first-login email; an unknown value, an active or a disabled account gets nothing. Nothing
	 * comes back, so that the page cannot tell the cases apart.
	 * @throws InvalidAccountException on the field {@code identifier} when the text cannot be a login or an email
	 */
	@Transactional
	public void request(String identifier, Locale locale) {
		String text = AccountRules.identifier("identifier", identifier);
		List<Account> invited = this.accounts.findByIdentifier(text, AccountStatus.INVITED, MATCHES_MAX);
		if (invited.isEmpty()) {
			// an email address typed here may belong to no user: it is not kept in clear
			this.audit.record(AccountAuditEvent.INVITATION_SENT, AuditOutcome.FAILURE, null, Masks.loginOrEmail(text),
					"asked for on the first-login page; no account waiting for its first login matches");
		}
		for (Account account : invited) {
			send(account, locale, "asked for on the first-login page");
		}
	}

	/**
	 * The invited account a live first-login link belongs to, for the page the link opens. Empty when the link
	 * is unknown, expired, used or voided, or when its account is no longer invited.
	 */
	public Optional<Account> invitedAccount(String token) {
		return this.links.peek(token, LinkPurpose.ACCOUNT_INITIALISATION)
			.flatMap(this.accounts::findById)
			.filter(account -> account.status() == AccountStatus.INVITED);
	}

	/**
	 * Spends a first-login link and makes its account active with the password its owner chose, in one
	 * transaction: a refused password leaves the link unspent, and of two requests racing with one link only
	 * one gets the account.
	 * @return the activated account; empty when the link is no longer valid or its account no longer invited
	 * @throws InvalidAccountException on the field {@code password} when the rules refuse it
	 */
	@Transactional
	public Optional<Account> accept(String token, String password) {
		Optional<Long> accountId = this.links.spend(token, LinkPurpose.ACCOUNT_INITIALISATION);
		if (accountId.isEmpty() || !this.management.activate(accountId.get(), password)) {
			return Optional.empty();
		}
		return this.accounts.findById(accountId.get());
	}

	private void send(Account account, Locale locale, String how) {
		String token = this.links.issue(account.id(), LinkPurpose.ACCOUNT_INITIALISATION);
		String link = this.publicUrl.to(LINK_PATH).queryParam("token", token).toUriString();
		this.mail.enqueue(new Email(account.businessEmail(), TEMPLATE, locale, Map.of("name",
				account.displayName(), "login", account.login(), "link", link, "hours",
				LinkPurpose.ACCOUNT_INITIALISATION.lifetime().toHours())));
		this.audit.record(AccountAuditEvent.INVITATION_SENT, AuditOutcome.SUCCESS, account.id(), account.login(), how);
	}

}
