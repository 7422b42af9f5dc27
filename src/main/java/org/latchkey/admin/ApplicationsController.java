package org.latchkey.admin;

import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.oidc.InvalidClientException;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's applications (OpenID Connect clients): the list, the registration form, one application's
 * page with its redirect URIs' edition, its secret replacement and its disabling, and the page that shows a secret the one time it exists
 * in clear.
 */
@Controller
@RequestMapping("/admin/applications")
class ApplicationsController {

	private static final String LIST = "admin/applications";

	private static final String SECRET = "admin/application-secret";

	private final OidcClients clients;

	ApplicationsController(OidcClients clients) {
		this.clients = clients;
	}

	@GetMapping
	String showApplications(Model model) {
		model.addAttribute("form", new NewClient("", true, true, "", "", Set.of("openid", "profile", "email")));
		return list(model);
	}

	@PostMapping
	String processRegistration(@RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "confidential") String type,
			@RequestParam(defaultValue = "false") boolean thirdParty,
			@RequestParam(defaultValue = "") String redirectUris,
			@RequestParam(defaultValue = "") String postLogoutRedirectUris,
			@RequestParam(name = "scope", defaultValue = "openid") Set<String> scopes, Model model,
			HttpServletResponse response) {
		NewClient form = new NewClient(name, !"public".equals(type), !thirdParty, redirectUris,
				postLogoutRedirectUris, scopes);
		try {
			return secret(this.clients.register(form), model);
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("form", form);
			model.addAttribute("error", ex);
			return list(model);
		}
	}

	@GetMapping("/{id}")
	String showApplication(@PathVariable String id, Model model) {
		OidcClient app = find(id);
		model.addAttribute("app", app);
		model.addAttribute("redirectUris", String.join("\n", app.redirectUris()));
		model.addAttribute("postLogoutRedirectUris", String.join("\n", app.postLogoutRedirectUris()));
		return "admin/application";
	}

	/** Replaces the redirect URIs, checked as at registration; a refused list is shown again with its error. */
	@PostMapping("/{id}/redirects")
	String processRedirectUris(@PathVariable String id, @RequestParam(defaultValue = "") String redirectUris,
			@RequestParam(defaultValue = "") String postLogoutRedirectUris, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		OidcClient app = find(id);
		try {
			this.clients.changeRedirectUris(id, redirectUris, postLogoutRedirectUris);
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("app", app);
			model.addAttribute("error", ex);
			model.addAttribute("redirectUris", redirectUris);
			model.addAttribute("postLogoutRedirectUris", postLogoutRedirectUris);
			return "admin/application";
		}
		redirect.addFlashAttribute("redirectsSaved", true);
		return "redirect:/admin/applications/" + id;
	}

	@PostMapping("/{id}/secret")
	String processSecretRotation(@PathVariable String id, Model model) {
		return secret(this.clients.rotateSecret(id).orElseThrow(ApplicationsController::notFound), model);
	}

	@PostMapping("/{id}/disable")
	String processDisable(@PathVariable String id, RedirectAttributes redirect) {
		if (!this.clients.disable(id)) {
			throw notFound();
		}
		redirect.addFlashAttribute("disabled", true);
		return "redirect:/admin/applications/" + id;
	}

	@PostMapping("/{id}/enable")
	String processEnable(@PathVariable String id, RedirectAttributes redirect) {
		if (!this.clients.enable(id)) {
			throw notFound();
		}
		redirect.addFlashAttribute("enabled", true);
		return "redirect:/admin/applications/" + id;
	}

	private String list(Model model) {
		model.addAttribute("applications", this.clients.list());
		model.addAttribute("scopes", OidcClients.SCOPES);
		return LIST;
	}

	private static String secret(RegisteredApplication registered, Model model) {
		model.addAttribute("app", registered.client());
		model.addAttribute("secret", registered.secret());
		return SECRET;
	}

	private OidcClient find(String id) {
		return this.clients.find(id).orElseThrow(ApplicationsController::notFound);
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
