package org.latchkey.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs the whole application on a random port, on a fresh database of the engine the run tests on
 * ({@link FreshDatabase#ENGINE}: H2 unless told otherwise), with its email and SMS going to the run's
 * {@link Mailbox} and {@link SmsProviderStub}. Test classes with the same further settings share one application
 * context: nothing here differs from one class to the next.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { FreshDatabase.class, SharedServers.class })
@Import({ TestClock.Configuration.class, StatementCounter.Configuration.class })
@ExtendWith(SharedServers.class)
public @interface LatchkeyTest {
}
