package io.ibasho.event.mapping;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A session as its own organisation's organisers see it: the public view plus the private and series fields. */
public record OrganiserSessionView(
        @JsonUnwrapped SessionView session,
        String meetingLink,
        Integer childcareCarers,
        Integer childcareMaxChildren,
        String recurrenceId,
        String occurrenceOverride) {}
