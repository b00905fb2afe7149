package io.ibasho.plumbing.refusal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable code of a getter check ({@code @AssertTrue boolean isEndAfterStart()}), whose method names the rule that
 * must hold rather than what is wrong: {@code @ViolationCode("END_NOT_AFTER_START")} says it in the words the service's
 * own rules already use for the same mistake. Every other constraint gets its code from {@link ViolationCodes}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ViolationCode {
    String value();
}
