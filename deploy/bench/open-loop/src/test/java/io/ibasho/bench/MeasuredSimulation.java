package io.ibasho.bench;

import io.gatling.javaapi.core.Simulation;

/** A simulation whose answers {@link Answers} counts over the measured window and prints when it ends. */
abstract class MeasuredSimulation extends Simulation {
    @Override
    public void before() {
        Answers.window(OpenLoop.warmupSeconds(), OpenLoop.seconds());
    }

    @Override
    public void after() {
        System.out.println(Answers.result(OpenLoop.seconds()));
    }
}
