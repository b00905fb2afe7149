package io.ibasho.event.schedule;

/** How workshop places are given out. */
public enum Allocation {
    FIRST_COME,
    /** Applications are collected until the deadline, then places are drawn. */
    LOTTERY
}
