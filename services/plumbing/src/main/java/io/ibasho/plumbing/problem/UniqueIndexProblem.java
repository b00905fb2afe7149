package io.ibasho.plumbing.problem;

/**
 * A service's own words for a clash with one of its unique indexes (SQL state 23505), reached when two requests race
 * past the checks above the database. A service declares one bean per index it wants to explain; any other clash is
 * answered with the generic 409 {@code conflict}.
 *
 * @param index the index or constraint name, as PostgreSQL reports it
 */
public record UniqueIndexProblem(String index, String type, String detail) {}
