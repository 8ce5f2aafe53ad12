/**
 * Progress reports for the moments a person waits: image pulls and service deployments. A
 * {@link dev.berth.progress.ProgressListener} registered on {@link dev.berth.api.Berth.Builder#progressListener}
 * receives {@link dev.berth.progress.ProgressEvent}s; {@link dev.berth.progress.ProgressListener#printingTo}
 * renders them as one updating console line. Nothing here accepts or returns {@code null}.
 */
package dev.berth.progress;
