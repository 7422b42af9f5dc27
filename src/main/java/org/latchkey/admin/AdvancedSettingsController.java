package org.latchkey.admin;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.sms.InvalidSmsSettingsException;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.sms.SmsProviderView;
import org.latchkey.sms.SmsUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * System → Advanced Settings → 2FA: the SMS provider (none by default, Twilio, or a generic HTTP API), the
 * hourly SMS cap, the allowed countries, and a test SMS. Secrets are never shown back, only their last 4
 * characters, and a secret field left blank keeps the stored secret.
 */
@Controller
@RequestMapping("/admin/advanced")
class AdvancedSettingsController {

	private static final String VIEW = "admin/advanced";

	private static final String REDIRECT = "redirect:/admin/advanced";

	/** Enough to show back any value the form accepts, and no more of whatever else was sent. */
	private static final int ECHO_MAX = 4000;

	private final SmsAdministration sms;

	private final OrganisationPolicy policy;

	AdvancedSettingsController(SmsAdministration sms, OrganisationPolicy policy) {
		this.sms = sms;
		this.policy = policy;
	}

	@GetMapping
	String showSettings(Model model) {
		SmsProviderView current = this.sms.view();
		model.addAttribute("form", new SmsProviderChange(current.provider().name(), current.accountSid(), null,
				current.sender(), current.url(), current.method(), null, false, current.bodyTemplate(),
				current.bodyFormat().name(), String.valueOf(current.hourlyCap()), current.allowedCountryCodes(),
				current.verifyServiceSid()));
		model.addAttribute("number", "");
		return show(model, current);
	}

	@PostMapping("/sms")
	String processSms(@RequestParam(required = false) String provider,
			@RequestParam(required = false) String accountSid, @RequestParam(required = false) String authToken,
			@RequestParam(required = false) String sender, @RequestParam(required = false) String url,
			@RequestParam(required = false) String method, @RequestParam(required = false) String headers,
			@RequestParam(defaultValue = "false") boolean clearHeaders,
			@RequestParam(required = false) String bodyTemplate, @RequestParam(required = false) String bodyFormat,
			@RequestParam(required = false) String hourlyCap,
			@RequestParam(required = false) String allowedCountryCodes,
			@RequestParam(required = false) String verifyServiceSid, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			this.sms.change(new SmsProviderChange(provider, accountSid, authToken, sender, url, method, headers,
					clearHeaders, bodyTemplate, bodyFormat, hourlyCap, allowedCountryCodes, verifyServiceSid));
		}
		catch (InvalidSmsSettingsException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			// the secrets typed are not shown back: the person types them again
			model.addAttribute("form", new SmsProviderChange(echo(provider), echo(accountSid), null, echo(sender),
					echo(url), echo(method), null, clearHeaders, echo(bodyTemplate), echo(bodyFormat), echo(hourlyCap),
					echo(allowedCountryCodes), echo(verifyServiceSid)));
			model.addAttribute("errorField", ex.field());
			model.addAttribute("errorKey", ex.messageKey());
			model.addAttribute("number", "");
			return show(model, this.sms.view());
		}
		redirect.addFlashAttribute("notice", "sms.settings.saved");
		return REDIRECT;
	}

	@PostMapping("/sms/test")
	String processTestSms(@RequestParam(defaultValue = "") String number, Locale locale, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		String error;
		try {
			long id = this.sms.sendTestSms(number, locale);
			redirect.addFlashAttribute("queued", String.valueOf(id));
			return REDIRECT;
		}
		catch (InvalidRecipientException ex) {
			error = ex.messageKey();
		}
		catch (SmsUnavailableException ex) {
			error = "sms.settings.test.unavailable";
		}
		catch (SmsLimitReachedException ex) {
			error = "sms.settings.test.limit." + ex.limit();
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("numberError", error);
		String page = showSettings(model);
		model.addAttribute("number", echo(number));
		return page;
	}

	/**
	 * The page, with the allowed methods as they stand: a provider alone lets no user receive SMS codes until
	 * they are allowed too, on another page, which the page names as the next step.
	 */
	private String show(Model model, SmsProviderView current) {
		Set<SecondFactorKind> allowed = this.policy.current().allowedMethods();
		model.addAttribute("sms", current);
		model.addAttribute("allowedMethods", allowed);
		model.addAttribute("smsAllowed", allowed.contains(SecondFactorKind.SMS_CODE));
		return VIEW;
	}

	private static @Nullable String echo(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String printable = value.replaceAll("[\\p{C}&&[^\\n\\r\\t]]", "");
		return (printable.length() <= ECHO_MAX) ? printable : printable.substring(0, ECHO_MAX);
	}

}
