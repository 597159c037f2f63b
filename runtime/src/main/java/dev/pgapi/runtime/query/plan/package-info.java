/**
 * The immutable plan of a statement: every name resolved against the generated descriptors, every 4xx raised before
 * one of these records exists. The renderers ({@code query.render}) turn a plan into {@code Sql} and cannot fail.
 */
package dev.pgapi.runtime.query.plan;
