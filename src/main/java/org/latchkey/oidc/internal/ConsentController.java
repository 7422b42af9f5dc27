package org.latchkey.oidc.internal;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.latchkey.oidc.OidcClients;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page where a person lets a third-party application have what it asks for, or refuses. Its form goes back
 * to the authorization endpoint, which checks the {@code state} it issued for this request.
 */
@Controller
class ConsentController {

	static final String PATH = "/oauth2/consent";

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping(PATH)
	String consent(@RequestParam(name = "client_id", defaultValue = "") String clientId,
			@RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String state,
			Principal principal, Model model) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null || state.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
		requested.retainAll(client.getScopes());
		requested.remove(OidcScopes.OPENID);
		List<String> toApprove = requested.stream().filter(s -> !granted.contains(s)).toList();
		List<String> approved = requested.stream().filter(granted::contains).toList();
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("toApprove", toApprove.stream().filter(OidcClients.SCOPES::contains).toList());
		model.addAttribute("approved", approved.stream().filter(OidcClients.SCOPES::contains).toList());
		return "oidc/consent";
	}

}
