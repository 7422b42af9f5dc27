package org.latchkey.mail.internal;

import java.util.Set;

import org.latchkey.mail.Email;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders an {@link Email} from its templates under {@code templates/mail/}: the HTML part from
 * {@code <template>.html}, the plain-text part from {@code <template>.txt} (Thymeleaf's text mode), both with
 * the texts of the {@code mail} bundle in the email's language. A template engine of its own keeps mail
 * templates out of the pages' view resolution.
 */
@Component
public class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	private final MessageSource messages;

	MailTemplates(MessageSource messages) {
		this.messages = messages;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		this.engine.setTemplateResolver(resolver);
		this.engine.setTemplateEngineMessageSource(messages);
	}

	/** Fails when a template or the subject is missing, so the caller's transaction rolls back. */
	public RenderedMail render(Email email) {
		Context context = new Context(email.locale(), email.variables());
		String subject = this.messages.getMessage("mail." + email.template() + ".subject", null, email.locale());
		return new RenderedMail(subject, this.engine.process(email.template() + ".txt", context),
				this.engine.process(email.template() + ".html", context));
	}

}
