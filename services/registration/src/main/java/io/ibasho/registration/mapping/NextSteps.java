package io.ibasho.registration.mapping;

/**
 * What she can do next whenever 託児 stands between her and a seat, as a stable code (the {@code nextStepsCode} of
 * her registration) with a plain English text for API clients; an app words the code in her own language.
 */
public enum NextSteps {
    /** A first-come booking whose childcare was refused: the seat was released. */
    CHILDCARE_UNAVAILABLE(
            "Childcare could not be arranged for this session, so no seat was kept for you. You can book a"
                    + " seat without childcare, or join the waitlist with your children's ages: you are then offered a seat"
                    + " together with childcare when places free up."),
    /** A seat held while childcare answers. */
    PENDING_CHILDCARE("A seat is held for you while childcare is arranged; your booking is confirmed, with its code, as"
            + " soon as the childcare team answers."),
    /** On the waitlist, waiting for a seat and childcare together. */
    WAITING_FOR_CHILDCARE("Childcare is full for now: you keep your place on the waitlist and are offered a seat"
            + " together with childcare when childcare places free up. You can also cancel this and book a seat"
            + " without childcare."),
    /** A date of her course whose childcare was refused: the seat on that date is kept. */
    COURSE_DATE_WITHOUT_CHILDCARE("Childcare could not be arranged for this date of your course. Your seat on this date"
            + " is kept, without childcare; your other dates are unchanged. If you cannot come without childcare, you can"
            + " cancel this date alone.");

    private final String text;

    NextSteps(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
