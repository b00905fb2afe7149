package io.ibasho.plumbing.inbox;

/**
 * A message names something another topic has not delivered yet (a childcare reply for a registration whose event is
 * still on its way). Topics are not ordered against each other, so this is retried like a transient failure, and only
 * dead-lettered when the other message never comes.
 */
public class NotYetKnown extends IllegalStateException {
    public NotYetKnown(String what) {
        super(what + " is not known yet");
    }
}
