package io.ibasho.registration.lottery;

import java.util.List;

/**
 * A rehearsal of the draw made with a throwaway seed. A separate type from {@link LotteryDraw} so that
 * a preview can never be published, verified or acted on as if it were the real draw.
 *
 * @param provisionalOrder   an order drawn with a throwaway seed
 * @param provisionalOutcome seats allocated on that order with the assumed childcare answers
 */
public record DrawPreview(List<RankedApplicant> provisionalOrder, DrawOutcome provisionalOutcome) {

    /** Shown with every preview, in both languages the service speaks. */
    public static final String NOTICE = "プレビュー：本番の抽選ではありません。仮の乱数による例で、当選者を示すものではありません。"
            + " / PREVIEW: not the real draw. Made with a throwaway seed; it does not show who will win.";

    public DrawPreview {
        provisionalOrder = List.copyOf(provisionalOrder);
    }

    public boolean isRealDraw() {
        return false;
    }

    public String notice() {
        return NOTICE;
    }

    @Override
    public String toString() {
        return NOTICE + " " + provisionalOrder.size() + " applications, "
                + provisionalOutcome.winners().size() + " provisional winners";
    }
}
