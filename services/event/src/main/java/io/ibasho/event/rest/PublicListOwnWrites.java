package io.ibasho.event.rest;

import io.ibasho.event.service.PublicSessionList;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * After this replica's own successful write (its transaction has committed when the answer goes out), the public
 * list's copy goes at once: the organiser who just published, changed or cancelled a session sees it in the list on
 * her next request, without waiting for the commit's notification (which tells every replica, this one included).
 */
public class PublicListOwnWrites {
    private final PublicSessionList publicList;

    public PublicListOwnWrites(PublicSessionList publicList) {
        this.publicList = publicList;
    }

    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method) && response.getStatus() < 400) {
            publicList.changed();
        }
    }
}
