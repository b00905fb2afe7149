package io.ibasho.bench;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/** The public list of sessions, {@code GET bench.path}, asked for at a fixed rate by visitors who arrive and leave. */
public class BrowseAtFixedRate extends MeasuredSimulation {
    {
        var browse = scenario("browse")
                .exec(http("list")
                        .get(System.getProperty("bench.path", "/api/events/sessions"))
                        .check(OpenLoop.measured()))
                .exec(Answers::record);
        setUp(browse.injectOpen(OpenLoop.arrivals())).protocols(OpenLoop.protocol());
    }
}
