package org.latchkey.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test class whose point is what the database enforces (a single use under a race, a counter, a cap, a
 * lock, what is stored and how): the build runs it once on H2 and once more on PostgreSQL (the second Surefire
 * execution of {@code pom.xml} selects the tag {@value #TAG}), where every other class runs on H2 only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(StorageInvariants.TAG)
public @interface StorageInvariants {

	/** The JUnit tag the PostgreSQL execution selects. */
	String TAG = "storage";

}
