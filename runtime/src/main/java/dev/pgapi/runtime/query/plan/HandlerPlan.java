package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.schema.MediaHandlerInfo;

/**
 * A media type handler applied to the rows of a response ({@link Shape#HANDLER}).
 *
 * @param handler   the handler the negotiation chose
 * @param schema    the schema of the relation whose row type the rows are cast to for an aggregate over it, else null
 * @param relation  that relation's name, else null
 * @param scalars   the rows are a function's scalar values ({@code pgrst_scalar}), not rows
 */
public record HandlerPlan(MediaHandlerInfo handler, String schema, String relation, boolean scalars) {}
