package org.latchkey.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.oidc.OidcClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.verify.ApiKeys;
import org.latchkey.verify.ApiScope;
import org.latchkey.verify.InvalidApiKeyException;

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
 * An application's API keys for the Verify API: the list (prefix, scopes, last use, revocation), the creation
 * form, the page that shows a new key the one time it exists in clear, and revocation.
 */
@Controller
@RequestMapping("/admin/applications/{id}/api-keys")
class ApiKeysController {

	private final OidcClients clients;

	private final ApiKeys keys;

	ApiKeysController(OidcClients clients, ApiKeys keys) {
		this.clients = clients;
		this.keys = keys;
	}

	@GetMapping
	String showKeys(@PathVariable String id, Model model) {
		return list(find(id), "", model);
	}

	@PostMapping
	String processCreation(@PathVariable String id, @RequestParam(defaultValue = "") String name,
			@RequestParam(name = "scope", required = false) List<String> scopes, Model model,
			HttpServletResponse response) {
		OidcClient app = find(id);
		try {
			model.addAttribute("app", app);
			model.addAttribute("created", this.keys.create(app.id(), name, scopes(scopes)));
			return "admin/api-key-created";
		}
		catch (InvalidApiKeyException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errorField", ex.field());
			model.addAttribute("errorKey", ex.messageKey());
			return list(app, name, model);
		}
	}

	@PostMapping("/revoke")
	String processRevocation(@PathVariable String id, @RequestParam(defaultValue = "0") long key,
			RedirectAttributes redirect) {
		if (!this.keys.revoke(find(id).id(), key)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("revoked", true);
		return "redirect:/admin/applications/" + id + "/api-keys";
	}

	private String list(OidcClient app, String name, Model model) {
		model.addAttribute("app", app);
		model.addAttribute("keys", this.keys.list(app.id()));
		model.addAttribute("scopes", ApiScope.values());
		model.addAttribute("name", name);
		model.addAttribute("revoked", Boolean.TRUE.equals(model.getAttribute("revoked")));
		return "admin/api-keys";
	}

	private static Set<ApiScope> scopes(List<String> names) {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		if (names != null) {
			for (String name : names) {
				for (ApiScope scope : ApiScope.values()) {
					if (scope.name().equals(name)) {
						scopes.add(scope);
					}
				}
			}
		}
		return scopes;
	}

	private OidcClient find(String id) {
		return this.clients.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
