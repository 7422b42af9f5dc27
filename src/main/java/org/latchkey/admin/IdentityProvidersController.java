package org.latchkey.admin;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.AccountManagement;
import org.latchkey.sso.InvalidProviderException;
import org.latchkey.sso.LinkedProvider;
import org.latchkey.sso.ProviderDiscovery;
import org.latchkey.sso.ProviderLinking;
import org.latchkey.sso.ProviderSettings;
import org.latchkey.sso.SecondFactorAfterSso;
import org.latchkey.sso.SsoProvider;
import org.latchkey.sso.SsoProviders;
import org.latchkey.system.PublicUrl;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Authentication &amp; SSO → Single sign-on: the identity providers. A provider is added in two
 * steps: its issuer URL, whose discovery document is fetched and shown, then the client and the policies,
 * saved once the administrator confirmed. A provider can be changed, disabled and removed; an account's profile
 * lists the providers it is linked to and unlinks one. Every change is audited by {@link SsoProviders}.
 */
@Controller
class IdentityProvidersController {

	private static final String LIST = "admin/sso";

	private static final String PROVIDER = "admin/sso-provider";

	private final SsoProviders providers;

	private final AccountManagement accounts;

	private final PublicUrl publicUrl;

	IdentityProvidersController(SsoProviders providers, AccountManagement accounts, PublicUrl publicUrl) {
		this.providers = providers;
		this.accounts = accounts;
		this.publicUrl = publicUrl;
	}

	/** What the provider form posts, as typed. */
	record ProviderForm(String issuer, String displayName, String buttonLabel, String clientId, String clientSecret,
			String scopes, String linkClaim, String linking, String secondFactor, String acceptedAcr) {

		static ProviderForm empty(String issuer) {
			return new ProviderForm(issuer, "", "", "", "", "openid email profile", "email",
					ProviderLinking.LINK_EXISTING.name(), SecondFactorAfterSso.TRUST_PROVIDER.name(), "");
		}

		static ProviderForm of(SsoProvider provider) {
			return new ProviderForm(provider.issuer(), provider.displayName(), provider.buttonLabel(),
					provider.clientId(), "", provider.scopes(), provider.linkClaim(), provider.linking().name(),
					provider.secondFactor().name(), String.join(" ", provider.acceptedAcr()));
		}

		ProviderSettings settings() {
			return new ProviderSettings(this.displayName, this.buttonLabel, this.clientId, this.clientSecret,
					this.scopes, this.linkClaim, parse(ProviderLinking.class, this.linking),
					parse(SecondFactorAfterSso.class, this.secondFactor),
					(this.acceptedAcr != null) ? List.of(this.acceptedAcr) : List.of());
		}

		private static <E extends Enum<E>> E parse(Class<E> type, String value) {
			return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst().orElse(null);
		}

	}

	@GetMapping("/admin/sso")
	String showProviders(Model model) {
		model.addAttribute("providers", this.providers.all());
		model.addAttribute("callback", this.publicUrl.to("/login/sso/callback").toUriString());
		return LIST;
	}

	@PostMapping("/admin/sso/discover")
	String discover(@RequestParam(required = false) String issuer, Model model, HttpServletResponse response) {
		ProviderDiscovery discovery;
		try {
			discovery = this.providers.discover(issuer);
		}
		catch (InvalidProviderException ex) {
			return refusedIssuer(ex, issuer, model, response);
		}
		return providerForm(null, discovery, ProviderForm.empty(discovery.issuer()), model);
	}

	@PostMapping("/admin/sso")
	String add(ProviderForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			this.providers.add(form.issuer(), form.settings());
		}
		catch (InvalidProviderException ex) {
			if ("issuer".equals(ex.field())) {
				return refusedIssuer(ex, form.issuer(), model, response);
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex);
			return providerForm(null, this.providers.discover(form.issuer()), form, model);
		}
		redirect.addFlashAttribute("notice", "admin.sso.added");
		return "redirect:/admin/sso";
	}

	@GetMapping("/admin/sso/{id}")
	String showProvider(@PathVariable long id, Model model) {
		SsoProvider provider = existing(id);
		return providerForm(provider, provider.discovery(), ProviderForm.of(provider), model);
	}

	@PostMapping("/admin/sso/{id}")
	String change(@PathVariable long id, ProviderForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		SsoProvider provider = existing(id);
		try {
			this.providers.change(id, form.settings());
		}
		catch (InvalidProviderException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex);
			return providerForm(provider, provider.discovery(), form, model);
		}
		redirect.addFlashAttribute("notice", "admin.sso.saved");
		return "redirect:/admin/sso";
	}

	@PostMapping("/admin/sso/{id}/enabled")
	String setEnabled(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled,
			RedirectAttributes redirect) {
		existing(id);
		this.providers.setEnabled(id, enabled);
		redirect.addFlashAttribute("notice", enabled ? "admin.sso.enabled.done" : "admin.sso.disabled.done");
		return "redirect:/admin/sso";
	}

	@PostMapping("/admin/sso/{id}/remove")
	String remove(@PathVariable long id, RedirectAttributes redirect) {
		existing(id);
		this.providers.remove(id);
		redirect.addFlashAttribute("notice", "admin.sso.removed");
		return "redirect:/admin/sso";
	}

	@PostMapping("/admin/users/{id}/sso/unlink")
	String unlink(@PathVariable long id, @RequestParam long provider, RedirectAttributes redirect) {
		String login = this.accounts.findById(id)
			.orElseThrow(() -> new org.latchkey.account.AccountNotFoundException(id))
			.login();
		this.providers.unlink(id, login, provider);
		redirect.addFlashAttribute("notice", "admin.sso.unlinked");
		return "redirect:/admin/users/" + id;
	}

	private SsoProvider existing(long id) {
		return this.providers.find(id).orElseThrow(() -> new ProviderNotFoundException());
	}

	private String providerForm(SsoProvider provider, ProviderDiscovery discovery, ProviderForm form, Model model) {
		model.addAttribute("provider", provider);
		model.addAttribute("discovery", discovery);
		model.addAttribute("form", form);
		model.addAttribute("linkings", ProviderLinking.values());
		model.addAttribute("secondFactors", SecondFactorAfterSso.values());
		model.addAttribute("callback", this.publicUrl.to("/login/sso/callback").toUriString());
		return PROVIDER;
	}

	private String refusedIssuer(InvalidProviderException ex, String issuer, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("error", ex);
		model.addAttribute("issuer", issuer);
		return showProviders(model);
	}

	/** A provider that does not exist (any more): the console's not-found page. */
	@org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
	static class ProviderNotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	/** The identity providers an account is linked to, on its profile. */
	@ControllerAdvice(assignableTypes = UserProfileController.class)
	static class LinkedProviders {

		private final SsoProviders providers;

		LinkedProviders(SsoProviders providers) {
			this.providers = providers;
		}

		@ModelAttribute("ssoLinks")
		List<LinkedProvider> ssoLinks(@PathVariable(required = false) String id) {
			return (id != null && id.matches("[0-9]{1,18}")) ? this.providers.linksOf(Long.parseLong(id)) : null;
		}

	}

}
