package io.ibasho.plumbing.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class UniqueViolationsTest {
    @Test
    void aUniqueViolationIsKnownByItsConstraintOrItsMessage() {
        Throwable named = new RuntimeException(new ConstraintViolationException(
                "x", new SQLException("duplicate key", "23505"), "registration_one_active"));
        Throwable unnamed = new RuntimeException(new ConstraintViolationException(
                "an active registration of this person exists", new SQLException("raised", "23505"), null));
        Throwable otherState = new RuntimeException(new ConstraintViolationException(
                "registration_one_active", new SQLException("not null", "23502"), "registration_one_active"));

        assertThat(UniqueViolations.in(named, "registration_one_active")).isTrue();
        assertThat(UniqueViolations.in(unnamed, "an active registration of this person"))
                .isTrue();
        assertThat(UniqueViolations.in(unnamed, "registration_one_active")).isFalse();
        assertThat(UniqueViolations.in(otherState, "registration_one_active")).isFalse();
        assertThat(UniqueViolations.in(new IllegalStateException("registration_one_active"), "x"))
                .isFalse();
    }
}
