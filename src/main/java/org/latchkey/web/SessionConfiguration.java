package org.latchkey.web;

import java.time.Clock;

import javax.sql.DataSource;

import org.latchkey.secret.RandomTokens;
import org.latchkey.session.SessionSettings;
import org.latchkey.session.SignedInSessions;
import org.latchkey.web.SecureTransport;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/** Not a servlet filter bean on its own: the security filter chain places it. */
	@Bean
	SessionLifetimeFilter sessionLifetimeFilter(SessionSettings settings, SignedInSessions sessions, Clock clock) {
		return new SessionLifetimeFilter(settings, sessions, clock);
	}

	@Bean
	FilterRegistrationBean<SessionLifetimeFilter> sessionLifetimeFilterRegistration(SessionLifetimeFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	HashedSessionIds hashedSessionIds(RandomTokens tokens) {
		return new HashedSessionIds(tokens);
	}

	/**
	 * Spring Session's store, made here as its own configuration makes it, but for two things. That configuration
	 * gives the store's {@code JdbcTemplate} a translator of SQL error codes, which reads Spring's XML file of
	 * error codes at every start (an XML parser of some 390 classes); this one translates by exception class, as
	 * every other {@code JdbcTemplate} of Latchkey's does. And that configuration runs every call in a transaction
	 * of its own, a single query included, which costs two more messages to the database; here a call joins the
	 * caller's transaction and otherwise runs on its own, and the session filter saves a session, several
	 * statements, in a transaction of its own ({@link #springSessionRepositoryFilter}). Sessions last
	 * {@code server.servlet.session.timeout} idle (Spring Boot's {@link SessionTimeout}); table, clean-up and save
	 * modes are Spring Session's defaults.
	 */
	@Bean
	JdbcIndexedSessionRepository sessionRepository(DataSource dataSource, PlatformTransactionManager transactions,
			SessionTimeout timeout, HashedSessionIds ids) {
		var callersTransactions = new TransactionTemplate(transactions);
		callersTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		var repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), callersTransactions);
		repository.setDefaultMaxInactiveInterval(timeout.getTimeout());
		repository.setConversionService(attributeSerialization());
		repository.setSessionIdGenerator(ids);
		return repository;
	}

	/** Attribute values as Java serialization writes them, read back with the application's class loader. */
	private static GenericConversionService attributeSerialization() {
		var conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class,
				new DeserializingConverter(SessionConfiguration.class.getClassLoader()));
		return conversions;
	}

	/**
	 * The cookie as Spring Boot configures it from {@code server.servlet.session.cookie.*}: Spring Boot makes its
	 * {@link CookieSerializer} only beside a resolver of this type, so it is a bean, wrapped by the one in use.
	 */
	@Bean
	CookieHttpSessionIdResolver sessionCookies(CookieSerializer serializer) {
		var cookies = new CookieHttpSessionIdResolver();
		cookies.setCookieSerializer(serializer);
		return cookies;
	}

	/**
	 * Spring Session's filter, under the name Spring Boot registers it by: it sends secrets in the cookie and looks
	 * sessions up by their hashes ({@link HashedSessionIdResolver}), asks the store one query a request fewer
	 * ({@link RememberingSessionFilter}), and saves each session in a transaction of its own.
	 */
	@Bean
	RememberingSessionFilter<?> springSessionRepositoryFilter(JdbcIndexedSessionRepository sessions,
			PlatformTransactionManager transactions, CookieHttpSessionIdResolver sessionCookies, HashedSessionIds ids) {
		var ownTransactions = new TransactionTemplate(transactions);
		ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		var filter = new RememberingSessionFilter<>(sessions, ownTransactions);
		filter.setHttpSessionIdResolver(new HashedSessionIdResolver(sessionCookies, ids));
		return filter;
	}

	/**
	 * Behind TLS, the session cookie is a {@code __Host-} cookie, {@code Secure} whatever the request looks
	 * like to the servlet container; in plain-HTTP mode it keeps the name and attributes of
	 * {@code server.servlet.session.cookie.*}. With a cookie domain ({@code latchkey.cookie-domain}, so that the
	 * hosts of sites behind a proxy receive it for forward authentication), it carries that domain, and behind
	 * TLS the {@code __Secure-} prefix instead, since browsers refuse a {@code __Host-} cookie with a domain.
	 */
	@Bean
	DefaultCookieSerializerCustomizer secureSessionCookie(SecureTransport transport,
			@Value("${server.servlet.session.cookie.name}") String name,
			@Value("${latchkey.cookie-domain:}") String cookieDomain) {
		String domain = CookieDomains.checked(cookieDomain);
		return serializer -> {
			if (domain != null) {
				serializer.setDomainName(domain);
			}
			if (transport.required()) {
				serializer.setCookieName((domain != null) ? CookieDomains.SECURE_PREFIX + name : transport.cookieName(name));
				serializer.setUseSecureCookie(true);
				serializer.setUseHttpOnlyCookie(true);
				serializer.setSameSite("Lax");
				serializer.setCookiePath("/");
				serializer.setDomainName(domain);
			}
		};
	}

}
