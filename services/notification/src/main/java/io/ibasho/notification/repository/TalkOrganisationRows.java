package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** The organisations that take requests to talk (table talk_organisation). */
public final class TalkOrganisationRows {
    private TalkOrganisationRows() {}

    /** The demo organisations (fictional), accepting requests, unless they are there already. */
    public static Uni<Void> insertDemoOrganisations(OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session ->
                        session.createNativeQuery("""
                insert into talk_organisation (organisation_id, name_ja, name_en, accepting, updated_at, updated_by)
                values ('hinata', 'ひなたの会', 'Hinata Women''s Network', true, :now, 'demo-data'),
                       ('minato', 'みなと女性センター', 'Minato Women''s Centre', true, :now, 'demo-data')
                on conflict (organisation_id) do nothing""").setParameter("now", now).executeUpdate())
                .replaceWithVoid();
    }
}
