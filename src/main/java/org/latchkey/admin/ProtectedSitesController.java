package org.latchkey.admin;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.forwardauth.InvalidSiteException;
import org.latchkey.forwardauth.NewProtectedSite;
import org.latchkey.forwardauth.ProtectedSites;
import org.latchkey.forwardauth.RequiredFactor;
import org.latchkey.system.FieldErrors;

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
 * Applications → Sites behind a proxy: the sites a reverse proxy asks Latchkey about (forward authentication),
 * with who may enter each and the factor it asks for; adding one and removing one.
 */
@Controller
@RequestMapping("/admin/applications/sites")
class ProtectedSitesController {

	private static final String PAGE = "admin/sites";

	private final ProtectedSites sites;

	ProtectedSitesController(ProtectedSites sites) {
		this.sites = sites;
	}

	@GetMapping
	String showSites(Model model) {
		model.addAttribute("form", NewProtectedSite.blank());
		return page(model);
	}

	@PostMapping
	String processNewSite(@RequestParam(defaultValue = "") String host,
			@RequestParam(defaultValue = "") String pathPrefix,
			@RequestParam(defaultValue = "everyone") String audience,
			@RequestParam(name = "role", defaultValue = "") Set<String> roles,
			@RequestParam(defaultValue = "") String logins, @RequestParam(defaultValue = "") String factor,
			@RequestParam(defaultValue = "") String freshMinutes, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Set<String> typedRoles = roles.stream().filter(role -> !role.isEmpty()).collect(Collectors.toSet());
		NewProtectedSite form = new NewProtectedSite(host, pathPrefix, !"named".equals(audience), typedRoles, logins,
				factor, freshMinutes);
		try {
			this.sites.add(form);
		}
		catch (InvalidSiteException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("form", form);
			FieldErrors.show(model, ex);
			return page(model);
		}
		redirect.addFlashAttribute("added", true);
		return "redirect:/admin/applications/sites";
	}

	@PostMapping("/{id}/delete")
	String processRemoval(@PathVariable long id, RedirectAttributes redirect) {
		if (!this.sites.remove(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("removed", true);
		return "redirect:/admin/applications/sites";
	}

	private String page(Model model) {
		model.addAttribute("sites", this.sites.list());
		model.addAttribute("factors", RequiredFactor.values());
		return PAGE;
	}

}
