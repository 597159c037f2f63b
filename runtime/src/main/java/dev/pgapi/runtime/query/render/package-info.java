/**
 * Pure renderers: a plan ({@code query.plan}) in, {@code Sql} out. No lookups, no errors: everything that can be
 * wrong with a request was rejected while planning.
 */
package dev.pgapi.runtime.query.render;
