/**
 * Internal: how Berth reads and writes every JSON document it handles. Not part of Berth's API; may change in any
 * release. Jackson is used only here.
 *
 * <p>One mechanism reads them all: {@link dev.berth.internal.json.JsonDocuments} parses (syntax errors with line,
 * column and path), and {@code Fields} reads each object against a {@code Schema} of its known fields with typed
 * accessors that record a {@link dev.berth.exception.SpecProblem} at the bad value's path. Documents users write
 * collect every problem and report them at once in one {@link dev.berth.exception.InvalidSpecException}: ECS task
 * definitions ({@code TaskDefinitionJsonReader}, behind {@link dev.berth.json.EcsTaskDefinitionJson}) and ECR
 * lifecycle policies ({@link dev.berth.internal.json.LifecyclePolicyJsonCodec}, behind
 * {@link dev.berth.json.LifecyclePolicyJson}). Records Berth stored itself (the state directory's files) are read
 * through the same accessors by {@link dev.berth.internal.json.RecordReader}, which stops at the first problem: a
 * stored record is never half read. What the documents mean is then checked by the model's own rules, which report
 * {@code SpecProblem}s too.
 *
 * <p>Nullness: nothing in this package accepts or returns {@code null}; JSON {@code null} values are read as
 * absent fields.
 */
package dev.berth.internal.json;
