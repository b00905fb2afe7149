package io.ibasho.gateway.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the templates show: words already made, nothing for a template to compute or translate. */
final class Views {
    private Views() {}

    /** A session on the Find page. {@code titleLang} is the language of the title shown (ja when no English title exists). */
    @TemplateData
    record SessionCard(
            String id,
            String kind,
            String title,
            String titleLang,
            String when,
            String where,
            String availability,
            String childcare,
            boolean online) {}

    @TemplateData
    record DayGroup(String heading, List<SessionCard> sessions) {}

    @TemplateData
    record Option(String value, String label, boolean selected) {}

    @TemplateData
    record Link(String href, String label) {}

    /** {@code place}: where this part meets when not at the session's venue (address only if public), else null. */
    @TemplateData
    record Part(String label, String when, String place) {
        Part(String label, String when) {
            this(label, when, null);
        }
    }

    /** A session's own page: {@code venue} is the place with its area. {@code address} is shown only when public or when she is confirmed. */
    @TemplateData
    record SessionPage(
            String id,
            String kind,
            String title,
            String titleLang,
            String when,
            String venue,
            String address,
            String addressNote,
            String meetingLink,
            String audience,
            List<Part> parts,
            String childcare,
            String availability,
            String bookLabel,
            boolean bookable,
            boolean lottery,
            boolean cancelled,
            boolean past,
            boolean online,
            MyBooking mine,
            Flyer flyer) {}

    /** What the flyer says: the theme and programme, 講師, 持ち物, 参加費 (null parts are not shown). */
    @TemplateData
    record Flyer(
            String description,
            String descriptionLang,
            List<String> speakers,
            String bring,
            String bringLang,
            String fee) {}

    /** Her registration, as a line on My bookings and on the booking's own page. */
    @TemplateData
    record MyBooking(
            String id,
            String sessionId,
            String title,
            String titleLang,
            String when,
            String status,
            String state,
            String bookingCode,
            boolean showQr,
            String offerUntil,
            /** What cancelling gives up: {@code seat}, {@code waitlist} (her place in line) or null (nothing to cancel). */
            String cancelKind,
            boolean canAnswerOffer,
            /** The offer is her lottery win, which she confirms (not a freed seat she takes). */
            boolean confirmsWin,
            String childcare,
            /** Her children's ages for the childcare (ages only, never names), or null. */
            String childrenAges,
            /** What she can do next when 託児 stands between her and a seat, in her language, or null. */
            String nextSteps,
            /** Childcare was refused and her seat released: she may book the seat again without childcare. */
            boolean canRebookWithoutChildcare,
            /** ... and, childcare being full (not refused for good), join the waitlist with childcare. */
            boolean canWaitlistWithChildcare,
            /** Her nickname and children's ages as she gave them, sent again by those two buttons. */
            String nickname,
            List<Integer> ages,
            boolean active,
            /** A seat past the cancellation cut-off: no button, the page says to tell the organisers instead. */
            boolean tooLateToCancel,
            /**
             * Her lottery application's reference, which names it in the published draw (ADR 0085), or null. Shown on
             * her booking's own page only; never in a link.
             */
            String lotteryReference) {
        public boolean canCancel() {
            return cancelKind != null;
        }

        public boolean leavesWaitlist() {
            return "waitlist".equals(cancelKind);
        }

        public boolean withdrawsApplication() {
            return "application".equals(cancelKind);
        }
    }

    @TemplateData
    record Message(String text, String when, boolean unread, Link link) {}
}
