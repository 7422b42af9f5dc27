package org.latchkey.web;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.lockout.AccountLock;
import org.latchkey.lockout.SignInThrottle;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The page a half-signed-in browser sees while its account is locked after too many failed steps: until
 * when (429 with {@code Retry-After}), or that an administrator must unlock it (403). Only a person who gave
 * the right password reaches it, so it may say what the sign-in page may not.
 */
@Controller
class LockedSignInController {

	private final SignInThrottle throttle;

	private final Clock clock;

	private final DeviceCookies devices;

	LockedSignInController(SignInThrottle throttle, DeviceCookies devices, Clock clock) {
		this.throttle = throttle;
		this.devices = devices;
		this.clock = clock;
	}

	@GetMapping(LockedSignInInterceptor.LOCKED_PATH)
	String showLocked(Model model, HttpServletRequest request, HttpServletResponse response) {
		SignInPrincipal principal = LockedSignInInterceptor.pending();
		if (principal == null) {
			return "redirect:/";
		}
		Optional<AccountLock> lock = this.throttle.lockOf(principal.accountId(), this.devices.attemptOf(request));
		if (lock.isEmpty()) {
			return "redirect:/login/verify";
		}
		if (lock.get().untilUnlocked()) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
		}
		else {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(lock.get().secondsLeft(this.clock.instant())));
		}
		model.addAttribute("lock", lock.get());
		return "signin/locked";
	}

	/** Registers the interceptor on every page of step 2 but this one. */
	@Configuration(proxyBeanMethods = false)
	static class Registration implements WebMvcConfigurer {

		private final SignInThrottle throttle;

		private final DeviceCookies devices;

		Registration(SignInThrottle throttle, DeviceCookies devices) {
			this.throttle = throttle;
			this.devices = devices;
		}

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new LockedSignInInterceptor(this.throttle, this.devices))
				.addPathPatterns("/login/verify", "/login/verify/**")
				.excludePathPatterns(LockedSignInInterceptor.LOCKED_PATH);
		}

	}

}
