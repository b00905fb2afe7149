package io.ibasho.registration.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a report, in the order the reports of the programmes list them. Figures that count people are
 * suppressed when small; sessions held and seats offered count no one and are always shown.
 */
public enum Figure {
    SESSIONS("sessions", false),
    SEATS("seats", false),
    BOOKINGS("bookings", true),
    ATTENDED("attended", true),
    NO_SHOWS("noShows", true),
    DROP_INS("dropIns", true),
    /** 延べ参加者: attended plus drop-ins. */
    PARTICIPANTS("participants", true),
    APPLICATIONS("applications", true),
    /** 託児延べ by age band. */
    CHILDREN_0_2("children0to2", true),
    CHILDREN_3_5("children3to5", true),
    CHILDREN_6_UP("children6up", true),
    /** Survey answers (one per attendance at most). */
    SURVEY_ANSWERS("surveyAnswers", true),
    /** Answers of 4 or 5 on the satisfaction scale: 満足度 = satisfied / answers. */
    SATISFIED("satisfied", true),
    /** Answers "would come again". */
    COME_AGAIN("comeAgain", true);

    public static final List<Figure> ALL = List.of(values());

    private final String key;
    private final boolean countsPeople;

    Figure(String key, boolean countsPeople) {
        this.key = key;
        this.countsPeople = countsPeople;
    }

    /** The name in JSON, CSV and target requests. */
    public String key() {
        return key;
    }

    public boolean countsPeople() {
        return countsPeople;
    }

    public static Optional<Figure> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
